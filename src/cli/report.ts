import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { FEEDBACK_PREFIX } from '../bot/BlobFeedbackLog';
import { UNANSWERED_PREFIX } from '../bot/BlobUnansweredLog';
import { BLOB_RETRY } from '../bot/stateStorage';
import { UNANSWERED_STATUSES, type UnansweredEntry, type UnansweredStatus } from '../bot/UnansweredLog';
import { ConfigError, type Config, loadConfig } from '../config';
import { parseOrExplain, runIfMain } from './args';

const USAGE = `Usage: npm run report -- [--since PERIOD] [--from FILE [--feedback FILE] | --blob] [--json]

For the people who keep the bot's data: the questions it could not answer (answered "not on record",
asking which authority, or only by a quoted passage), grouped by authority and by the kind of thing
asked, most frequent first; the thumbs-down votes with their comments; and the authorities people
asked about of which no document is held.

  --since PERIOD    only what was recorded in the last PERIOD (7d, 24h, 2w) or since a date
                    (YYYY-MM-DD, from midnight UTC); default: everything recorded
  --from FILE       the unanswered questions' JSON-lines file (default: UNANSWERED_FILE, else
                    unanswered.jsonl beside FEEDBACK_FILE)
  --feedback FILE   the votes' JSON-lines file (default: FEEDBACK_FILE, else feedback/feedback.jsonl)
  --blob            read both from Azure Blob Storage instead: the unanswered/ and feedback/ blobs of
                    STATE_CONTAINER, with AZURE_STORAGE_CONNECTION_STRING (as the bot keeps them with
                    STATE_STORAGE=blob)
  --json            print the report as JSON (for a spreadsheet) instead of tables
  --help            show this help

Exit status: 0 when the report is printed, 1 when a log cannot be read, 2 for usage.`;

/** Rows shown in the terminal for the most asked questions; --json gives them all. */
export const SHOWN_QUESTIONS = 20;
/** The widest a table cell is printed, in characters; longer text is cut with "…". */
export const CELL_CHARS = 60;

/** What `--since` was given, or the log cannot be read: the message says which and what to do. */
export class ReportError extends Error {}

