import { existsSync, statSync } from 'node:fs';
import { AuthorityDirectory } from '../corpus/authorities';
import { listReportFiles } from '../corpus/loadCorpus';
import { openCorpus, snapshotPath } from '../search/openCorpus';
import { KIND_LABELS } from '../search/describeEvent';
import { parseOrExplain, runIfMain } from './args';
import { commandDefaults } from './paths';

const USAGE = `Usage: npm run ingest -- [--data DIR] [--force]

Reads the reports in DIR and its sub-folders (default: data), extracts the inspection timeline, builds the search
index and saves it as DIR/.index/snapshot.json, then prints a summary: documents, passages, events by
kind, and warnings per file. Files unchanged since the last snapshot are not read again.

  --data DIR   the folder of reports (.txt, .md, .html, .pdf, .docx; .csv for a national history) and
               optional catalog.json, also in its sub-folders
  --force      read every file again, even those unchanged since the snapshot
  --help       show this help`;

/** A one-line progress bar on stderr, redrawn in place on a terminal. */
function progress(done: number, total: number, file: string): void {
  if (!process.stderr.isTTY || total < 2) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${file.slice(0, 40).padEnd(40)}`);
  if (done === total) process.stderr.write('\n');
}

function filesRead(read: number, total: number): string {
  if (read === total) return `all ${total} files read`;
  return `${read} of ${total} files read; the others were unchanged since the snapshot`;
}

/** Runs the command on argv (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseOrExplain('ingest', argv, { values: ['--data'], switches: ['--help', '--force'] }, USAGE);
  if (!args) return 2;
  if (args.switches.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.positional.length) {
    process.stderr.write(`ingest: unexpected argument ${args.positional[0]}\n\n${USAGE}\n`);
    return 2;
  }
  const defaults = commandDefaults();
  const dir = args.values.get('--data') ?? defaults.dataDir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`ingest: --data ${dir}: no such folder\n`);
    return 2;
  }
  const started = Date.now();
  const notes: string[] = [];
  // The files read, as the progress counts them: those reused from the snapshot are not.
  let read = 0;
  const index = await openCorpus(dir, AuthorityDirectory.load(), {
    onProgress: (done, total, file) => {
      read = total;
      progress(done, total, file);
    }, log: (m) => notes.push(m), forceRebuild: args.switches.has('--force'),
  });
  const { corpus, timeline } = index;
  const byKind = new Map<string, number>();
  for (const e of timeline.events) byKind.set(KIND_LABELS[e.kind], (byKind.get(KIND_LABELS[e.kind]) ?? 0) + 1);
  const out = [
    `${corpus.documents.length} documents, ${corpus.passages.length} passages, ${timeline.events.length} events ` +
      `for ${index.authoritiesOnRecord().length} authorities in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(${filesRead(read, listReportFiles(dir).length)})`,
    ...[...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(5)} ${k}${n === 1 ? '' : 's'}`),
  ];
  const warnings = new Map<string, string[]>();
  for (const w of corpus.warnings) warnings.set(w.file, [...(warnings.get(w.file) ?? []), w.message]);
  if (warnings.size) {
    out.push(`warnings in ${warnings.size} file${warnings.size === 1 ? '' : 's'}:`);
    for (const [file, list] of warnings) for (const m of list) out.push(`  ${file}: ${m}`);
  } else {
    out.push('no warnings');
  }
  out.push(...notes.map((n) => `note: ${n}`));
  out.push(existsSync(snapshotPath(dir)) ? `snapshot: ${snapshotPath(dir)}` : 'snapshot: not saved (the folder is read-only)');
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

runIfMain(module, 'ingest', main);
