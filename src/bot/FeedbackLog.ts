import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One 👍/👎 vote on a reply, as recorded. */
export interface FeedbackEntry {
  /** ISO time the vote arrived. */
  time: string;
  reaction: 'like' | 'dislike';
  /** What the user wrote with the vote; empty when nothing. */
  comment: string;
  /** The id of the reply voted on. */
  replyId: string | null;
  conversationId: string | null;
  /** The question and answer of that reply, when the conversation still remembers them. */
  question: string | null;
  answer: string | null;
}

/** Where votes are recorded: a local file (FeedbackLog) or Azure Blob Storage (BlobFeedbackLog). */
export interface FeedbackSink {
  /** Records one vote; resolves once it is stored. */
  record(entry: FeedbackEntry): Promise<void>;
}

/** At most this many votes are written to the file in one append. */
export const FEEDBACK_BATCH = 500;

interface Queued {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Appends feedback to a JSON-lines file, one vote a line; the folder is made on first use. Votes that arrive while
 * the file is being written wait for the next append, which writes them all at once: votes from concurrent turns wait
 * for at most one write before theirs, not for one write each.
 */
export class FeedbackLog implements FeedbackSink {
  private readonly queue: Queued[] = [];
  private writing = false;
  private folderMade = false;

  constructor(readonly path: string) {}

  /** Appends one entry; entries from concurrent turns are written whole and in order. */
  record(entry: FeedbackEntry): Promise<void> {
    return this.append(`${JSON.stringify(entry)}\n`);
  }

  /** Appends lines as they are (each ending in a newline), with the votes recorded meanwhile. */
  append(lines: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line: lines, resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, FEEDBACK_BATCH);
      try {
        if (!this.folderMade) {
          await mkdir(dirname(this.path), { recursive: true });
          this.folderMade = true;
        }
        await appendFile(this.path, batch.map((q) => q.line).join(''), 'utf8');
        for (const q of batch) q.resolve();
      } catch (e) {
        for (const q of batch) q.reject(e);
      }
    }
    this.writing = false;
  }
}
