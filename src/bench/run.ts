/**
 * `npm run bench`: corpus build time and memory, snapshot size and cold load, answer latency per question type, HTTP
 * throughput against an echo bot, and a soak, at the seed size and at national size, on generated corpora. Prints a
 * table with the targets and writes the same figures as JSON.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { answerTurn } from '../answer/answerQuestion';
import type { PreviousTurn } from '../answer/followUp';
import { parseOrExplain, runIfMain } from '../cli/args';
import { teamsCardAction, teamsMessage, teamsQueryLink, teamsSearch, teamsTypeahead, type Where } from '../cli/teamsActivities';
import { DEFAULT_ANSWER_CACHE_SIZE, DEFAULT_MEMORY_CONVERSATIONS } from '../config';
import { AuthorityDirectory } from '../corpus/authorities';
import { openCorpus, snapshotPath } from '../search/openCorpus';
import type { ChildMessage, ParentMessage } from './benchChild';
import type { ExpectedEvent } from './corpusWorld';
import { type GenerateOptions, SIZES, writeCorpus } from './generateCorpus';
import { answerMatches, type BenchQuestion, QUESTION_TYPES, questionMix } from './questionMix';
import { percentile, summarize, type Summary } from './stats';

/** The targets the figures are held to. */
export const TARGETS = {
  answerP99Ms: 10,
  snapshotLoadSeconds: 1,
  peakMemoryMb: 500,
  httpRatio: 0.7,
  /** Soak: heap growth after gc from warm-up to the end, in MB, and RSS growth. */
  soakHeapGrowthMb: 32,
  soakRssGrowthMb: 96,
  /**
   * Soak: the highest RSS sampled during the run over the warm figure, in MB. The heap may grow by its growth percent
   * (HEAP_GROWTH_PERCENT, 25) of some 360 MB live before a full gc, plus the young generation.
   */
  soakPeakRssGrowthMb: 128,
} as const;

/** How often the soak samples the served bot's RSS. */
const SOAK_SAMPLE_MS = 250;

type Part = 'build' | 'answers' | 'http' | 'soak';
const PARTS: readonly Part[] = ['build', 'answers', 'http', 'soak'];
type Delivery = 'connector' | 'expectReplies';

interface Settings {
  sizes: { name: string; options: GenerateOptions }[];
  parts: Set<Part>;
  questions: number;
  httpSeconds: number;
  /** Rounds of HTTP runs, each bot once a round. */
  rounds: number;
  connections: number;
  soakRequests: number;
  delivery: Delivery;
  json: string;
  keep: boolean;
  /** A folder for CPU profiles of the served bots (HTTP runs and soak), or null. */
  profile: string | null;
  /** Replies the served bot keeps in its answer cache (ANSWER_CACHE_SIZE); 0 for none. */
  answerCache: number;
}

interface SizeResult {
  size: string;
  authorities: number;
  passages: number;
  documents: number;
  events: number;
  build?: { seconds: number; peakMemoryMb: number; snapshotMb: number; loadSeconds: number; loadProcessSeconds: number; loadPeakMemoryMb: number };
  answers?: { overall: Summary; byType: Record<string, Summary & { checked: number; right: number }> };
  http?: {
    delivery: Delivery; connections: number; seconds: number; rounds: number; warmUpRequests: number;
    /** Ours; botbuilder's echo sample (the target's baseline); the echo bot behind this bot's own server and adapter. */
    bot: HttpFigures; echo: HttpFigures; echoOnOurServer: HttpFigures;
    /** Our requests per second over the echo sample's (the target), and over the echo bot on our server's. */
    ratio: number; ratioToEchoOnOurServer: number;
    /** An echo bot's CPU time per request over ours, each the median of its rounds: steadier than req/s on a shared host. */
    cpuRatio: number; cpuRatioToEchoOnOurServer: number;
    /** Every round's figures, in the order run. */
    allRounds: { bot: HttpFigures[]; echo: HttpFigures[]; echoOnOurServer: HttpFigures[] };
    /** The answer cache's size in the served bot, and the share of its questions (warm-up included) answered from it. */
    answerCache: number; cacheHitRate: number | null;
  };
  soak?: { requests: number; conversations: number; errors: number; non2xx: number; turnErrors: number; warm: Memory; end: Memory; heapGrowthMb: number; rssGrowthMb: number;
    /** The highest RSS sampled during the run, and its rise over the warm figure. */
    peakRssMb: number; peakRssGrowthMb: number; gc: boolean;
  };
}

