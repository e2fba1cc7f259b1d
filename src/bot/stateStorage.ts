import { dirname, join } from 'node:path';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { type Config, DEFAULT_MEMORY_CONVERSATIONS } from '../config';
import { BlobFeedbackLog, statusOf } from './BlobFeedbackLog';
import { FeedbackLog, type FeedbackSink } from './FeedbackLog';

/** Where conversation memory and votes are kept, as opened at start. */
export interface StateStore {
  /** The Storage for botbuilder's ConversationState. */
  storage: Storage;
  feedback: FeedbackSink;
  /** Where that is, for the start-up log; never holds a secret. */
  description: string;
}

/** The store cannot be used; the message names the setting and what to do, and never holds a secret. */
export class StateStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateStoreError';
  }
}

/**
 * How Blob Storage requests are retried: a few quick tries, so that an unreachable account stops the start within
 * seconds and a turn's save does not wait minutes. Times in ms.
 */
export const BLOB_RETRY = { maxTries: 3, tryTimeoutInMs: 10_000, retryDelayInMs: 500, maxRetryDelayInMs: 2_000 } as const;

export type StateStoreSettings = Pick<Config, 'stateStorage' | 'storageConnectionString' | 'stateContainer' | 'feedbackFile'> &
  Partial<Pick<Config, 'memoryConversations'>>;

/**
 * The file beside FEEDBACK_FILE that votes are kept in, with STATE_STORAGE=blob, while Blob Storage cannot take them;
 * they are appended to the blobs when it can again.
 */
export const FEEDBACK_SPOOL_NAME = 'feedback-spool.jsonl';


/**
 * Opens the store the settings name. For Blob Storage it checks the account is reachable and the credentials work
 * by creating the container if it is missing; throws a StateStoreError if not.
 */
export async function openStateStore(
  settings: StateStoreSettings, retry: StoragePipelineOptions['retryOptions'] = BLOB_RETRY, log: (line: string) => void = () => undefined,
): Promise<StateStore> {
  if (settings.stateStorage === 'memory') {
    const conversations = settings.memoryConversations ?? DEFAULT_MEMORY_CONVERSATIONS;
    return {
      storage: new CreateOnlyMemoryStorage(conversations),
      feedback: new FeedbackLog(settings.feedbackFile),
      description: `the memory of the ${conversations} latest conversations in this process (lost on restart), votes in ${settings.feedbackFile}`,
    };
  }
  const connectionString = settings.storageConnectionString;
  if (!connectionString) throw new StateStoreError('STATE_STORAGE is "blob" but AZURE_STORAGE_CONNECTION_STRING is not set: set it to the storage account\'s connection string');
  const name = settings.stateContainer;
  const pipeline: StoragePipelineOptions = { retryOptions: retry };
  let container: ContainerClient;
  try {
    container = new ContainerClient(connectionString, name, pipeline);
  } catch {
    // The SDK's message may quote the string, which holds the account key.
    throw new StateStoreError('AZURE_STORAGE_CONNECTION_STRING is not a usable connection string: it needs ' +
      'DefaultEndpointsProtocol, AccountName, AccountKey and EndpointSuffix (or BlobEndpoint), or BlobEndpoint and ' +
      'SharedAccessSignature; copy it whole from the storage account\'s Access keys page');
  }
  const where = `Blob Storage container "${name}" at ${accountAddress(container)}`;
  try {
    await container.createIfNotExists();
  } catch (e) {
    throw new StateStoreError(`cannot use ${where}: ${whyUnusable(e)}`);
  }
  return {
    storage: new BlobStateStorage(container, new BlobsStorage(connectionString, name, { storagePipelineOptions: pipeline })),
    feedback: new BlobFeedbackLog(container, { spoolFile: join(dirname(settings.feedbackFile), FEEDBACK_SPOOL_NAME), log }),
    description: `conversation memory and votes in ${where}`,
  };
}

/** The account's blob endpoint, without a SAS token's query. */
function accountAddress(container: ContainerClient): string {
  const url = new URL(container.url);
  return `${url.origin}${url.pathname.replace(/\/[^/]*$/, '')}`;
}

