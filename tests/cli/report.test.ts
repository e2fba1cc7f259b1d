import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { BlobFeedbackLog } from '../../src/bot/BlobFeedbackLog';
import { BlobUnansweredLog } from '../../src/bot/BlobUnansweredLog';
import type { FeedbackEntry } from '../../src/bot/FeedbackLog';
import type { UnansweredEntry, UnansweredStatus } from '../../src/bot/UnansweredLog';
import { main, NO_AUTHORITY, parseSince, type Report, ReportError, SHOWN_QUESTIONS } from '../../src/cli/report';
import { runCommand } from '../helpers';
import { type Azurite, startAzurite } from '../server/azurite';

const NOW = new Date('2026-03-12T12:00:00.000Z');
const DAY = 86_400_000;
const KINDS = ['when · monitoring visit', 'lead · inspection', 'other', 'improve · inspection'] as const;

/** The made-up log: how many questions of each authority, how they went unanswered, and how many documents it had. */
const PLAN: { authority: string | null; n: number; status: (i: number) => UnansweredStatus; documents: number | null; daysAgo: (i: number) => number }[] = [
  { authority: 'Kent', n: 120, status: (i) => (i % 4 === 0 ? 'passage' : 'not_found'), documents: 4, daysAgo: (i) => (i % 6) + 0.5 },
  { authority: 'Slough', n: 80, status: (i) => (i % 2 ? 'passage' : 'not_found'), documents: 2, daysAgo: (i) => (i % 5) + 0.25 },
  { authority: 'Leeds', n: 50, status: () => 'not_found', documents: 1, daysAgo: (i) => (i % 7) },
  { authority: null, n: 30, status: () => 'ambiguous', documents: null, daysAgo: (i) => (i % 3) + 1 },
  { authority: 'Cornwall', n: 15, status: (i) => (i % 3 ? 'no_documents' : 'not_found'), documents: 0, daysAgo: (i) => i % 4 },
  { authority: 'Rutland', n: 5, status: () => 'not_found', documents: 0, daysAgo: () => 2 },
  // Older than a week: counted without --since only.
  { authority: 'Kent', n: 40, status: () => 'not_found', documents: 4, daysAgo: (i) => 9 + (i % 3) },
];

/** Questions with the words people type: the same question in other case and punctuation counts as one. */
const questionFor = (authority: string | null, i: number): string => {
  const where = authority ?? 'us';
  if (i % 10 < 5) return i % 2 ? `Who chairs the improvement board in ${where}?` : `who chairs the improvement board in ${where.toLowerCase()}`;
  if (i % 10 < 8) return `What did the ${i % 10 === 5 ? 'latest' : 'last'} letter say about ${where}?`;
  return `Question ${i} about ${where}`;
};

function madeUpLog(): UnansweredEntry[] {
  const out: UnansweredEntry[] = [];
  for (const p of PLAN) {
    for (let i = 0; i < p.n; i++) {
      out.push({
        time: new Date(NOW.getTime() - p.daysAgo(i) * DAY - i * 1000).toISOString(),
        question: questionFor(p.authority, i),
        authority: p.authority,
        status: p.status(i),
        asked: KINDS[(i * 7) % 10 < 5 ? 0 : (i * 7) % 10 < 8 ? 1 : (i * 7) % 10 < 9 ? 2 : 3],
        documents: p.documents,
        conversationType: ['personal', 'groupChat', 'channel'][i % 3]!,
        tenant: i % 5 ? '5e7c1b7a-1111-2222-3333-444455556666' : null,
      });
    }
  }
  // A log's lines are in the order they were written.
  return out.sort((a, b) => a.time.localeCompare(b.time));
}

const vote = (daysAgo: number, reaction: 'like' | 'dislike', comment: string, question: string | null): FeedbackEntry => ({
  time: new Date(NOW.getTime() - daysAgo * DAY).toISOString(), reaction, comment, replyId: 'r', conversationId: 'a:1', question, answer: question ? 'An answer' : null,
});

