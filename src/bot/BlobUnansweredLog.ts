import { ContainerClient } from '@azure/storage-blob';
import type { Config } from '../config';
import { appendToBlob } from './BlobFeedbackLog';
import { BLOB_RETRY } from './stateStorage';
import { type UnansweredEntry, UnansweredLog, type UnansweredSink } from './UnansweredLog';

/** The folder (blob name prefix) in the state container that holds the unanswered questions. */
export const UNANSWERED_PREFIX = 'unanswered/';

/** The append blob a question goes to: one a day (UTC), JSON lines like UNANSWERED_FILE, e.g. `unanswered/2026-03-05.jsonl`. */
export function unansweredBlobName(time: string): string {
  return `${UNANSWERED_PREFIX}${time.slice(0, 10)}.jsonl`;
}

/**
 * Appends unanswered questions to one append blob a day in Azure Blob Storage, one a line. Each is one Append Block,
 * which Blob Storage applies whole, so instances sharing the container can record at the same time.
 */
export class BlobUnansweredLog implements UnansweredSink {
  constructor(private readonly container: ContainerClient) {}

  record(entry: UnansweredEntry): Promise<void> {
    return appendToBlob(this.container, unansweredBlobName(entry.time), `${JSON.stringify(entry)}\n`);
  }
}

export type UnansweredSettings = Pick<Config, 'stateStorage' | 'storageConnectionString' | 'stateContainer' | 'unansweredFile'>;

/**
 * Where the settings say unanswered questions go: UNANSWERED_FILE with STATE_STORAGE=memory, the state container's
 * `unanswered/` blobs with blob (opened after openStateStore has checked the container, so the string is usable).
 * `description` is for the start-up log and never holds a secret.
 */
export function openUnansweredLog(settings: UnansweredSettings): { sink: UnansweredSink; description: string } {
  if (settings.stateStorage === 'blob' && settings.storageConnectionString) {
    const container = new ContainerClient(settings.storageConnectionString, settings.stateContainer, { retryOptions: BLOB_RETRY });
    return { sink: new BlobUnansweredLog(container), description: `unanswered questions in ${UNANSWERED_PREFIX} of container "${settings.stateContainer}"` };
  }
  return { sink: new UnansweredLog(settings.unansweredFile), description: `unanswered questions in ${settings.unansweredFile}` };
}
