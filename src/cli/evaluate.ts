import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuestion } from '../answer/answerQuestion';
import { AuthorityDirectory } from '../corpus/authorities';
import { openCorpus } from '../search/openCorpus';
import { parseOrExplain, runIfMain } from './args';
import { commandDefaults } from './paths';
import { type GoldQuestion, scoreAnswers } from './scoring';

const USAGE = `Usage: npm run eval -- [--data DIR] --questions FILE [--verbose]

Answers every gold question in FILE from the reports in DIR and scores the answers by the project's
rules (status, required and forbidden words, the right citation, no false quote). Prints the failures,
then "N passed, N failed"; exits 1 when any question fails.`;

/** Runs the command on argv (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseOrExplain('eval', argv, { values: ['--data', '--questions'], switches: ['--verbose', '--help'] }, USAGE);
  if (!args) return 2;
  const file = args.values.get('--questions');
  if (args.switches.has('--help') || !file) {
    process.stdout.write(`${USAGE}\n`);
    return file ? 0 : 2;
  }
  const defaults = commandDefaults();
  const dir = args.values.get('--data') ?? defaults.dataDir;
  const questions = JSON.parse(readFileSync(file, 'utf8')) as GoldQuestion[];
  const index = await openCorpus(dir, AuthorityDirectory.load());
  const answers = new Map(questions.map((q) => [q.id, answerQuestion(index, q.question, { authority: q.authority })]));
  const summary = scoreAnswers(questions, answers, (f) => index.document(f)?.text ?? (() => {
    try {
      return readFileSync(join(dir, f), 'utf8');
    } catch {
      return null;
    }
  })());
  for (const r of summary.results) {
    if (r.passed && !args.switches.has('--verbose')) continue;
    process.stdout.write(`${r.passed ? 'ok  ' : 'FAIL'} ${r.id} ${r.question}\n`);
    if (!r.passed) process.stdout.write(`     ${r.reasons.join('; ')}\n     answer: ${r.answer.replace(/\s+/g, ' ').slice(0, 300)}\n`);
  }
  const n = questions.length;
  process.stdout.write(`answers right: ${summary.answeredRight}/${n}; right citation: ${summary.cited}/${summary.citedWanted}; false quotes: ${summary.falseQuotes}/${summary.quotes}\n`);
  process.stdout.write(`${summary.passed} passed, ${summary.failed} failed\n`);
  return summary.failed === 0 ? 0 : 1;
}

runIfMain(module, 'eval', main);