const VOTES: FeedbackEntry[] = [
  vote(1, 'dislike', 'It gave the 2019 letter, not the 2023 one', 'What did the last letter say?'),
  vote(2, 'like', '', 'When was the last monitoring visit to Kent?'),
  vote(3, 'dislike', '', null),
  vote(0.5, 'dislike', 'Wrong inspector', 'Who led it?'),
  vote(12, 'dislike', 'An old complaint', 'Who led the 2017 inspection?'),
  vote(4, 'like', 'Helpful', 'How many visits?'),
];

function writeLogs(entries: UnansweredEntry[] = madeUpLog(), votes: FeedbackEntry[] = VOTES): { unanswered: string; feedback: string } {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const unanswered = join(dir, 'unanswered.jsonl');
  const feedback = join(dir, 'feedback.jsonl');
  writeFileSync(unanswered, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  writeFileSync(feedback, votes.map((v) => `${JSON.stringify(v)}\n`).join(''));
  return { unanswered, feedback };
}

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCommand((a) => main(a, env, NOW), argv);

async function jsonReport(argv: string[]): Promise<Report> {
  const { code, out, err } = await run([...argv, '--json']);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return JSON.parse(out) as Report;
}

describe('cli/report', () => {
  describe('parseSince', () => {
    it.each([
      ['7d', '2026-03-05T12:00:00.000Z'],
      ['24h', '2026-03-11T12:00:00.000Z'],
      ['2w', '2026-02-26T12:00:00.000Z'],
      [' 30d ', '2026-02-10T12:00:00.000Z'],
      ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ])('reads %j as %s', (text, iso) => {
      expect(parseSince(text, NOW).toISOString()).toBe(iso);
    });

    it.each([
      ['7', /is not a period .* or a date \(YYYY-MM-DD\)/],
      ['0d', /is not a period/],
      ['7 days', /is not a period/],
      ['1m', /is not a period/],
      ['2026-02-30', /is not a period/],
      ['03/01/2026', /is not a period/],
      ['2026-04-01', /is after today/],
    ])('refuses %j, saying why', (text, why) => {
      expect(() => parseSince(text, NOW)).toThrow(ReportError);
      expect(() => parseSince(text, NOW)).toThrow(why);
    });
  });

  describe('main', () => {
    it('groups the questions not answered in the last week by authority, most first, with how each went unanswered', async () => {
      const logs = writeLogs();
      const r = await jsonReport(['--from', logs.unanswered, '--feedback', logs.feedback, '--since', '7d']);
      expect(r.since).toBe('2026-03-05T12:00:00.000Z');
      // Kent's 40 older questions and Cornwall's 10 answered about an authority without documents are left out.
      expect(r.unanswered.byAuthority).toEqual([
        { name: 'Kent', questions: 120, notFound: 90, ambiguous: 0, passage: 30 },
        { name: 'Slough', questions: 80, notFound: 40, ambiguous: 0, passage: 40 },
        { name: 'Leeds', questions: 50, notFound: 50, ambiguous: 0, passage: 0 },
        { name: NO_AUTHORITY, questions: 30, notFound: 0, ambiguous: 30, passage: 0 },
        { name: 'Rutland', questions: 5, notFound: 5, ambiguous: 0, passage: 0 },
        { name: 'Cornwall', questions: 5, notFound: 5, ambiguous: 0, passage: 0 },
      ].sort((a, b) => b.questions - a.questions || a.name.localeCompare(b.name)));
      expect(r.unanswered).toEqual(expect.objectContaining({ total: 290, notFound: 190, ambiguous: 30, passage: 70 }));
    });

    it('groups them by the kind asked, most first, counting every question once', async () => {
      const entries = madeUpLog();
      const logs = writeLogs(entries);
      const r = await jsonReport(['--from', logs.unanswered, '--feedback', logs.feedback]);
      const expected = new Map<string, number>();
      for (const e of entries) if (e.status !== 'no_documents') expected.set(e.asked, (expected.get(e.asked) ?? 0) + 1);
      expect(r.unanswered.byKind.map((g) => [g.name, g.questions])).toEqual([...expected].sort((a, b) => b[1] - a[1]));
      expect(r.unanswered.byKind.map((g) => g.name)).toEqual(['when · monitoring visit', 'lead · inspection', 'other', 'improve · inspection']);
      expect(r.unanswered.byKind.reduce((n, g) => n + g.questions, 0)).toBe(r.unanswered.total);
      expect(r.unanswered.total).toBe(330);
    });

    it('counts a question asked in other case or punctuation as the same, most asked first', async () => {
      const logs = writeLogs();
      const r = await jsonReport(['--from', logs.unanswered, '--feedback', logs.feedback]);
      const [top, second] = r.unanswered.questions;
      // Kent: 60 of its 120 recent and 20 of its 40 older questions are about the improvement board, in two spellings.
      expect(top).toEqual(expect.objectContaining({ authority: 'Kent', times: 80 }));
      expect(top!.question).toBe('Who chairs the improvement board in Kent?');
      expect(second).toEqual(expect.objectContaining({ authority: 'Slough', times: 40 }));
      const times = r.unanswered.questions.map((q) => q.times);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(times.reduce((a, b) => a + b, 0)).toBe(r.unanswered.total);
    });

    it('lists the 👎 votes of the period with their comments, newest first, and not the 👍 ones', async () => {
      const logs = writeLogs();
      const r = await jsonReport(['--from', logs.unanswered, '--feedback', logs.feedback, '--since', '7d']);
      expect(r.dislikes.map((d) => [d.comment, d.question])).toEqual([
        ['Wrong inspector', 'Who led it?'],
        ['It gave the 2019 letter, not the 2023 one', 'What did the last letter say?'],
        ['', null],
      ]);
    });

    it('lists the authorities asked about of which no document is held, answered or not', async () => {
      const logs = writeLogs();
      const r = await jsonReport(['--from', logs.unanswered, '--feedback', logs.feedback]);
      expect(r.authoritiesWithoutDocuments.map((a) => [a.authority, a.questions])).toEqual([['Cornwall', 15], ['Rutland', 5]]);
    });

    it('prints tables for the terminal, each group most frequent first', async () => {
      const logs = writeLogs();
      const { code, out } = await run(['--from', logs.unanswered, '--feedback', logs.feedback, '--since', '7d']);
      expect(code).toBe(0);
      expect(out).toMatch(/^Questions not answered since 2026-03-05 12:00 UTC: 290 \(190 not on record, 30 asking which authority, 70 answered only by a quoted passage\)/);
      const byAuthority = out.split('\nBy authority\n')[1]!.split('\n\n')[0]!.split('\n');
      expect(byAuthority[0]).toMatch(/^Authority\s+Questions\s+Not on record\s+Which authority\?\s+Passage only$/);
      expect(byAuthority.slice(2).map((l) => l.split(/\s{2,}/)[0])).toEqual(['Kent', 'Slough', 'Leeds', NO_AUTHORITY, 'Cornwall', 'Rutland']);
      expect(byAuthority[2]).toMatch(/^Kent\s+120\s+90\s+0\s+30$/);
      expect(out).toContain(`Most asked (the first ${SHOWN_QUESTIONS} of`);
      expect(out).toMatch(/👎 votes since .*: 3, from /);
      expect(out).toContain('Wrong inspector');
      expect(out).toMatch(/Authorities asked about with no documents: 2\nAuthority\s+Questions\s+Last asked \(UTC\)\n[- ]+\nCornwall\s+15\s+2026-03-12 12:00\nRutland\s+5/);
    });

    it('reads the files the environment names by default', async () => {
      const logs = writeLogs();
      const r = await runCommand((a) => main(a, { UNANSWERED_FILE: logs.unanswered, FEEDBACK_FILE: logs.feedback }, NOW), ['--json']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.out) as Report).unanswered.total).toBe(330);
    });

    it('skips a line that is not an entry, naming it, and reports the rest', async () => {
      const logs = writeLogs();
      writeFileSync(logs.unanswered, `{"time":"yesterday"}\nnot json\n${JSON.stringify(madeUpLog()[0])}\n`);
      const { code, out, err } = await run(['--from', logs.unanswered, '--feedback', logs.feedback, '--json']);
      expect(code).toBe(0);
      expect(err).toMatch(/report: warning: .*unanswered\.jsonl: line 1: time /);
      expect(err).toMatch(/unanswered\.jsonl: line 2 is not JSON; skipped/);
      expect((JSON.parse(out) as Report).unanswered.total).toBe(1);
    });

    it.each([
      ['a bad --since', ['--since', '7x'], 2, /^report: --since "7x" is not a period \(a number and h, d or w: 24h, 7d, 2w\) or a date \(YYYY-MM-DD\)\n\nUsage:/],
      ['a missing --from file', ['--from', '/nonexistent/unanswered.jsonl'], 1, /^report: \/nonexistent\/unanswered\.jsonl does not exist: the bot writes it when a question goes unanswered/],
      ['a missing --feedback file', ['--feedback', '/nonexistent/votes.jsonl'], 1, /^report: --feedback \/nonexistent\/votes\.jsonl does not exist\n$/],
      ['--blob with --from', ['--blob', '--from', 'x.jsonl'], 2, /^report: --blob reads Blob Storage: leave out --from and --feedback/],
      ['--blob without a connection string', ['--blob'], 1, /^report: --blob needs AZURE_STORAGE_CONNECTION_STRING|^report: fix the environment/],
      ['an unknown option', ['--days', '7'], 2, /^report: unknown option --days/],
    ])('exits with a clear message for %s', async (_, argv, exitCode, message) => {
      const logs = writeLogs();
      const named = argv.includes('--from') || argv.includes('--blob') ? argv : [...argv, '--from', logs.unanswered];
      const { code, out, err } = await run(named);
      expect({ code, out }).toEqual({ code: exitCode, out: '' });
      expect(err).toMatch(message);
    });

    it('prints its help with --help', async () => {
      const { code, out } = await run(['--help']);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: npm run report -- \[--since PERIOD\] \[--from FILE \[--feedback FILE\] \| --blob\] \[--json\]/);
      for (const flag of ['--since', '--from', '--feedback', '--blob', '--json']) expect(out).toContain(`  ${flag}`);
    });
  });

  describe('main --blob', () => {
    let azurite: Azurite;
    beforeAll(async () => {
      azurite = await startAzurite();
    });
    afterAll(() => azurite?.stop());

    it('reads the unanswered/ and feedback/ blobs of the days in the period, as the bot appends them', async () => {
      const container = new ContainerClient(azurite.connectionString, 'report-state');
      await container.create();
      const unanswered = new BlobUnansweredLog(container);
      const feedback = new BlobFeedbackLog(container);
      const entries = madeUpLog();
      for (const e of entries) await unanswered.record(e);
      for (const v of VOTES) await feedback.record(v);
      const env = { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_CONTAINER: 'report-state' };
      const { code, out, err } = await runCommand((a) => main(a, env, NOW), ['--blob', '--since', '2026-03-06', '--json']);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      const r = JSON.parse(out) as Report;
      const since = Date.parse('2026-03-06T00:00:00Z');
      expect(r.unanswered.total).toBe(entries.filter((e) => Date.parse(e.time) >= since && e.status !== 'no_documents').length);
      expect(r.dislikes.map((d) => d.comment)).toEqual(['Wrong inspector', 'It gave the 2019 letter, not the 2023 one', '']);
      expect(r.unansweredFrom).toBe('unanswered/ in container "report-state"');
      expect(out).not.toContain('AccountKey');
    });

    it('says so when the container does not exist', async () => {
      const env = { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_CONTAINER: 'no-such-state' };
      const { code, err } = await runCommand((a) => main(a, env, NOW), ['--blob']);
      expect(code).toBe(1);
      expect(err).toBe('report: Blob Storage container "no-such-state" does not exist: check STATE_CONTAINER\n');
    });
  });
});

