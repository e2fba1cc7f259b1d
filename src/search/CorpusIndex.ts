import { writeFileSync } from 'node:fs';
import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch';
import type { AuthorityDirectory } from '../corpus/authorities';
import type { Corpus, Passage, SourceDocument } from '../corpus/types';
import type { InspectionEvent, Timeline } from '../timeline/types';
import { describeEvent } from './describeEvent';
import { buildIndexFiles } from './indexWorkers';
import { INDEX_OPTIONS, type SearchRecord } from './searchOptions';
import type { SearchFilter, SearchHit } from './types';

/**
 * Gives a saved index by its key (an authority's name, '' for documents of no single authority), or null when it is
 * missing; it throws when it cannot be read.
 */
export type IndexLoader = (key: string) => AsPlainObject | null;

/** Where an index is read from on first use, and told of one that had to be rebuilt. */
export interface IndexSource {
  load: IndexLoader;
  warn: (message: string) => void;
}

/** Where `restore` finds its indexes. */
export interface SavedIndexes extends IndexSource {
  keys: string[];
}

/**
 * Where `build` puts each index as soon as it is made, so that only one is held at a time (each is read again on
 * first use). An index that could not be written is kept in memory.
 */
export interface IndexStore extends IndexSource {
  /** The file to write an index to. */
  fileFor: (key: string) => string;
  /** Told once an index is in its file. */
  saved: (key: string) => void;
}

/**
 * A loaded corpus: its documents, passages, timeline, and a MiniSearch index per authority (plus one for documents of
 * no single authority, such as the national history). A search for one authority walks only that authority's
 * postings; a search across authorities asks each index and merges their best hits by score, each scored against its
 * own index (as a sharded search engine scores each shard). Building holds one index at a time, so memory does not
 * grow with a second copy of the corpus's postings. Restored indexes are read on first use.
 */
export class CorpusIndex {
  private readonly documents = new Map<string, SourceDocument>();
  /** Each document's passages, in order: a passage's id is its file and its place there (`${file}#${index}`). */
  private readonly passagesByFile = new Map<string, Passage[]>();
  private readonly events = new Map<string, InspectionEvent>();
  private onRecord: string[] | null = null;
  private readonly shards = new Map<string, MiniSearch<SearchRecord>>();
  private readonly keys: Set<string>;
  private readonly sortedKeys: string[];

  private constructor(
    readonly corpus: Corpus,
    readonly timeline: Timeline,
    readonly authorities: AuthorityDirectory,
    keys: Iterable<string>,
    private readonly saved: IndexSource | null,
  ) {
    for (const d of corpus.documents) this.documents.set(d.file, d);
    // A document's passages come one after another; grouping them by run costs a fraction of a map of 100,000 ids.
    let run: Passage[] = [];
    for (const p of corpus.passages) {
      if (p.file !== run[0]?.file) {
        run = this.passagesByFile.get(p.file) ?? [];
        this.passagesByFile.set(p.file, run);
      }
      run.push(p);
    }
    for (const e of timeline.events) this.events.set(e.id, e);
    this.keys = new Set(keys);
    this.sortedKeys = [...this.keys].sort();
  }

  /** Indexes a corpus and its timeline; with a store, each index goes to it as soon as it is made. */
  static build(corpus: Corpus, timeline: Timeline, authorities: AuthorityDirectory, store: IndexStore | null = null): CorpusIndex {
    const byAuthority = groupByAuthority(searchRecords(corpus, timeline));
    const index = new CorpusIndex(corpus, timeline, authorities, byAuthority.keys(), store);
    for (const [authority, list] of byAuthority) {
      const shard = newShard(list);
      if (!store || !index.write(store, authority, JSON.stringify(shard))) index.shards.set(authority, shard);
    }
    return index;
  }

