/**
 * How fresh an answer is, from the data's own dates, never the clock: the date of Ofsted's national history an answer
 * cites, and the date of the newest document on record for the authority it is about.
 */
import { isHistoryText } from '../corpus/inspectionHistory';
import type { SourceDocument } from '../corpus/types';
import type { CorpusIndex } from '../search/CorpusIndex';
import { formatDate, parseIso, type PartialDate } from '../timeline/dates';
import type { Answer } from './types';
import { andList } from './words';

/** Per index: its newest document date, and each authority's newest document (null when none is dated). */
interface Newest {
  overall: string | null;
  byAuthority: Map<string, SourceDocument>;
}

const newestByIndex = new WeakMap<CorpusIndex, Newest>();

function newest(index: CorpusIndex): Newest {
  let found = newestByIndex.get(index);
  if (!found) {
    found = { overall: null, byAuthority: new Map() };
    for (const d of index.corpus.documents) {
      if (!d.date || !parseIso(d.date)) continue;
      if (found.overall === null || d.date > found.overall) found.overall = d.date;
      const kept = d.authority ? found.byAuthority.get(d.authority) : undefined;
      if (d.authority && (!kept || d.date > kept.date!)) found.byAuthority.set(d.authority, d);
    }
    newestByIndex.set(index, found);
  }
  return found;
}

/** The date of the newest dated document on record (YYYY-MM-DD or YYYY-MM), or null when none is dated. */
export function newestSourceDate(index: CorpusIndex): PartialDate | null {
  const iso = newest(index).overall;
  return iso ? parseIso(iso) : null;
}

/** The newest dated document about one authority (the national history is about none), or null. */
export function newestDocumentOf(index: CorpusIndex, authority: string): SourceDocument | null {
  return newest(index).byAuthority.get(authority) ?? null;
}

/** "Ofsted's record as of 20 August 2026.": the catalog dates of the national histories an answer cites, or null. */
export function historyNote(index: CorpusIndex, answer: Answer): string | null {
  const dates = new Set<string>();
  for (const file of new Set(answer.citations.map((c) => c.source))) {
    const doc = index.document(file);
    const date = doc?.date ? parseIso(doc.date) : null;
    if (doc && date && isHistoryText(doc.text)) dates.add(doc.date!);
  }
  if (!dates.size) return null;
  const said = [...dates].sort().map((d) => formatDate(parseIso(d)!));
  return `Ofsted's record${said.length > 1 ? 's' : ''} as of ${andList(said)}.`;
}

/** "The newest document on record for Worcestershire is dated 27 September 2023.", or null when it has none dated. */
export function newestDocumentNote(index: CorpusIndex, authority: string): string | null {
  const doc = newestDocumentOf(index, authority);
  return doc?.date ? `The newest document on record for ${authority} is dated ${formatDate(parseIso(doc.date)!)}.` : null;
}