const PERIOD = /^(\d{1,4})([hdw])$/;
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** The time `--since` means: `7d`, `24h`, `2w` back from `now`, or a date (YYYY-MM-DD) at midnight UTC. */
export function parseSince(text: string, now: Date): Date {
  const t = text.trim();
  const period = PERIOD.exec(t);
  if (period && Number(period[1]) > 0) return new Date(now.getTime() - Number(period[1]) * UNIT_MS[period[2] as keyof typeof UNIT_MS]);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (date) {
    const d = new Date(`${t}T00:00:00.000Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(t)) {
      if (d > now) throw new ReportError(`--since ${JSON.stringify(text)} is after today: give a date in the past`);
      return d;
    }
  }
  throw new ReportError(`--since ${JSON.stringify(text)} is not a period (a number and h, d or w: 24h, 7d, 2w) or a date (YYYY-MM-DD)`);
}

const unansweredSchema = z.object({
  time: z.iso.datetime(),
  question: z.string(),
  authority: z.string().nullable(),
  status: z.enum(UNANSWERED_STATUSES),
  asked: z.string(),
  documents: z.number().int().nullable(),
  conversationType: z.string().nullable(),
  tenant: z.string().nullable(),
});

const voteSchema = z.object({
  time: z.iso.datetime(),
  reaction: z.enum(['like', 'dislike']),
  comment: z.string(),
  question: z.string().nullable(),
  answer: z.string().nullable(),
});
type Vote = z.infer<typeof voteSchema>;

/** Lines of JSON read with `schema`; a line that is not one is skipped and named in `warnings`. */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T>, where: string, warnings: string[]): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      warnings.push(`${where}: line ${i + 1} is not JSON; skipped`);
      return;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) out.push(parsed.data);
    else warnings.push(`${where}: line ${i + 1}: ${parsed.error.issues.slice(0, 2).map((x) => `${x.path.join('.') || 'the line'} ${x.message}`).join('; ')}; skipped`);
  });
  return out;
}

/** Unanswered questions grouped under one name: how many, and how many of each way they went unanswered. */
export interface Group {
  name: string;
  questions: number;
  notFound: number;
  ambiguous: number;
  passage: number;
}

/** A question asked (in the same words, about the same authority) and how often. */
export interface QuestionRow {
  question: string;
  times: number;
  authority: string | null;
  asked: string;
  /** How it went unanswered the last time it was asked. */
  status: UnansweredStatus;
  lastAsked: string;
}

export interface Report {
  /** ISO time from which entries are counted, or null for all. */
  since: string | null;
  /** Where the entries were read. */
  unansweredFrom: string;
  feedbackFrom: string;
  unanswered: { total: number; notFound: number; ambiguous: number; passage: number; byAuthority: Group[]; byKind: Group[]; questions: QuestionRow[] };
  /** 👎 votes, newest first. */
  dislikes: { time: string; comment: string; question: string | null; answer: string | null }[];
  /** Authorities asked about of which no document was held when asked, most asked first. */
  authoritiesWithoutDocuments: { authority: string; questions: number; lastAsked: string }[];
}

/** The name an entry without an authority is grouped under. */
export const NO_AUTHORITY = '(no authority)';

const byCountThenName = <T extends { name?: string; authority?: string | null; question?: string }>(count: (x: T) => number) => (a: T, b: T): number =>
  count(b) - count(a) || (a.name ?? a.authority ?? a.question ?? '').localeCompare(b.name ?? b.authority ?? b.question ?? '');

function group(entries: readonly UnansweredEntry[], key: (e: UnansweredEntry) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    const name = key(e);
    const g = groups.get(name) ?? { name, questions: 0, notFound: 0, ambiguous: 0, passage: 0 };
    g.questions++;
    if (e.status === 'not_found') g.notFound++;
    else if (e.status === 'ambiguous') g.ambiguous++;
    else if (e.status === 'passage') g.passage++;
    groups.set(name, g);
  }
  return [...groups.values()].sort(byCountThenName((g) => g.questions));
}

/** A question's words as compared: case, spacing and closing punctuation aside. */
const sameWords = (q: string): string => q.toLowerCase().replace(/\s+/g, ' ').replace(/[\s?!.]+$/, '').trim();

/** The report on what was recorded from `since` (all when null). */
export function buildReport(entries: readonly UnansweredEntry[], votes: readonly Vote[], since: Date | null, from: { unanswered: string; feedback: string }): Report {
  const inPeriod = <T extends { time: string }>(x: T): boolean => !since || new Date(x.time) >= since;
  const recent = entries.filter(inPeriod);
  const unanswered = recent.filter((e) => e.status !== 'no_documents');
  const questions = new Map<string, QuestionRow>();
  for (const e of [...unanswered].sort((a, b) => a.time.localeCompare(b.time))) {
    const key = `${sameWords(e.question)}\u0000${e.authority ?? ''}`;
    const row = questions.get(key);
    // Shown as written with a capital where one of its askings has it ("Is Kent…" rather than "is kent…").
    if (row) Object.assign(row, { times: row.times + 1, status: e.status, asked: e.asked, lastAsked: e.time, question: /^[A-Z]/.test(row.question) ? row.question : e.question.trim() });
    else questions.set(key, { question: e.question.trim(), times: 1, authority: e.authority, asked: e.asked, status: e.status, lastAsked: e.time });
  }
  const without = new Map<string, { authority: string; questions: number; lastAsked: string }>();
  for (const e of recent) {
    if (!e.authority || e.documents !== 0) continue;
    const a = without.get(e.authority) ?? { authority: e.authority, questions: 0, lastAsked: e.time };
    a.questions++;
    if (e.time > a.lastAsked) a.lastAsked = e.time;
    without.set(e.authority, a);
  }
  const count = (status: UnansweredStatus): number => unanswered.filter((e) => e.status === status).length;
  return {
    since: since?.toISOString() ?? null,
    unansweredFrom: from.unanswered,
    feedbackFrom: from.feedback,
    unanswered: {
      total: unanswered.length,
      notFound: count('not_found'),
      ambiguous: count('ambiguous'),
      passage: count('passage'),
      byAuthority: group(unanswered, (e) => e.authority ?? NO_AUTHORITY),
      byKind: group(unanswered, (e) => e.asked),
      questions: [...questions.values()].sort((a, b) => b.times - a.times || b.lastAsked.localeCompare(a.lastAsked) || a.question.localeCompare(b.question)),
    },
    dislikes: votes.filter((v) => v.reaction === 'dislike' && inPeriod(v))
      .sort((a, b) => b.time.localeCompare(a.time))
      .map(({ time, comment, question, answer }) => ({ time, comment, question, answer })),
    authoritiesWithoutDocuments: [...without.values()].sort(byCountThenName((a) => a.questions)),
  };
}

/** Text cut to `max` characters on one line. */
function cell(text: string, max = CELL_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A plain-text table: a header, a rule, then the rows; numbers right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-GB') : cell(c))));
  const numeric = headers.map((_h, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

const HOW: Record<UnansweredStatus, string> = {
  not_found: 'not on record', ambiguous: 'which authority?', passage: 'passage only', no_documents: 'no documents',
};

/** A time as the table shows it: "2026-03-05 14:02" (UTC). */
const shortTime = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** The report as tables for a terminal. */
export function renderReport(r: Report): string {
  const period = r.since ? `since ${shortTime(r.since)} UTC` : 'in all that was recorded';
  const u = r.unanswered;
  const groupRows = (groups: Group[]): (string | number)[][] => groups.map((g) => [g.name, g.questions, g.notFound, g.ambiguous, g.passage]);
  const groupHead = (name: string): string[] => [name, 'Questions', 'Not on record', 'Which authority?', 'Passage only'];
  const out: string[] = [
    `Questions not answered ${period}: ${u.total.toLocaleString('en-GB')} (${u.notFound} not on record, ${u.ambiguous} asking which authority, ` +
      `${u.passage} answered only by a quoted passage), from ${r.unansweredFrom}`,
  ];
  if (u.total > 0) {
    out.push('', 'By authority', table(groupHead('Authority'), groupRows(u.byAuthority)));
    out.push('', 'By kind asked', table(groupHead('Kind asked'), groupRows(u.byKind)));
    const shown = u.questions.slice(0, SHOWN_QUESTIONS);
    out.push('', `Most asked${u.questions.length > shown.length ? ` (the first ${shown.length} of ${u.questions.length}; --json gives them all)` : ''}`,
      table(['Times', 'Question', 'Authority', 'Kind asked', 'Last answered'], shown.map((q) => [q.times, q.question, q.authority ?? '', q.asked, HOW[q.status]])));
  }
  out.push('', `👎 votes ${period}: ${r.dislikes.length}, from ${r.feedbackFrom}`);
  if (r.dislikes.length) {
    out.push(table(['Time (UTC)', 'Comment', 'Question'], r.dislikes.map((d) => [shortTime(d.time), d.comment || '(none)', d.question ?? '(not remembered)'])));
  }
  out.push('', `Authorities asked about with no documents: ${r.authoritiesWithoutDocuments.length}`);
  if (r.authoritiesWithoutDocuments.length) {
    out.push(table(['Authority', 'Questions', 'Last asked (UTC)'], r.authoritiesWithoutDocuments.map((a) => [a.authority, a.questions, shortTime(a.lastAsked)])));
  }
  return `${out.join('\n')}\n`;
}

/** A path relative to the working folder when it lies inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** The text of every `prefix` blob of the container from the day of `since` on (all when null), in name order. */
async function readBlobs(container: ContainerClient, prefix: string, since: Date | null): Promise<{ name: string; text: string }[]> {
  const from = since ? `${prefix}${since.toISOString().slice(0, 10)}` : '';
  const out: { name: string; text: string }[] = [];
  for await (const blob of container.listBlobsFlat({ prefix })) {
    if (blob.name < from) continue;
    out.push({ name: blob.name, text: (await container.getBlobClient(blob.name).downloadToBuffer()).toString('utf8') });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

interface Logs {
  entries: UnansweredEntry[];
  votes: Vote[];
  from: { unanswered: string; feedback: string };
  warnings: string[];
}

async function readFromBlob(config: Config, since: Date | null): Promise<Logs> {
  if (!config.storageConnectionString) {
    throw new ReportError('--blob needs AZURE_STORAGE_CONNECTION_STRING (and STATE_CONTAINER, default bot-state), as the bot has them with STATE_STORAGE=blob');
  }
  const container = new ContainerClient(config.storageConnectionString, config.stateContainer, { retryOptions: BLOB_RETRY });
  const warnings: string[] = [];
  try {
    if (!(await container.exists())) throw new ReportError(`Blob Storage container "${config.stateContainer}" does not exist: check STATE_CONTAINER`);
    const entries = (await readBlobs(container, UNANSWERED_PREFIX, since)).flatMap((b) => parseJsonLines(b.text, unansweredSchema, b.name, warnings));
    const votes = (await readBlobs(container, FEEDBACK_PREFIX, since)).flatMap((b) => parseJsonLines(b.text, voteSchema, b.name, warnings));
    const where = `container "${config.stateContainer}"`;
    return { entries, votes, from: { unanswered: `${UNANSWERED_PREFIX} in ${where}`, feedback: `${FEEDBACK_PREFIX} in ${where}` }, warnings };
  } catch (e) {
    if (e instanceof ReportError) throw e;
    // The SDK's message never holds the key, but may be long: its first line says what failed.
    throw new ReportError(`cannot read Blob Storage container "${config.stateContainer}": ${String((e as Error).message).split('\n')[0]}`);
  }
}

function readFromFiles(unansweredFile: string, feedbackFile: string, feedbackNamed: boolean): Logs {
  if (!existsSync(unansweredFile)) {
    throw new ReportError(`${shown(unansweredFile)} does not exist: the bot writes it when a question goes unanswered ` +
      '(UNANSWERED_FILE); name another with --from FILE, or use --blob where the bot keeps its state in Blob Storage');
  }
  if (feedbackNamed && !existsSync(feedbackFile)) throw new ReportError(`--feedback ${shown(feedbackFile)} does not exist`);
  const warnings: string[] = [];
  const entries = parseJsonLines(readFileSync(unansweredFile, 'utf8'), unansweredSchema, shown(unansweredFile), warnings);
  // No votes file yet is no votes: the bot makes it at the first vote.
  const votes = existsSync(feedbackFile) ? parseJsonLines(readFileSync(feedbackFile, 'utf8'), voteSchema, shown(feedbackFile), warnings) : [];
  return { entries, votes, from: { unanswered: shown(unansweredFile), feedback: existsSync(feedbackFile) ? shown(feedbackFile) : `${shown(feedbackFile)} (no votes yet)` }, warnings };
}

/** Runs the command on argv (without node and the script); reads `env` (else .env and the environment) and the time `now`. */
export async function main(argv: string[], env?: NodeJS.ProcessEnv, now = new Date()): Promise<number> {
  const args = parseOrExplain('report', argv, { values: ['--since', '--from', '--feedback'], switches: ['--blob', '--json', '--help'] }, USAGE);
  if (!args) return 2;
  if (args.switches.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const usage = (message: string): number => {
    process.stderr.write(`report: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  if (args.positional.length) return usage(`unexpected argument ${JSON.stringify(args.positional[0])}`);
  if (args.switches.has('--blob') && (args.values.has('--from') || args.values.has('--feedback'))) return usage('--blob reads Blob Storage: leave out --from and --feedback');
  let since: Date | null = null;
  try {
    const given = args.values.get('--since');
    if (given !== undefined) since = parseSince(given, now);
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    return usage(e.message);
  }
  if (!env) loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig({ ...(env ?? process.env), ...(args.switches.has('--blob') ? { STATE_STORAGE: 'blob' } : {}) });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`report: fix the environment (or .env; see .env.example):\n${e.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  let logs: Logs;
  try {
    logs = args.switches.has('--blob')
      ? await readFromBlob(config, since)
      : readFromFiles(args.values.get('--from') ?? config.unansweredFile, args.values.get('--feedback') ?? config.feedbackFile, args.values.has('--feedback'));
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    process.stderr.write(`report: ${e.message}\n`);
    return 1;
  }
  for (const w of logs.warnings) process.stderr.write(`report: warning: ${w}\n`);
  const report = buildReport(logs.entries, logs.votes, since, logs.from);
  process.stdout.write(args.switches.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  return 0;
}

runIfMain(module, 'report', (argv) => main(argv));
