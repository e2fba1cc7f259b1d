import type { ContainerClient } from '@azure/storage-blob';
import type { FeedbackEntry, FeedbackSink } from './FeedbackLog';

/** The folder (blob name prefix) in the state container that holds the votes. */
export const FEEDBACK_PREFIX = 'feedback/';

/** The append blob a vote goes to: one a day (UTC), JSON lines like FEEDBACK_FILE, e.g. `feedback/2026-03-05.jsonl`. */
export function feedbackBlobName(time: string): string {
  return `${FEEDBACK_PREFIX}${time.slice(0, 10)}.jsonl`;
}

/**
 * Appends feedback to one append blob a day in Azure Blob Storage, one vote a line. Each vote is one Append Block,
 * which Blob Storage applies whole, so instances sharing the container can record votes at the same time.
 */
export class BlobFeedbackLog implements FeedbackSink {
  constructor(private readonly container: ContainerClient) {}

  async record(entry: FeedbackEntry): Promise<void> {
    const blob = this.container.getAppendBlobClient(feedbackBlobName(entry.time));
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    try {
      await blob.appendBlock(line, line.length);
    } catch (e) {
      // The day's first vote: make the blob (another instance may just have made it), then append.
      if (statusOf(e) !== 404) throw e;
      await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson; charset=utf-8' } });
      await blob.appendBlock(line, line.length);
    }
  }
}

/** The HTTP status of an Azure SDK error (a RestError), if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
