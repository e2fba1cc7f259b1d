import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/ingest';
import { type CommandRun, runCommand, SEED_DIR } from '../helpers';

/** Runs the ingest command, capturing what it prints. */
const run = (argv: string[]): Promise<CommandRun> => runCommand(main, argv);

describe('cli', () => {
  describe('ingest', () => {
    it('reads every file the first time, then only those changed, and all again with --force', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ingest-'));
      cpSync(SEED_DIR, dir, { recursive: true, filter: (src) => !src.includes('.index') });
      try {
        const first = await run(['--data', dir]);
        expect(first.code).toBe(0);
        expect(first.out).toMatch(/^5 documents, \d+ passages, \d+ events for 3 authorities in [\d.]+ s \(all 5 files read\)\n/);
        expect(first.out).toContain(`snapshot: ${join(dir, '.index', 'snapshot.json')}`);

        appendFileSync(join(dir, '002_bafe8324dc1c07ae.txt'), '\n\nThe panel thanked officers for the report.\n');
        const second = await run(['--data', dir]);
        expect(second.out).toContain('(1 of 5 files read; the others were unchanged since the snapshot)');
        expect(second.out).toContain('note: 1 file changed or added and 0 removed since the snapshot');

        const forced = await run(['--data', dir, '--force']);
        expect(forced.out).toContain('(all 5 files read)');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('lists a catalog problem under the catalog, naming the entry and the field', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ingest-'));
      try {
        writeFileSync(join(dir, 'oxfordshire.txt'), "Inspection of Oxfordshire children's services\n\nInspection dates: 7 to 18 May 2018");
        writeFileSync(join(dir, 'catalog.json'), JSON.stringify([{ file: 'oxfordshire.txt', date: '22/05/2018' }]));
        const { code, out } = await run(['--data', dir]);
        expect(code).toBe(0);
        expect(out).toContain('warnings in 1 file:\n  catalog.json: entry 1 ("oxfordshire.txt"): date "22/05/2018" is not a date (YYYY-MM-DD or YYYY-MM); the entry is left out\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