interface HttpFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** The served bot's CPU time (all its threads, user and system) over the round, per request it had. */
  cpuMsPerRequest: number;
}

interface Memory {
  heapUsedMb: number;
  /** The heap V8 holds, used or not. */
  heapTotalMb: number;
  externalMb: number;
  rssMb: number;
}

const children = new Set<ChildProcess>();

function killChildren(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  children.clear();
}

/** Starts a bench child and resolves with its first message of one of the given types. */
function startChild(args: string[], wanted: ChildMessage['type'][], execArgv: string[] = []): Promise<{ child: ChildProcess; message: ChildMessage; started: number }> {
  const started = performance.now();
  const child = fork(join(__dirname, 'benchChild.js'), args, { execArgv: ['--disable-warning=DEP0111', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolveStart, reject) => {
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'error') reject(new Error(`bench child ${args[0]}: ${m.message}`));
      else if (wanted.includes(m.type)) resolveStart({ child, message: m, started });
    });
    child.on('exit', (code) => reject(new Error(`bench child ${args.join(' ')} exited with code ${code} before reporting`)));
  });
}

/** Node's options for a served bot's CPU profile, named for the run, when profiles are asked for. */
function profiling(s: Settings, name: string): string[] {
  if (!s.profile) return [];
  // A folder per run: its worker threads write profiles of their own beside the main thread's.
  const dir = resolve(s.profile, `${name}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/** Asks a serving child for its memory after a gc, or for its usage as it stands. */
function ask<T extends ParentMessage['type']>(child: ChildProcess, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolveAsk) => {
    const on = (m: ChildMessage): void => {
      if (m.type !== type) return;
      child.off('message', on);
      resolveAsk(m as Extract<ChildMessage, { type: T }>);
    };
    child.on('message', on);
    child.send({ type } satisfies ParentMessage);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    // A child told by the channel's closing exits by itself, and writes its profile when asked to; one that has not
    // within five seconds is ended.
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGTERM'), 5000).unref();
  });
}

async function measureBuild(dir: string): Promise<NonNullable<SizeResult['build']>> {
  const built = await startChild(['build', dir], ['built']);
  await new Promise((r) => built.child.once('exit', r));
  const b = built.message as Extract<ChildMessage, { seconds: number }>;
  // The snapshot is its manifest and the index files beside it.
  const folder = dirname(snapshotPath(dir));
  const snapshotMb = readdirSync(folder).reduce((sum, f) => sum + statSync(join(folder, f)).size, 0) / 1_048_576;
  const loaded = await startChild(['load', dir], ['loaded']);
  const loadProcessSeconds = (performance.now() - loaded.started) / 1000;
  await new Promise((r) => loaded.child.once('exit', r));
  const l = loaded.message as Extract<ChildMessage, { seconds: number }>;
  return { seconds: b.seconds, peakMemoryMb: b.maxRssMb, snapshotMb, loadSeconds: l.seconds, loadProcessSeconds, loadPeakMemoryMb: l.maxRssMb };
}

async function measureAnswers(dir: string, events: ExpectedEvent[], n: number): Promise<NonNullable<SizeResult['answers']>> {
  const index = await openCorpus(dir, AuthorityDirectory.load());
  // Answered as a server answers, once the authorities' indexes have been read in the background after opening.
  const warming = performance.now();
  await index.warmUp();
  process.stderr.write(`bench: authorities' indexes read in ${((performance.now() - warming) / 1000).toFixed(2)} s after opening\n`);
  const mix = questionMix(events, n);
  const run = (q: BenchQuestion): { ms: number; text: string } => {
    let previous: PreviousTurn | null = null;
    if (q.previous) previous = answerTurn(index, q.previous).turn;
    const t = performance.now();
    const result = answerTurn(index, q.question, { previous });
    return { ms: performance.now() - t, text: result.answer.answer };
  };
  for (const q of mix.slice(0, Math.min(50, mix.length))) run(q); // warm-up: JIT and caches
  const times = new Map<string, number[]>();
  const right = new Map<string, { checked: number; right: number }>();
  const all: number[] = [];
  for (const q of mix) {
    const { ms, text } = run(q);
    all.push(ms);
    times.set(q.type, [...(times.get(q.type) ?? []), ms]);
    const r = right.get(q.type) ?? { checked: 0, right: 0 };
    if (q.mustContain.length) {
      r.checked += 1;
      if (answerMatches(text, q.mustContain)) r.right += 1;
    }
    right.set(q.type, r);
  }
  const byType: Record<string, Summary & { checked: number; right: number }> = {};
  for (const type of QUESTION_TYPES) {
    const t = times.get(type);
    if (t) byType[type] = { ...summarize(t), ...right.get(type)! };
  }
  return { overall: summarize(all), byType };
}

/** Activities for the HTTP runs: questions from the mix in rotating conversations, as Teams sends them. */
function activityStream(mix: BenchQuestion[], where: (k: number) => Where, delivery: Delivery, invokes: { authorities: string[]; urls: string[] } | null): () => object {
  let k = 0;
  return () => {
    const i = k++;
    const w = where(i);
    const pick = i % 20;
    if (invokes && pick >= 11) {
      const a = invokes.authorities[i % invokes.authorities.length]!;
      if (pick <= 13) return teamsTypeahead(a.slice(0, 3 + (i % 4)), 'authorities', undefined, w);
      if (pick <= 16) return teamsSearch(`${a} ${['monitoring', 'inadequate', '2019', 'care leavers'][i % 4]}`, undefined, w);
      if (pick <= 18) return teamsCardAction('lookup', { authority: a, kind: 'any', fromYear: '', toYear: '', words: '' }, w);
      if (invokes.urls.length) return teamsQueryLink(invokes.urls[i % invokes.urls.length]!, w);
    }
    const q = mix[i % mix.length]!;
    return { ...teamsMessage(q.question, w), deliveryMode: delivery === 'expectReplies' ? 'expectReplies' : undefined };
  };
}

function cannon(url: string, next: () => object, opts: { seconds?: number; amount?: number; connections: number }): Promise<autocannon.Result> {
  return new Promise((done, fail) => {
    autocannon({
      url: `${url}/api/messages`,
      connections: opts.connections,
      ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 10 }),
      timeout: 30,
      requests: [{
        method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(next()) }),
      }],
    }, (err, result) => (err ? fail(err as Error) : done(result)));
  });
}

