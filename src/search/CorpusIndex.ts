import MiniSearch from 'minisearch';
import type { AuthorityDirectory } from '../corpus/authorities';
import type { Corpus, Passage, SourceDocument } from '../corpus/types';
import type { InspectionEvent, Timeline } from '../timeline/types';
import { describeEvent } from './describeEvent';
import { INDEX_OPTIONS, type SearchRecord } from './searchOptions';
import type { SearchFilter, SearchHit } from './types';

/** A loaded corpus: its documents, passages, timeline, and one MiniSearch index over passages and events. */
export class CorpusIndex {
  private readonly documents = new Map<string, SourceDocument>();
  private readonly passages = new Map<string, Passage>();
  private readonly events = new Map<string, InspectionEvent>();
  private onRecord: string[] | null = null;

  constructor(
    readonly corpus: Corpus,
    readonly timeline: Timeline,
    readonly authorities: AuthorityDirectory,
    private readonly index: MiniSearch<SearchRecord>,
  ) {
    for (const d of corpus.documents) this.documents.set(d.file, d);
    for (const p of corpus.passages) this.passages.set(p.id, p);
    for (const e of timeline.events) this.events.set(e.id, e);
  }

  /** Indexes a corpus and its timeline. */
  static build(corpus: Corpus, timeline: Timeline, authorities: AuthorityDirectory): CorpusIndex {
    const index = new MiniSearch<SearchRecord>(INDEX_OPTIONS);
    index.addAll(searchRecords(corpus, timeline));
    return new CorpusIndex(corpus, timeline, authorities, index);
  }

  /** Restores an index saved with `indexJson()`, with the same options it was built with. */
  static restore(corpus: Corpus, timeline: Timeline, authorities: AuthorityDirectory, indexJson: string): CorpusIndex {
    return new CorpusIndex(corpus, timeline, authorities, MiniSearch.loadJSON<SearchRecord>(indexJson, INDEX_OPTIONS));
  }

  /** The MiniSearch index as JSON, for the snapshot. */
  indexJson(): string {
    return JSON.stringify(this.index);
  }

  document(file: string): SourceDocument | undefined {
    return this.documents.get(file);
  }

  passage(id: string): Passage | undefined {
    return this.passages.get(id);
  }

  event(id: string): InspectionEvent | undefined {
    return this.events.get(id);
  }

  /** Authorities that at least one document or event is about, sorted. */
  authoritiesOnRecord(): string[] {
    // Asked on every turn; at national size the walk over every document and event costs milliseconds.
    if (!this.onRecord) {
      const names = new Set<string>();
      for (const d of this.corpus.documents) if (d.authority) names.add(d.authority);
      for (const e of this.timeline.events) names.add(e.authority);
      this.onRecord = [...names].sort();
    }
    return [...this.onRecord];
  }

  /** The best passages and events for some words, optionally for one authority or of one type. */
  search(query: string, filter: SearchFilter = {}, limit = 20): SearchHit[] {
    if (!query.trim()) return [];
    const wanted = (fields: Record<string, unknown> | undefined): boolean =>
      (!filter.authority || fields?.['authority'] === filter.authority) && (!filter.type || fields?.['type'] === filter.type);
    // A boost of 0 leaves a record out before it is scored, where a filter would drop it only after scoring and
    // sorting every match in the corpus; the records kept score exactly as they would unfiltered.
    const results = this.index.search(query, filter.authority || filter.type ? { boostDocument: (_id, _term, fields) => (wanted(fields) ? 1 : 0) } : {});
    return results.slice(0, limit).map((r) => ({
      id: String(r.id),
      type: r['type'] === 'event' ? 'event' : 'passage',
      file: String(r['file'] ?? ''),
      authority: String(r['authority'] ?? ''),
      score: r.score,
      terms: r.terms,
    }));
  }
}

function searchRecords(corpus: Corpus, timeline: Timeline): SearchRecord[] {
  const docs = new Map(corpus.documents.map((d) => [d.file, d]));
  const records: SearchRecord[] = corpus.passages.map((p) => {
    const d = docs.get(p.file);
    return {
      id: p.id, type: 'passage', file: p.file, authority: d?.authority ?? '', heading: p.heading ?? '',
      title: d?.title ?? '', text: p.text,
    };
  });
  for (const e of timeline.events) {
    records.push({
      id: `event:${e.id}`, type: 'event', file: e.mentions[0]?.file ?? '', authority: e.authority, heading: '',
      title: '', text: describeEvent(e),
    });
  }
  return records;
}