  /**
   * Indexes a corpus and its timeline as `build` does, the indexes built and written to the store on worker threads
   * (see indexWorkers.ts). An index a worker could not write is built here and kept in memory, with a warning.
   */
  static async buildApart(
    corpus: Corpus, timeline: Timeline, authorities: AuthorityDirectory, store: IndexStore, workers?: number,
  ): Promise<CorpusIndex> {
    const byAuthority = groupByAuthority(searchRecords(corpus, timeline));
    const index = new CorpusIndex(corpus, timeline, authorities, byAuthority.keys(), store);
    const jobs = [...byAuthority].map(([key, records]) => ({ key, records, path: store.fileFor(key) }));
    const failures = await buildIndexFiles(jobs, workers);
    for (const [key, records] of byAuthority) {
      const failure = failures.get(key);
      if (failure === null) {
        store.saved(key);
        continue;
      }
      store.warn(`${describeShard(key)} could not be built on a worker thread (${failure ?? 'no reply'}); building it here`);
      index.shards.set(key, newShard(records));
    }
    return index;
  }

  /** Writes an index's JSON to the store's file for it: false when it could not. */
  private write(store: IndexStore, key: string, json: string): boolean {
    try {
      writeFileSync(store.fileFor(key), json);
    } catch {
      return false;
    }
    store.saved(key);
    return true;
  }

  /**
   * A corpus with indexes saved from `shardJson()`, each read, with the options it was built with, when first searched.
   * One that is missing or unreadable is rebuilt from the corpus, with a warning.
   */
  static restore(corpus: Corpus, timeline: Timeline, authorities: AuthorityDirectory, saved: SavedIndexes): CorpusIndex {
    return new CorpusIndex(corpus, timeline, authorities, saved.keys, saved);
  }

  /** The keys of the indexes, sorted: the authorities ('' for documents of no single authority). */
  shardKeys(): string[] {
    return [...this.sortedKeys];
  }

  /**
   * Reads the saved indexes not read yet, one per turn of the event loop, so that a question seldom waits for its
   * index (about 10 ms each at 100,000 passages), then gathers the documents' words (a third of a second there). Without `keepAlive` the timers do not keep the process alive (nor
   * does the promise then settle if the process has nothing else to do). Resolves once they are all read.
   */
  warmUp(keepAlive = true): Promise<void> {
    const pending = this.shardKeys().filter((k) => !this.shards.has(k));
    return new Promise((done) => {
      const next = (): void => {
        const k = pending.shift();
        if (k === undefined) {
          // Last, the words of the documents, which a question's spelling is checked against.
          this.hasWord('');
          return done();
        }
        this.shard(k);
        later();
      };
      const later = (): void => {
        const timer = setTimeout(next, 0);
        if (!keepAlive) timer.unref();
      };
      later();
    });
  }

  /** One index as JSON, for the snapshot. */
  shardJson(key: string): string {
    const shard = this.shard(key);
    if (!shard) throw new Error(`there is no index "${key}"; the keys are those of shardKeys()`);
    return JSON.stringify(shard);
  }

  private shard(key: string): MiniSearch<SearchRecord> | undefined {
    const built = this.shards.get(key);
    if (built || !this.keys.has(key) || !this.saved) return built;
    let shard: MiniSearch<SearchRecord> | null = null;
    try {
      const plain = this.saved.load(key);
      if (plain) {
        if (typeof plain !== 'object' || typeof plain.documentCount !== 'number' || typeof plain.index !== 'object' || plain.index === null) {
          throw new Error('it is not a MiniSearch index');
        }
        shard = MiniSearch.loadJS<SearchRecord>(plain, INDEX_OPTIONS);
      } else {
        this.saved.warn(`${describeShard(key)} is missing from the snapshot; rebuilding it from the documents`);
      }
    } catch (e) {
      this.saved.warn(`${describeShard(key)} could not be restored (${(e as Error).message}); rebuilding it from the documents`);
    }
    shard ??= newShard(searchRecords(this.corpus, this.timeline).filter((r) => r.authority === key));
    this.shards.set(key, shard);
    return shard;
  }

  document(file: string): SourceDocument | undefined {
    return this.documents.get(file);
  }