function figures(r: autocannon.Result): Omit<HttpFigures, 'cpuMsPerRequest'> {
  return { requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/** Requests each served bot answers before it is measured, so that V8 has compiled its hot paths. */
const HTTP_WARM_UP_REQUESTS = 2000;

/** The served bots of the HTTP runs: ours, and the echo bots it is compared with. */
const HTTP_BOTS = ['inspection', 'echo', 'echo-our-server'] as const;

/**
 * Our bot and two echo bots, each served by a child of its own and warmed up, measured in turns for `s.rounds` rounds,
 * each round starting with the next bot (ours, echo, echo on our server; then echo, …): a machine whose speed drifts
 * (a shared host) drifts for all, and none is always the one to start after the others ran. The echo bot the target
 * is held to is botbuilder's own sample; the other runs on this bot's server and adapter, to show what they cost or
 * save. Each bot's figures are those of its median round by requests per second, and a ratio is of two medians.
 */
async function measureHttp(dir: string, events: ExpectedEvent[], s: Settings): Promise<NonNullable<SizeResult['http']>> {
  const conn = await startChild(['connector'], ['ready']);
  const serviceUrl = `http://127.0.0.1:${(conn.message as { port: number }).port}/`;
  const mix = questionMix(events, 200, 11).filter((q) => !q.previous);
  const where = (k: number): Where => ({ conversationId: `a:bench-${k % 500}`, conversationType: 'personal', botId: '28:bench-bot', botName: 'Ofsted history', serviceUrl });
  const served: { which: (typeof HTTP_BOTS)[number]; child: ChildProcess; url: string; next: () => object; rounds: HttpFigures[] }[] = [];
  let cacheHitRate: number | null;
  try {
    for (const which of HTTP_BOTS) {
      const srv = await startChild(['serve', dir, which, String(s.answerCache)], ['ready'], profiling(s, `http-${which}`));
      const url = `http://127.0.0.1:${(srv.message as { port: number }).port}`;
      served.push({ which, child: srv.child, url, next: activityStream(mix, where, s.delivery, null), rounds: [] });
    }
    for (const bot of served) await cannon(bot.url, bot.next, { amount: HTTP_WARM_UP_REQUESTS, connections: s.connections });
    for (let round = 0; round < s.rounds; round++) {
      const first = round % served.length;
      for (const bot of [...served.slice(first), ...served.slice(0, first)]) {
        const before = await ask(bot.child, 'usage');
        const result = await cannon(bot.url, bot.next, { seconds: s.httpSeconds, connections: s.connections });
        const after = await ask(bot.child, 'usage');
        bot.rounds.push({ ...figures(result), cpuMsPerRequest: (after.cpuMs - before.cpuMs) / Math.max(1, after.requests - before.requests) });
      }
    }
    const { cacheHits, cacheMisses } = await ask(served[0]!.child, 'memory');
    cacheHitRate = cacheHits + cacheMisses ? cacheHits / (cacheHits + cacheMisses) : null;
  } finally {
    for (const bot of served) await stop(bot.child);
    await stop(conn.child);
  }
  const [ours, echo, echoOnOurServer] = served;
  const [bot, plain, onOurServer] = served.map((b) => medianRound(b.rounds));
  const cpu = (b: (typeof served)[number]): number => median(b.rounds.map((r) => r.cpuMsPerRequest));
  return {
    delivery: s.delivery, connections: s.connections, seconds: s.httpSeconds, rounds: s.rounds, warmUpRequests: HTTP_WARM_UP_REQUESTS,
    bot: bot!, echo: plain!, echoOnOurServer: onOurServer!,
    ratio: bot!.requestsPerSecond / plain!.requestsPerSecond,
    ratioToEchoOnOurServer: bot!.requestsPerSecond / onOurServer!.requestsPerSecond,
    cpuRatio: cpu(echo!) / cpu(ours!),
    cpuRatioToEchoOnOurServer: cpu(echoOnOurServer!) / cpu(ours!),
    answerCache: s.answerCache, cacheHitRate,
    allRounds: { bot: ours!.rounds, echo: echo!.rounds, echoOnOurServer: echoOnOurServer!.rounds },
  };
}

/** The median by nearest rank (the lower middle one of an even number). */
const median = (values: number[]): number => percentile(values, 50);

/** The round of median throughput (the lower middle one of an even number). */
function medianRound(rounds: HttpFigures[]): HttpFigures {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

async function measureSoak(dir: string, events: ExpectedEvent[], catalogUrls: string[], s: Settings): Promise<NonNullable<SizeResult['soak']>> {
  const conn = await startChild(['connector'], ['ready']);
  const serviceUrl = `http://127.0.0.1:${(conn.message as { port: number }).port}/`;
  const srv = await startChild(['serve', dir, 'inspection', String(s.answerCache)], ['ready'], ['--expose-gc', ...profiling(s, 'soak')]);
  try {
    const url = `http://127.0.0.1:${(srv.message as { port: number }).port}`;
    const mix = questionMix(events, 300, 13);
    const authorities = [...new Set(events.map((e) => e.authority))].sort();
    // Every request in a conversation of its own, so that the bot's bound on the conversations it keeps is what holds memory flat.
    let conversations = 0;
    const where = (k: number): Where => {
      conversations = Math.max(conversations, k + 1);
      return { conversationId: `a:soak-${k}`, conversationType: 'personal', botId: '28:bench-bot', botName: 'Ofsted history', serviceUrl };
    };
    const next = activityStream(mix.filter((q) => !q.previous), where, s.delivery, { authorities, urls: catalogUrls });
    await cannon(url, next, { amount: Math.min(2000, Math.ceil(s.soakRequests / 10)), connections: s.connections });
    const warm = await ask(srv.child, 'memory');
    // RSS sampled through the run: its peak, garbage not yet collected included, is what the machine must have.
    let peakRssMb = warm.rssMb;
    let sampling = true;
    const sampled = (async () => {
      while (sampling) {
        peakRssMb = Math.max(peakRssMb, (await ask(srv.child, 'usage')).rssMb);
        await new Promise((r) => setTimeout(r, SOAK_SAMPLE_MS));
      }
    })();
    const r = await cannon(url, next, { amount: s.soakRequests, connections: s.connections }).finally(() => {
      sampling = false;
    });
    await sampled;
    const end = await ask(srv.child, 'memory');
    return {
      requests: r.requests.sent, conversations, errors: r.errors + r.timeouts, non2xx: r.non2xx, turnErrors: end.turnErrors,
      warm: { heapUsedMb: warm.heapUsedMb, heapTotalMb: warm.heapTotalMb, externalMb: warm.externalMb, rssMb: warm.rssMb },
      end: { heapUsedMb: end.heapUsedMb, heapTotalMb: end.heapTotalMb, externalMb: end.externalMb, rssMb: end.rssMb },
      heapGrowthMb: end.heapUsedMb - warm.heapUsedMb, rssGrowthMb: end.rssMb - warm.rssMb, peakRssMb, peakRssGrowthMb: peakRssMb - warm.rssMb, gc: end.gc,
    };
  } finally {
    await stop(srv.child);
    await stop(conn.child);
  }
}

const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);
const verdict = (ok: boolean): string => (ok ? 'pass' : 'FAIL');

/** The printed table: one block per size, targets and pass/fail beside the figures they apply to. */
export function formatTable(results: SizeResult[], national: string): string {
  const out: string[] = [];
  for (const r of results) {
    const held = r.size === national;
    out.push(`\n== ${r.size}: ${r.authorities} authorities, ${r.documents} documents, ${r.passages} passages, ${r.events} events`);
    if (r.build) {
      const b = r.build;
      out.push(`build (ingest + index, child)   ${f1(b.seconds).padStart(8)} s   peak RSS ${f1(b.peakMemoryMb)} MB` +
        (held ? `   target < ${TARGETS.peakMemoryMb} MB: ${verdict(b.peakMemoryMb < TARGETS.peakMemoryMb)}` : ''));
      out.push(`snapshot on disk                ${f1(b.snapshotMb).padStart(8)} MB`);
      out.push(`snapshot load (cold child)      ${f2(b.loadSeconds).padStart(8)} s   (process ${f2(b.loadProcessSeconds)} s, peak RSS ${f1(b.loadPeakMemoryMb)} MB)` +
        (held ? `   target < ${TARGETS.snapshotLoadSeconds} s: ${verdict(b.loadSeconds < TARGETS.snapshotLoadSeconds)}` : ''));
    }
    if (r.answers) {
      out.push('answers (ms)        count     p50     p95     p99     max   right');
      for (const [type, t] of [...Object.entries(r.answers.byType), ['all', r.answers.overall] as const]) {
        const checked = 'checked' in t && t.checked ? `${t.right}/${t.checked}` : '';
        out.push(`  ${type.padEnd(16)} ${String(t.count).padStart(6)} ${f2(t.p50).padStart(7)} ${f2(t.p95).padStart(7)} ${f2(t.p99).padStart(7)} ${f2(t.max).padStart(7)}   ${checked}`);
      }
      if (held) out.push(`  target p99 < ${TARGETS.answerP99Ms} ms (every type): ${verdict(Object.values(r.answers.byType).every((t) => t.p99 < TARGETS.answerP99Ms))}`);
    }
    if (r.http) {
      const h = r.http;
      const row = (name: string, f: HttpFigures): string =>
        `  ${name.padEnd(24)} ${f1(f.requestsPerSecond).padStart(8)} req/s   p50 ${f.p50Ms} ms   p99 ${f.p99Ms} ms   errors ${f.errors}   non-2xx ${f.non2xx}`;
      const cpu = (rounds: HttpFigures[]): string => `${f2(median(rounds.map((f) => f.cpuMsPerRequest)))} ms`;
      out.push(`HTTP POST /api/messages (${h.connections} connections, ${h.rounds} × ${h.seconds} s each in turns after ${h.warmUpRequests} requests, ` +
        `median round; replies via ${h.delivery === 'connector' ? 'a Bot Connector stand-in' : 'expectReplies'})`);
      out.push(row('our bot', h.bot));
      out.push(row('echo (botbuilder sample)', h.echo));
      out.push(row('echo on our server', h.echoOnOurServer));
      if (h.rounds > 1) {
        const rounds = (list: HttpFigures[]): string => list.map((f) => f1(f.requestsPerSecond)).join(', ');
        out.push(`  rounds    ours ${rounds(h.allRounds.bot)}; echo ${rounds(h.allRounds.echo)}; echo on our server ${rounds(h.allRounds.echoOnOurServer)} req/s`);
      }
      out.push(`  ratio     ${(h.ratio * 100).toFixed(0)} % of echo   target ≥ ${TARGETS.httpRatio * 100} %: ${verdict(h.ratio >= TARGETS.httpRatio)}` +
        `   (${(h.ratioToEchoOnOurServer * 100).toFixed(0)} % of echo on our server)`);
      out.push(`  CPU per request (served bot, all threads, median of rounds): ours ${cpu(h.allRounds.bot)}, echo ${cpu(h.allRounds.echo)}, ` +
        `echo on our server ${cpu(h.allRounds.echoOnOurServer)}; theirs are ${(h.cpuRatio * 100).toFixed(0)} % and ${(h.cpuRatioToEchoOnOurServer * 100).toFixed(0)} % of ours`);
      out.push(h.answerCache
        ? `  answer cache: ${h.answerCache} replies, ${h.cacheHitRate === null ? 'no questions' : `${(h.cacheHitRate * 100).toFixed(0)} % of questions answered from it`} (--answer-cache 0 to measure without)`
        : '  answer cache: off (--answer-cache 0)');
    }
    if (r.soak) {
      const k = r.soak;
      const ok = k.errors === 0 && k.non2xx === 0 && k.turnErrors === 0 && k.heapGrowthMb < TARGETS.soakHeapGrowthMb && k.rssGrowthMb < TARGETS.soakRssGrowthMb
        && k.peakRssGrowthMb < TARGETS.soakPeakRssGrowthMb;
      out.push(`soak ${k.requests} mixed requests over ${k.conversations} conversations (the bot keeps ${process.env.MEMORY_CONVERSATIONS || DEFAULT_MEMORY_CONVERSATIONS}): errors ${k.errors}, non-2xx ${k.non2xx}, turn errors ${k.turnErrors}; heap ${f1(k.warm.heapUsedMb)} → ${f1(k.end.heapUsedMb)} MB, ` +
        `RSS ${f1(k.warm.rssMb)} → ${f1(k.end.rssMb)} MB${k.gc ? ' (after gc)' : ''}; V8 holds ${f1(k.warm.heapTotalMb)} → ${f1(k.end.heapTotalMb)} MB, ` +
        `external ${f1(k.warm.externalMb)} → ${f1(k.end.externalMb)} MB`);
      out.push(`  RSS sampled every ${SOAK_SAMPLE_MS} ms during the run: peak ${f1(k.peakRssMb)} MB, ${f1(k.peakRssGrowthMb)} MB over the warm figure`);
      out.push(`  target no errors, heap growth < ${TARGETS.soakHeapGrowthMb} MB, RSS growth < ${TARGETS.soakRssGrowthMb} MB after gc, ` +
        `peak RSS growth < ${TARGETS.soakPeakRssGrowthMb} MB: ${verdict(ok)}`);
    }
  }
  return out.join('\n');
}

const USAGE = `Usage: npm run bench -- [--sizes seed,national] [--only build,answers,http,soak] [--quick] [--json PATH]

Generates corpora (seed: ${SIZES.seed.authorities} authorities, ~${SIZES.seed.passages} passages; national: ${SIZES.national.authorities} authorities,
${SIZES.national.passages} passages) in a temporary folder, and measures: corpus build time and peak memory, snapshot
size and cold load, answer latency per question type, HTTP throughput against an echo bot, and a soak. Prints a
table with the targets and writes the figures as JSON.

  --sizes LIST       seed, national, or AUTHORITIESxPASSAGES (e.g. 20x5000); default seed,national
  --only LIST        build, answers, http, soak; default all (HTTP and soak run at the largest size only)
  --quick            a smoke run: seed and 10x2000, 200 questions, 3 s HTTP, 1,000-request soak
  --questions N      questions in the answer mix (default 1000)
  --http-seconds N   how long each HTTP run lasts (default 10)
  --rounds N         HTTP runs of each bot, taken in turns; the median counts (default 3)
  --connections N    concurrent HTTP connections (default 10)
  --soak N           requests in the soak, each in a conversation of its own (default 200000)
  --delivery MODE    connector (replies POSTed to a Bot Connector stand-in, as Teams works; default) or expectReplies
  --json PATH        where to write the figures (default bench-results.json)
  --keep             keep the generated corpora (their folders are printed)
  --answer-cache N   replies the served bot keeps for questions asked again (default ${DEFAULT_ANSWER_CACHE_SIZE}, as ANSWER_CACHE_SIZE); 0 for none
  --profile DIR      write a CPU profile of each served bot (HTTP and soak) to DIR, to open in Chrome's DevTools
  --help             show this help`;

function readSizes(list: string): Settings['sizes'] {
  return list.split(',').map((name) => {
    const n = name.trim();
    if (n === 'seed' || n === 'national') return { name: n, options: { ...SIZES[n] } };
    const m = /^(\d+)x(\d+)$/.exec(n);
    if (!m) throw new Error(`--sizes: "${n}" is not seed, national or AUTHORITIESxPASSAGES (e.g. 20x5000)`);
    return { name: n, options: { authorities: Number(m[1]), passages: Number(m[2]) } };
  });
}

function readNumber(flag: string, value: string | undefined, fallback: number, least = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) throw new Error(`${flag} "${value}" is not a whole number of ${least} or more`);
  return n;
}

/** Runs the command on argv (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseOrExplain('bench', argv, {
    values: ['--sizes', '--only', '--questions', '--http-seconds', '--connections', '--soak', '--delivery', '--json', '--profile', '--answer-cache', '--rounds'], switches: ['--quick', '--keep', '--help'],
  }, USAGE);
  if (!args) return 2;
  if (args.switches.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let s: Settings;
  try {
    const quick = args.switches.has('--quick');
    const only = args.values.get('--only');
    const parts = new Set((only ?? PARTS.join(',')).split(',').map((p) => p.trim()) as Part[]);
    for (const p of parts) if (!PARTS.includes(p)) throw new Error(`--only: "${p}" is not one of ${PARTS.join(', ')}`);
    const delivery = args.values.get('--delivery') ?? 'connector';
    if (delivery !== 'connector' && delivery !== 'expectReplies') throw new Error(`--delivery "${delivery}" is not connector or expectReplies`);
    s = {
      sizes: readSizes(args.values.get('--sizes') ?? (quick ? 'seed,10x2000' : 'seed,national')),
      parts,
      questions: readNumber('--questions', args.values.get('--questions'), quick ? 200 : 1000),
      httpSeconds: readNumber('--http-seconds', args.values.get('--http-seconds'), quick ? 3 : 10),
      rounds: readNumber('--rounds', args.values.get('--rounds'), quick ? 1 : 3),
      connections: readNumber('--connections', args.values.get('--connections'), 10),
      soakRequests: readNumber('--soak', args.values.get('--soak'), quick ? 1000 : 200_000),
      delivery,
      json: resolve(args.values.get('--json') ?? 'bench-results.json'),
      keep: args.switches.has('--keep'),
      profile: args.values.get('--profile') ?? null,
      answerCache: readNumber('--answer-cache', args.values.get('--answer-cache'), DEFAULT_ANSWER_CACHE_SIZE, 0),
    };
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  const folders: string[] = [];
  const removeFolders = (): void => {
    if (!s.keep) for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true });
  };
  const stopAll = (): void => {
    killChildren();
    removeFolders();
    process.exit(130);
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  process.on('exit', killChildren);

  const results: SizeResult[] = [];
  const largest = s.sizes.reduce((a, b) => (b.options.passages > a.options.passages ? b : a));
  try {
    for (const size of s.sizes) {
      const dir = mkdtempSync(join(tmpdir(), `ofsted-bench-${size.name}-`));
      folders.push(dir);
      process.stderr.write(`bench: generating ${size.name} (${size.options.authorities} authorities, ${size.options.passages} passages) in ${dir}\n`);
      const corpus = writeCorpus(dir, size.options, { force: true });
      const r: SizeResult = { size: size.name, authorities: corpus.authorities.length, passages: corpus.passages, documents: corpus.catalog.length, events: corpus.events.length };
      if (s.parts.has('build')) {
        process.stderr.write(`bench: ${size.name}: building the index in a child process\n`);
        r.build = await measureBuild(dir);
      }
      if (s.parts.has('answers')) {
        process.stderr.write(`bench: ${size.name}: answering ${s.questions} questions\n`);
        r.answers = await measureAnswers(dir, corpus.events, s.questions);
      }
      if (size === largest && s.parts.has('http')) {
        process.stderr.write(`bench: ${size.name}: HTTP, our bot and two echo bots in turns, ${s.rounds} × ${s.httpSeconds} s each\n`);
        r.http = await measureHttp(dir, corpus.events, s);
      }
      if (size === largest && s.parts.has('soak')) {
        process.stderr.write(`bench: ${size.name}: soak, ${s.soakRequests} requests\n`);
        r.soak = await measureSoak(dir, corpus.events, corpus.catalog.map((c) => c.url).filter((u) => u !== null), s);
      }
      results.push(r);
    }
  } finally {
    killChildren();
    if (s.keep) process.stderr.write(`bench: corpora kept in ${folders.join(', ')}\n`);
    removeFolders();
  }
  process.stdout.write(`${formatTable(results, largest.name)}\n`);
  writeFileSync(s.json, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, targets: TARGETS, results }, null, 2)}\n`);
  process.stdout.write(`\nfigures written to ${s.json}\n`);
  return 0;
}

runIfMain(module, 'bench', main);
