import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The question-answering core stays a plain library: no bot host in it.
    files: ['src/corpus/**', 'src/timeline/**', 'src/search/**', 'src/answer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['botbuilder*', 'restify*', '../teams/*', '../bot/*', '../server/*'], message: 'The answer engine must not depend on the bot host.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
