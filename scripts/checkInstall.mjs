// Stops a command early, with what to do, when the dependencies are not installed or are older than package-lock.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installed = join(root, 'node_modules', '.package-lock.json');

if (!existsSync(installed)) {
  console.error('The dependencies are not installed: run `npm ci` first (it takes a minute), then this command again.');
  process.exit(1);
}
// npm writes node_modules/.package-lock.json from package-lock.json at each install: a package the lock names at
// another version than the one installed means the lock changed since.
const want = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
const differing = Object.entries(want).filter(([path, p]) => path.startsWith('node_modules/') && !p.optional && have[path]?.version !== p.version);
if (differing.length) {
  const [path, p] = differing[0];
  console.error(`The installed dependencies are older than package-lock.json (${path.replace(/^node_modules\//, '')} ${have[path]?.version ?? 'missing'}, the lock wants ${p.version}): run \`npm ci\`, then this command again.`);
  process.exit(1);
}