  passage(id: string): Passage | undefined {
    const hash = id.lastIndexOf('#');
    const list = this.passagesByFile.get(id.slice(0, hash));
    if (!list) return undefined;
    const at = list[Number(id.slice(hash + 1))];
    return at?.id === id ? at : list.find((p) => p.id === id);
  }

  private words: Set<string> | null = null;

  /** Whether a word (in lower case) stands anywhere in the documents: a word they use is no misspelling. */
  hasWord(word: string): boolean {
    if (!this.words) {
      const words = new Set<string>();
      for (const d of this.corpus.documents) for (const w of d.text.toLowerCase().split(/[^a-z]+/)) if (w.length >= 6) words.add(w);
      this.words = words;
    }
    return this.words.has(word.toLowerCase());
  }

  private byAuthority: Map<string, SourceDocument[]> | null = null;

  /** The documents about one authority, in corpus order. */
  documentsOf(authority: string): readonly SourceDocument[] {
    if (!this.byAuthority) {
      const by = new Map<string, SourceDocument[]>();
      for (const d of this.corpus.documents) {
        if (!d.authority) continue;
        const list = by.get(d.authority);
        if (list) list.push(d);
        else by.set(d.authority, [d]);
      }
      this.byAuthority = by;
    }
    return this.byAuthority.get(authority) ?? [];
  }

  /** A document's passages, in order. */
  passagesOf(file: string): readonly Passage[] {
    return this.passagesByFile.get(file) ?? [];
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

  /**
   * The best passages and events for some words, optionally for one authority or of one type. For one authority only
   * its own index is searched, so its scores weigh words by how rare they are among that authority's records; across
   * authorities each index's best hits are merged by score.
   */
  search(query: string, filter: SearchFilter = {}, limit = 20): SearchHit[] {
    if (!query.trim()) return [];
    const type = filter.type;
    // A boost of 0 leaves a record out before it is scored, where a filter would drop it only after scoring and
    // sorting every match; the records kept score exactly as they would unfiltered.
    const options = type ? { boostDocument: (_id: unknown, _term: string, fields?: Record<string, unknown>) => (fields?.['type'] === type ? 1 : 0) } : {};
    const keys = filter.authority ? [filter.authority] : this.sortedKeys;
    let results: SearchResult[] = [];
    for (const k of keys) {
      const found = this.shard(k)?.search(query, options) ?? [];
      results = keys.length === 1 ? found : results.concat(found.slice(0, limit));
    }
    if (keys.length > 1) results.sort((a, b) => b.score - a.score);
    return results.slice(0, limit).map((r) => ({
      id: String(r.id),
      type: r['type'] === 'event' ? 'event' : 'passage',
      file: String(r['file'] ?? ''),
      authority: String(r['authority'] ?? ''),
      score: r.score,
      terms: r.terms,
    }));
  }

  /**
   * How many passages and events match some words (as `search` would find them), counted without scoring or sorting
   * them: to tell a rare word from a common one.
   */
  matchCount(query: string, filter: SearchFilter = {}): number {
    if (!query.trim()) return 0;
    const type = filter.type;
    let count = 0;
    for (const k of filter.authority ? [filter.authority] : this.sortedKeys) {
      // Each index holds one authority's records, so no record is counted twice.
      const matched = new Set<unknown>();
      this.shard(k)?.search(query, {
        boostDocument: (id, _term, fields) => {
          if (!type || fields?.['type'] === type) matched.add(id);
          return 0;
        },
      });
      count += matched.size;
    }
    return count;
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

function newShard(records: SearchRecord[]): MiniSearch<SearchRecord> {
  const shard = new MiniSearch<SearchRecord>(INDEX_OPTIONS);
  shard.addAll(records);
  return shard;
}

function groupByAuthority(records: SearchRecord[]): Map<string, SearchRecord[]> {
  const out = new Map<string, SearchRecord[]>();
  for (const r of records) {
    const list = out.get(r.authority);
    if (list) list.push(r);
    else out.set(r.authority, [r]);
  }
  return out;
}

function describeShard(key: string): string {
  return key ? `the index of "${key}"` : 'the index of documents of no single authority';
}
