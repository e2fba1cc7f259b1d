/**
 * Builds index files on worker threads (see indexWorker.ts): each worker takes the next job when it is done with
 * one, in a heap of its own of bounded size.
 */
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { IndexJob, IndexJobDone } from './indexWorker';

/**
 * The old-generation heap each worker may hold. An authority's index at national size needs a few megabytes; a
 * worker that runs out is replaced, and its index is built by the caller instead.
 */
export const WORKER_HEAP_MB = 96;

/** One worker per core but one (the main thread keeps a core to serve on), at least one and at most four. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Builds each job's index file on up to `workers` threads. Resolves with each job's key and why it failed, or null
 * when its file is written. A worker that dies (out of its heap, say) fails its job and is replaced for the rest.
 */
export async function buildIndexFiles(jobs: IndexJob[], workers = defaultWorkers()): Promise<Map<string, string | null>> {
  const failures = new Map<string, string | null>();
  let next = 0;
  const run = async (): Promise<void> => {
    let worker: Worker | null = null;
    try {
      for (let job = jobs[next++]; job; job = jobs[next++]) {
        worker ??= startWorker();
        try {
          const done = await runJob(worker, job);
          failures.set(done.key, done.error);
        } catch (e) {
          failures.set(job.key, (e as Error).message);
          void worker.terminate();
          worker = null;
        }
      }
    } finally {
      await worker?.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, run));
  return failures;
}

function startWorker(): Worker {
  const worker = startModuleWorker('indexWorker', { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  // A worker that fails between jobs is replaced at its next job: its error must not end the process meanwhile.
  worker.on('error', () => undefined);
  return worker;
}

/**
 * A worker thread running a module of this folder (`indexWorker`, `corpusWorker`): its compiled file, or its
 * TypeScript source compiled as it loads when the code runs from the sources (as the tests run it).
 */
export function startModuleWorker(name: string, options: WorkerOptions): Worker {
  const file = join(__dirname, `${name}${extname(__filename)}`);
  return file.endsWith('.js') ? new Worker(file, options) : new Worker(tsBootstrap(file), { ...options, eval: true });
}

/**
 * Code for a worker run from the TypeScript sources (as the tests run them): it compiles each module as it requires
 * it, keeping what it compiled in a folder of the system's temporary files under a hash of the source, so the next
 * worker loads it without compiling or loading the compiler.
 */
function tsBootstrap(file: string): string {
  return `
    const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
    const { createHash } = require('node:crypto');
    const { tmpdir } = require('node:os');
    const { join } = require('node:path');
    const { threadId } = require('node:worker_threads');
    const folder = join(tmpdir(), 'ofsted-bot-worker-modules');
    const options = { module: 'CommonJS', target: 'ES2022', esModuleInterop: true };
    const version = require('typescript/package.json').version + ' ' + JSON.stringify(options);
    let ts = null;
    require.extensions['.ts'] = (m, f) => {
      const source = readFileSync(f, 'utf8');
      const kept = join(folder, createHash('sha256').update(version + '\\n' + f + '\\n' + source).digest('hex') + '.js');
      let code;
      try {
        code = readFileSync(kept, 'utf8');
      } catch {
        ts ??= require('typescript');
        const compilerOptions = { module: ts.ModuleKind[options.module], target: ts.ScriptTarget[options.target], esModuleInterop: options.esModuleInterop };
        code = ts.transpileModule(source, { compilerOptions }).outputText;
        try {
          mkdirSync(folder, { recursive: true });
          writeFileSync(kept + '.' + process.pid + '-' + threadId, code);
          renameSync(kept + '.' + process.pid + '-' + threadId, kept);
        } catch {
          // Compiled again next time.
        }
      }
      m._compile(code, f);
    };
    require(${JSON.stringify(file)});`;
}

function runJob(worker: Worker, job: IndexJob): Promise<IndexJobDone> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: IndexJobDone): void => {
      settle();
      resolve(m);
    };
    const onError = (e: Error): void => {
      settle();
      reject(e);
    };
    const onExit = (code: number): void => {
      settle();
      reject(new Error(`the index worker stopped (exit code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}
