import { readFile, rename, rm } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { type FeedbackEntry, FeedbackLog, type FeedbackSink } from './FeedbackLog';

/** The folder (blob name prefix) in the state container that holds the votes. */
export const FEEDBACK_PREFIX = 'feedback/';

/** The longest a vote's append to Blob Storage may take before it is kept on local disk instead, in ms. */
export const FEEDBACK_APPEND_DEADLINE_MS = 2_000;

/** How often votes kept on local disk are appended again while Blob Storage cannot take them, in ms. */
export const FEEDBACK_SPOOL_RETRY_MS = 30_000;

/** At most this many bytes of votes go in one Append Block when votes kept on local disk are appended (Blob Storage takes 4 MiB). */
export const FEEDBACK_SPOOL_BLOCK_BYTES = 1024 * 1024;

/** The append blob a vote goes to: one a day (UTC), JSON lines like FEEDBACK_FILE, e.g. `feedback/2026-03-05.jsonl`. */
export function feedbackBlobName(time: string): string {
  return `${FEEDBACK_PREFIX}${time.slice(0, 10)}.jsonl`;
}

export interface BlobFeedbackLogOptions {
  /**
   * The local JSON-lines file a vote is kept in when Blob Storage cannot take it (down, or past
   * FEEDBACK_APPEND_DEADLINE_MS); its votes are appended to the blobs when Blob Storage takes votes again. Absent: a
   * vote that cannot be appended fails.
   */
  spoolFile?: string;
  log?: (line: string) => void;
  /** Default FEEDBACK_APPEND_DEADLINE_MS. */
  appendDeadlineMs?: number;
  /** Default FEEDBACK_SPOOL_RETRY_MS. */
  retryMs?: number;
}

/**
 * Appends feedback to one append blob a day in Azure Blob Storage, one vote a line. Each vote is one Append Block,
 * which Blob Storage applies whole, so instances sharing the container can record votes at the same time. A vote
 * Blob Storage does not take in time is kept in the spool file and appended later, so none is lost to an outage (one
 * whose append was slow but went through in the end may then be recorded twice).
 */
export class BlobFeedbackLog implements FeedbackSink {
  private readonly spool: FeedbackLog | null;
  private readonly log: (line: string) => void;
  private retryTimer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;

  constructor(private readonly container: ContainerClient, private readonly options: BlobFeedbackLogOptions = {}) {
    this.spool = options.spoolFile ? new FeedbackLog(options.spoolFile) : null;
    this.log = options.log ?? (() => undefined);
    // Votes kept by an earlier run that stopped before appending them.
    if (this.spool) this.scheduleRetry(0);
  }

  async record(entry: FeedbackEntry): Promise<void> {
    if (!this.spool) return this.appendLines(feedbackBlobName(entry.time), `${JSON.stringify(entry)}\n`);
    try {
      await deadline(this.appendLines(feedbackBlobName(entry.time), `${JSON.stringify(entry)}\n`), this.options.appendDeadlineMs ?? FEEDBACK_APPEND_DEADLINE_MS);
    } catch (e) {
      await this.spool.record(entry);
      this.log(`feedback: Blob Storage did not take a vote (${messageOf(e)}); kept it in ${this.spool.path}, to append when it does`);
      this.scheduleRetry(this.options.retryMs ?? FEEDBACK_SPOOL_RETRY_MS);
    }
  }

  /** Appends the votes kept in the spool file now; resolves when done or when Blob Storage refused them again. */
  drain(): Promise<void> {
    this.draining ??= this.drainSpool().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** Stops retrying the spool file on a timer. */
  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private scheduleRetry(ms: number): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.drain();
    }, ms);
    this.retryTimer.unref();
  }

  private async drainSpool(): Promise<void> {
    const spool = this.spool;
    if (!spool) return;
    // The votes being appended are moved aside, so that votes kept meanwhile go to a new spool file.
    const aside = `${spool.path}.appending`;
    try {
      await rename(spool.path, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`feedback: cannot read ${spool.path}: ${messageOf(e)}`);
    }
    let text: string;
    try {
      text = await readFile(aside, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`feedback: cannot read ${aside}: ${messageOf(e)}`);
      return;
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const { blocks, unreadable } = spoolBlocks(lines, this.log);
    let appended = 0;
    for (const [i, block] of blocks.entries()) {
      try {
        await deadline(this.appendLines(block.blob, block.text), this.options.appendDeadlineMs ?? FEEDBACK_APPEND_DEADLINE_MS);
        appended += block.count;
      } catch (e) {
        const rest = blocks.slice(i).map((b) => b.text).join('') + unreadable;
        await spool.append(rest);
        await rm(aside, { force: true });
        this.log(`feedback: Blob Storage did not take the votes kept on disk (${messageOf(e)}); ${appended} appended, the rest kept for later`);
        this.scheduleRetry(this.options.retryMs ?? FEEDBACK_SPOOL_RETRY_MS);
        return;
      }
    }
    // Lines that are not votes stay in the spool file for someone to look at.
    if (unreadable) await spool.append(unreadable);
    await rm(aside, { force: true });
    if (appended) this.log(`feedback: appended ${appended} vote(s) kept on disk while Blob Storage could not take them`);
  }

  private appendLines(name: string, text: string): Promise<void> {
    return appendToBlob(this.container, name, text);
  }
}

/**
 * Appends `text` (whole JSON lines) to the append blob `name` as one Append Block, which Blob Storage applies whole,
 * so instances sharing the container append side by side; the day's first append makes the blob (another instance
 * may just have made it).
 */
export async function appendToBlob(container: ContainerClient, name: string, text: string): Promise<void> {
  const blob = container.getAppendBlobClient(name);
  const line = Buffer.from(text, 'utf8');
  try {
    await blob.appendBlock(line, line.length);
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
    await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson; charset=utf-8' } });
    await blob.appendBlock(line, line.length);
  }
}

interface SpoolBlock {
  blob: string;
  text: string;
  count: number;
}

/** The spool file's votes grouped by the day's blob they go to, in blocks of at most FEEDBACK_SPOOL_BLOCK_BYTES. */
function spoolBlocks(lines: string[], log: (line: string) => void): { blocks: SpoolBlock[]; unreadable: string } {
  const blocks: SpoolBlock[] = [];
  let unreadable = '';
  for (const line of lines) {
    let time: unknown;
    try {
      time = (JSON.parse(line) as { time?: unknown }).time;
    } catch {
      time = undefined;
    }
    if (typeof time !== 'string') {
      log('feedback: a line of the votes kept on disk is not a vote; it stays there');
      unreadable += `${line}\n`;
      continue;
    }
    const blob = feedbackBlobName(time);
    const last = blocks.findLast((b) => b.blob === blob);
    if (last && Buffer.byteLength(last.text) + Buffer.byteLength(line) + 1 <= FEEDBACK_SPOOL_BLOCK_BYTES) {
      last.text += `${line}\n`;
      last.count++;
    } else {
      blocks.push({ blob, text: `${line}\n`, count: 1 });
    }
  }
  return { blocks, unreadable };
}

/** The promise, or a rejection once `ms` have passed. */
function deadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The HTTP status of an Azure SDK error (a RestError), if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
