import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/ask';
import { type CommandRun, runCommand, SEED_DIR } from '../helpers';

/** Runs the ask command, capturing what it prints. */
const run = (argv: string[]): Promise<CommandRun> => runCommand(main, argv);

describe('cli', () => {
  describe('ask', () => {
    it('answers a batch as one JSON array, in order, with ids and nothing else on stdout', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'batch-'));
      const file = join(dir, 'q.json');
      writeFileSync(file, JSON.stringify([
        { id: 'a', question: 'When was the last monitoring visit?', authority: 'Worcestershire' },
        { id: 'b', question: 'When was Oxfordshire last inspected?', authority: null },
      ]));
      const { code, out } = await run(['--data', SEED_DIR, '--json', '--batch', file, '--no-snapshot']);
      expect(code).toBe(0);
      const answers = JSON.parse(out) as { id: string; status: string; answer: string; citations: { source: string; quote: string }[] }[];
      expect(answers.map((a) => a.id)).toEqual(['a', 'b']);
      expect(answers[0]!.answer).toContain('January 2019');
      expect(answers[1]!.answer).toContain('February 2024');
      expect(answers[0]!.citations[0]!.source).toBe('001_2d1bfb7a07081a1a.txt');
    });

    it('prints the answer with numbered sources for people', async () => {
      const { code, out } = await run(['--data', SEED_DIR, '--authority', 'Worcestershire', '--no-snapshot', 'who led the seventh monitoring visit?']);
      expect(code).toBe(0);
      expect(out).toMatch(/Andy Waugh led/);
      expect(out).toMatch(/Sources:\n\[1\] Children's Social Care Service – Ofsted Monitoring Visit Feedback \(001_2d1bfb7a07081a1a\.txt, 2019-03-06, para 5\)/);
    });

    it.each([
      [['--bogus'], 'unknown option --bogus'],
      [['--data'], '--data needs a value'],
      [[], 'no question given'],
      [['--data', '/no/such/folder', 'q'], 'no such folder'],
    ])('refuses %j with a usage message and exit code 2', async (argv, message) => {
      const { code, err } = await run(argv);
      expect(code).toBe(2);
      expect(err).toContain(message);
    });

    it('names what is wrong with a batch file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'batch-'));
      const file = join(dir, 'q.json');
      writeFileSync(file, JSON.stringify([{ id: 'a' }]));
      const { code, err } = await run(['--data', SEED_DIR, '--json', '--batch', file]);
      expect(code).toBe(2);
      expect(err).toContain('0.question');
    });
  });
});
