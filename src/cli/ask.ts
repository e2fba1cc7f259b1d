import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { citationLink, sourceName } from '../answer/Citations';
import { answerQuestion } from '../answer/answerQuestion';
import type { Answer } from '../answer/types';
import { AuthorityDirectory } from '../corpus/authorities';
import { openCorpus } from '../search/openCorpus';
import { parseOrExplain, runIfMain } from './args';
import { commandDefaults } from './paths';

const USAGE = `Usage: npm run ask -- [--data DIR] [--authority NAME] [--json] "question"
       npm run ask -- [--data DIR] --json --batch FILE

Answers a question about Ofsted inspections of children's services from the reports in DIR
(default: data, with its sub-folders), with numbered, quoted sources.

  --data DIR         the folder of reports (and optional catalog.json)
  --authority NAME   the authority to use when the question names none
  --json             print the answer as JSON: {id, status, answer, authority, facts, citations}
  --batch FILE       answer every question in FILE, a JSON array of {id, question, authority},
                     and print one JSON array of answers in the same order
  --no-snapshot      read the sources afresh instead of reusing the saved index
  --help             show this help`;

const batchSchema = z.array(z.object({
  id: z.union([z.string(), z.number()]),
  question: z.string(),
  authority: z.string().nullish(),
}));

/** Prints an answer for people: the text, then its numbered sources. */
export function formatAnswer(a: Answer): string {
  const lines = [a.answer];
  if (a.citations.length) {
    lines.push('', 'Sources:');
    a.citations.forEach((c, i) => {
      const where = [c.source, c.date, c.place ?? (c.paragraph ? `para ${c.paragraph}` : null)].filter(Boolean).join(', ');
      lines.push(`[${i + 1}] ${sourceName(c)} (${where})`);
      if (c.summary) lines.push(`    ${c.summary}`);
      lines.push(`    “${c.quote}”`);
      const link = citationLink(c);
      if (link) lines.push(`    ${link}`);
    });
  }
  return lines.join('\n');
}

/** Runs the command on argv (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseOrExplain('ask', argv, { values: ['--data', '--authority', '--batch'], switches: ['--json', '--help', '--no-snapshot'] }, USAGE);
  if (!args) return 2;
  if (args.switches.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const batchFile = args.values.get('--batch');
  const question = args.positional.join(' ').trim();
  if (!batchFile && !question) {
    process.stderr.write(`ask: no question given\n\n${USAGE}\n`);
    return 2;
  }
  const defaults = commandDefaults();
  const dir = args.values.get('--data') ?? defaults.dataDir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`ask: --data ${dir}: no such folder\n`);
    return 2;
  }
  let batch: z.infer<typeof batchSchema> | null = null;
  if (batchFile) {
    try {
      batch = batchSchema.parse(JSON.parse(readFileSync(batchFile, 'utf8')));
    } catch (e) {
      const why = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
      process.stderr.write(`ask: --batch ${batchFile}: expected a JSON array of {id, question, authority}: ${why}\n`);
      return 2;
    }
  }
  const authorities = AuthorityDirectory.load();
  const index = await openCorpus(dir, authorities, {
    snapshot: !args.switches.has('--no-snapshot'),
    log: (m) => process.stderr.write(`ask: ${m}\n`),
  });
  for (const w of index.corpus.warnings) process.stderr.write(`ask: warning: ${w.file}: ${w.message}\n`);
  const json = args.switches.has('--json');
  if (batch) {
    const answers = batch.map((item) => ({ id: item.id, ...answerQuestion(index, item.question, { authority: item.authority ?? args.values.get('--authority') ?? defaults.authority }) }));
    process.stdout.write(`${JSON.stringify(answers, null, json ? 1 : 0)}\n`);
    return 0;
  }
  const answer = answerQuestion(index, question, { authority: args.values.get('--authority') ?? defaults.authority });
  process.stdout.write(json ? `${JSON.stringify({ id: null, ...answer }, null, 2)}\n` : `${formatAnswer(answer)}\n`);
  return 0;
}

runIfMain(module, 'ask', main);
