/**
 * A worker thread that builds search indexes and writes each to its file. The index's postings and its JSON are
 * made and dropped in the worker's own small heap, so building a large corpus's indexes does not swell the main
 * thread's heap with their garbage, and the main thread stays free to serve while they are built.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import MiniSearch from 'minisearch';
import { INDEX_OPTIONS, type SearchRecord } from './searchOptions';

/** One index to build: its key, its records, and the file to write it to. */
export interface IndexJob {
  key: string;
  records: SearchRecord[];
  path: string;
}

/** What the worker says of a job: written, or why not. */
export type IndexJobDone = { key: string; error: null } | { key: string; error: string };

export function buildIndexFile(job: IndexJob): IndexJobDone {
  try {
    const index = new MiniSearch<SearchRecord>(INDEX_OPTIONS);
    index.addAll(job.records);
    writeFileSync(job.path, JSON.stringify(index));
    return { key: job.key, error: null };
  } catch (e) {
    return { key: job.key, error: (e as Error).message };
  }
}

parentPort?.on('message', (job: IndexJob) => parentPort?.postMessage(buildIndexFile(job)));
