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

/** Appends feedback to a JSON-lines file, one vote a line; the folder is made on first use. */
export class FeedbackLog implements FeedbackSink {
  private pending: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Appends one entry; entries from concurrent turns are written whole and in order. */
  record(entry: FeedbackEntry): Promise<void> {
    const write = async (): Promise<void> => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${JSON.stringify(entry)}\n`, 'utf8');
    };
    const next = this.pending.then(write, write);
    this.pending = next.catch(() => undefined);
    return next;
  }
}
