import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TurnResult } from '../answer/answerQuestion';
import type { Answer, Query } from '../answer/types';
import type { CorpusIndex } from '../search/CorpusIndex';
import { field, tenantOf } from './tenantOf';

/**
 * How a question went unanswered: `not_found` (nothing on record), `ambiguous` (the bot had to ask which authority),
 * `passage` (answered only by quoting the sentences that best matched, not from the timeline's facts), or
 * `no_documents` (answered, but about an authority none of whose documents is held: Ofsted's national record at
 * most).
 */
export const UNANSWERED_STATUSES = ['not_found', 'ambiguous', 'passage', 'no_documents'] as const;
export type UnansweredStatus = (typeof UNANSWERED_STATUSES)[number];

/**
 * One question the bot could not answer from its facts, as recorded for the people who keep its data. It holds no
 * user's id or name, and no conversation id: only where it was asked (the kind of conversation and the tenant).
 */
export interface UnansweredEntry {
  /** ISO time the question was answered. */
  time: string;
  /** The question as the user asked it. */
  question: string;
  /** The authority it was about (answered, assumed or named but not on record), or null. */
  authority: string | null;
  status: UnansweredStatus;
  /** What kind of thing was asked, from the question as read: its intents and kind of event ("when · monitoring visit"). */
  asked: string;
  /** How many documents about `authority` were held when it was asked; null without an authority. */
  documents: number | null;
  /** Teams' conversation type: personal, groupChat or channel; null when the channel gives none. */
  conversationType: string | null;
  /** The Microsoft Entra tenant it came from (lower case), or null. */
  tenant: string | null;
}

/** Where unanswered questions are recorded: a local file (UnansweredLog) or Azure Blob Storage (BlobUnansweredLog). */
export interface UnansweredSink {
  /** Records one question; resolves once it is stored. */
  record(entry: UnansweredEntry): Promise<void>;
}

/** True for an answer that only quotes the sentences that matched best (see fallbackAnswer and evidenceAnswer). */
export function isPassageAnswer(answer: Answer): boolean {
  return answer.status === 'answered' && answer.facts.length > 0 && answer.facts.every((f) => f.label === 'source' && f.eventId === null);
}

/** How an answer left its question unanswered, or null when it answered it from the facts on record. */
export function unansweredStatus(answer: Answer, documents: number | null): UnansweredStatus | null {
  if (answer.status === 'not_found') return 'not_found';
  if (answer.status === 'ambiguous') return 'ambiguous';
  if (isPassageAnswer(answer)) return 'passage';
  if (documents === 0) return 'no_documents';
  return null;
}

/** "when · monitoring visit", "lead", "other": the intents of a question as read, and the kind of event it names. */
export function askedOf(query: Query): string {
  const intents = query.intents.filter((i) => i !== 'other');
  const what = intents.length ? intents.join(' + ') : 'other';
  return query.kind ? `${what} · ${query.kind.label}` : what;
}

/**
 * The record of a turn's question when its answer left it unanswered, or null when it was answered from the facts.
 * Reads the activity's conversation type and tenant only; never its user.
 */
export function unansweredEntry(activity: unknown, index: CorpusIndex, question: string, result: TurnResult, time = new Date()): UnansweredEntry | null {
  const { answer, turn } = result;
  const authority = answer.authority ?? turn.query.authority ?? turn.query.unknownAuthority ?? null;
  const documents = authority ? index.documentsOf(authority).length : null;
  const status = unansweredStatus(answer, documents);
  if (!status) return null;
  const conversationType = field(field(activity, 'conversation'), 'conversationType');
  return {
    time: time.toISOString(),
    question,
    authority,
    status,
    asked: askedOf(turn.query),
    documents,
    conversationType: typeof conversationType === 'string' && conversationType !== '' ? conversationType : null,
    tenant: tenantOf(activity),
  };
}

/** Appends unanswered questions to a JSON-lines file, one a line; the folder is made on first use. */
export class UnansweredLog implements UnansweredSink {
  private pending: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Appends one entry; entries from concurrent turns are written whole and in order. */
  record(entry: UnansweredEntry): Promise<void> {
    const write = async (): Promise<void> => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${JSON.stringify(entry)}\n`, 'utf8');
    };
    const next = this.pending.then(write, write);
    this.pending = next.catch(() => undefined);
    return next;
  }
}