function whyUnusable(error: unknown): string {
  const status = statusOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (status === 403) {
    return 'the account refused the credentials (403): check the account key or SAS in AZURE_STORAGE_CONNECTION_STRING, ' +
      'and that a SAS allows creating containers and reading, writing and adding blobs';
  }
  if (status === 404) return 'the account was not found (404): check AccountName or BlobEndpoint in AZURE_STORAGE_CONNECTION_STRING';
  if (status !== undefined) return `Blob Storage answered ${status}${typeof code === 'string' ? ` ${code}` : ''}`;
  if (typeof code === 'string' && /^(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)$/.test(code)) {
    return `it cannot be reached (${code}): check the account name or endpoint in AZURE_STORAGE_CONNECTION_STRING and the network`;
  }
  return `it cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
}

const CONFLICT = (key: string): Error => new Error(`Storage: error writing "${key}" due to eTag conflict.`);

/** An item written without an eTag is new: it must not exist yet, or another writer made it first. */
const isNew = (eTag: unknown): boolean => eTag === undefined || eTag === '';

/**
 * BlobsStorage, except in writing: an item written without an eTag is created only if it does not exist yet
 * (BlobsStorage overwrites it), so two instances starting the same conversation at once get an eTag conflict rather
 * than one of them losing its change; eTag "*" still overwrites. Each written item is given the blob's new eTag, so
 * that a turn can write its memory twice (see MemoryStore.claim) without a conflict with itself.
 */
class BlobStateStorage implements Storage {
  constructor(private readonly container: ContainerClient, private readonly blobs: BlobsStorage) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.blobs.read(keys);
  }

  delete(keys: string[]): Promise<void> {
    return this.blobs.delete(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(async ([key, item]) => {
      if (item === null || typeof item !== 'object') throw new Error(`Storage: the item to write under "${key}" is not an object`);
      const { eTag, ...value } = item as Record<string, unknown>;
      const body = JSON.stringify(value);
      const conditions = isNew(eTag) ? { ifNoneMatch: '*' } : eTag === '*' ? {} : { ifMatch: String(eTag) };
      try {
        const written = await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(body, Buffer.byteLength(body), {
          conditions, blobHTTPHeaders: { blobContentType: 'application/json' },
        });
        (item as StoreItem).eTag = written.etag;
      } catch (e) {
        throw statusOf(e) === 409 || statusOf(e) === 412 ? CONFLICT(key) : e;
      }
    }));
  }
}

/**
 * Conversation memory in this process, with the conflict rules of the blob Storage: an item written without an eTag is
 * created only if it does not exist yet, one written with an eTag only if that is still the stored item's, and eTag "*"
 * overwrites. Items are kept as JSON, so each read gives a copy of its own, with the stored eTag beside the text so that
 * a write checks it without parsing the old item (as botbuilder's MemoryStorage does on every write). A write whose
 * items do not all pass changes none of them; a deleted item's key goes too (MemoryStorage keeps it, with no value).
 *
 * At most `maxConversations` conversations are kept (ConversationState's `<channel>/conversations/<id>/` items with
 * the items kept beside them): writing one more forgets the one read or written longest ago, all its items at once.
 * Other items (subscriptions) are never forgotten.
 */
export class CreateOnlyMemoryStorage implements Storage {
  private readonly items = new Map<string, { json: string; eTag: string }>();
  /** Each conversation's keys, the conversation used longest ago first. */
  private readonly conversations = new Map<string, Set<string>>();
  private lastETag = 0;

  constructor(private readonly maxConversations = Number.POSITIVE_INFINITY) {}

  read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (!item) continue;
      this.touch(key);
      const value = JSON.parse(item.json) as StoreItem;
      value.eTag = item.eTag;
      found[key] = value;
    }
    return Promise.resolve(found);
  }

  write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    for (const [key, item] of entries) {
      if (item === null || typeof item !== 'object') return Promise.reject(new Error(`Storage: the item to write under "${key}" is not an object`));
      const eTag = (item as StoreItem).eTag;
      const stored = this.items.get(key);
      if (isNew(eTag) ? stored !== undefined : eTag !== '*' && stored !== undefined && stored.eTag !== eTag) return Promise.reject(CONFLICT(key));
    }
    for (const [key, item] of entries) {
      const eTag = String(++this.lastETag);
      this.items.set(key, { json: JSON.stringify({ ...item, eTag: undefined }), eTag });
      // As the blob Storage does: the written item is given its new eTag.
      (item as StoreItem).eTag = eTag;
      this.touch(key);
    }
    while (this.conversations.size > this.maxConversations) {
      const [oldest, keys] = this.conversations.entries().next().value as [string, Set<string>];
      for (const key of keys) this.items.delete(key);
      this.conversations.delete(oldest);
    }
    return Promise.resolve();
  }

  delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.items.delete(key);
      const conversation = conversationOfKey(key);
      const held = conversation === null ? undefined : this.conversations.get(conversation);
      held?.delete(key);
      if (held?.size === 0) this.conversations.delete(conversation!);
    }
    return Promise.resolve();
  }

  /** How many conversations are kept. */
  conversationCount(): number {
    return this.conversations.size;
  }

  /** Marks the conversation of a stored key as the one used last. */
  private touch(key: string): void {
    const conversation = conversationOfKey(key);
    if (conversation === null) return;
    const held = this.conversations.get(conversation) ?? new Set<string>();
    this.conversations.delete(conversation);
    held.add(key);
    this.conversations.set(conversation, held);
  }

  /** The keys stored, in the order first written. */
  keys(): string[] {
    return [...this.items.keys()];
  }
}

/**
 * The conversation a storage key belongs to: ConversationState's key `<channel>/conversations/<id>/` for itself and
 * for the items kept beside it (`…/kept/<name>`); null for a key of no conversation.
 */
export function conversationOfKey(key: string): string | null {
  const at = key.indexOf('/conversations/');
  if (at < 0 || key.slice(0, at).includes('/')) return null;
  const kept = key.indexOf('/kept/', at + '/conversations/'.length);
  return kept < 0 ? key : key.slice(0, kept + 1);
}
