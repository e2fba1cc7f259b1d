/**
 * A worker thread that opens a corpus folder and saves its snapshot, for a rebuild while the bot serves: the reading,
 * extraction and index building, and all their garbage, happen on the worker's thread and in its own heap, so the
 * thread that answers is not held up and does not grow. That thread then puts the saved snapshot in service with
 * `restoreCorpus`, which reads no source.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Authority, AuthorityDirectory } from '../corpus/authorities';
import { startModuleWorker } from './indexWorkers';
import { openCorpus } from './openCorpus';

/**
 * The old-generation heap the worker may hold, in MB: a national corpus's build peaks near 430 MB of memory. A build
 * that needs more fails, and the index in service stays.
 */
export const CORPUS_WORKER_HEAP_MB = 1024;

/**
 * The longest a rebuild on the worker may take, in ms (30 minutes): a national corpus's first build takes some
 * minutes. One that takes longer is stopped, and the index in service stays.
 */
export const CORPUS_WORKER_TIME_LIMIT_MS = 30 * 60_000;

/** What the worker is given: the folder, and the authority list to read it with. */
export interface CorpusJob {
  dir: string;
  authorities: readonly Authority[];
}

/** What the worker says: a line of the build's log, that the snapshot is saved, or why the build failed. */
export type CorpusWorkerMessage =
  | { kind: 'log'; line: string }
  | { kind: 'warn'; line: string }
  | { kind: 'done' }
  | { kind: 'failed'; error: string };

/** Where a build done apart tells what it does (as openCorpus's own `log` and `warn`). */
export interface ApartLog {
  log?: (line: string) => void;
  warn?: (line: string) => void;
  /** How long the build may take before the worker is stopped, in ms (default CORPUS_WORKER_TIME_LIMIT_MS). */
  timeLimitMs?: number;
}

/**
 * Opens `dir` on a worker thread with its snapshot, reading what changed since the snapshot and saving the new one.
 * Resolves once it is saved; rejects with why the build failed (the worker out of its heap, a file system error).
 */
export function saveSnapshotApart(dir: string, authorities: AuthorityDirectory, options: ApartLog = {}): Promise<void> {
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const job: CorpusJob = { dir, authorities: authorities.all };
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker('corpusWorker', { workerData: { corpusJob: job }, resourceLimits: { maxOldGenerationSizeMb: CORPUS_WORKER_HEAP_MB } });
    let settled = false;
    const limit = options.timeLimitMs ?? CORPUS_WORKER_TIME_LIMIT_MS;
    const timer = setTimeout(() => {
      settle(new Error(`the worker building the index took longer than ${limit >= 60_000 ? `${Math.round(limit / 60_000)} min` : `${limit / 1000} s`}, and was stopped`));
    }, limit);
    timer.unref();
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The worker goes on warming its copy of the index, which nothing will use.
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    worker.on('message', (m: CorpusWorkerMessage) => {
      if (m.kind === 'log') log(m.line);
      else if (m.kind === 'warn') warn(m.line);
      else if (m.kind === 'done') settle(null);
      else settle(new Error(m.error));
    });
    // The first line of the worker's error: a module not found goes on with its require stack.
    worker.on('error', (e) => settle(new Error(e.message.split('\n')[0], { cause: e })));
    worker.on('exit', (code) => settle(new Error(`the worker building the index stopped (exit code ${code})`)));
  });
}

async function runJob(job: CorpusJob, post: (m: CorpusWorkerMessage) => void): Promise<void> {
  try {
    const authorities = AuthorityDirectory.fromList([...job.authorities]);
    await openCorpus(job.dir, authorities, { snapshot: true, log: (line) => post({ kind: 'log', line }), warn: (line) => post({ kind: 'warn', line }) });
    post({ kind: 'done' });
  } catch (e) {
    post({ kind: 'failed', error: (e as Error).message });
  }
}

const job = (workerData as { corpusJob?: CorpusJob } | null)?.corpusJob;
if (parentPort && job) void runJob(job, (m) => parentPort?.postMessage(m));
