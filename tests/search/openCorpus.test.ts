import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusIndex } from '../../src/search/CorpusIndex';
import { openCorpus, SNAPSHOT_VERSION, type SourceCache, snapshotPath } from '../../src/search/openCorpus';
import { processTerm } from '../../src/search/searchOptions';
import { directory, SEED_DIR } from '../helpers';

function copyOf(folder: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
  cpSync(folder, dir, { recursive: true, filter: (src) => !src.includes('.index') });
  return dir;
}

function copyOfSeeds(): string {
  return copyOf(SEED_DIR);
}

/** A news item about another authority, as a council's website publishes them. */
const NORFOLK = 'Ofsted focused visit to Norfolk\n\nPublished 2 December 2022\n\n' +
  'Ofsted carried out a focused visit to Norfolk children\'s services on 18 and 19 October 2022. ' +
  'Inspectors looked at the council\'s arrangements for care leavers and found that young people are well supported.';

function editCatalog(dir: string, file: string, change: Record<string, string>): void {
  const path = join(dir, 'catalog.json');
  const catalog = (JSON.parse(readFileSync(path, 'utf8')) as { file: string }[]).map((e) => (e.file === file ? { ...e, ...change } : e));
  writeFileSync(path, JSON.stringify(catalog, null, 2));
}

/** Two indexes hold the same corpus and timeline, and answer searches alike. */
function expectSameIndex(actual: CorpusIndex, expected: CorpusIndex): void {
  expect(actual.corpus.documents).toEqual(expected.corpus.documents);
  expect(actual.corpus.passages).toEqual(expected.corpus.passages);
  expect(actual.corpus.warnings).toEqual(expected.corpus.warnings);
  expect(actual.timeline).toEqual(expected.timeline);
  for (const query of ['monitoring visit January 2019', 'Norfolk care leavers', 'improvement partner Essex', 'inadequate judgement']) {
    expect(actual.search(query)).toEqual(expected.search(query));
    expect(actual.search(query, { authority: 'Oxfordshire' })).toEqual(expected.search(query, { authority: 'Oxfordshire' }));
  }
}

describe('search', () => {
  describe('openCorpus', () => {
    it('saves a snapshot and reloads it while the sources are unchanged', async () => {
      const dir = copyOfSeeds();
      const logs: string[] = [];
      const first = await openCorpus(dir, directory(), { log: (m) => logs.push(m) });
      const saved = readFileSync(snapshotPath(dir), 'utf8');
      const read: string[] = [];
      const second = await openCorpus(dir, directory(), { log: (m) => logs.push(m), onProgress: (_d, _t, f) => read.push(f) });
      expect(logs).toEqual([]);
      expect(read).toEqual([]);
      expect(readFileSync(snapshotPath(dir), 'utf8')).toBe(saved);
      expect(second.timeline.events.map((e) => e.id)).toEqual(first.timeline.events.map((e) => e.id));
      expect(second.search('Essex improvement partner').map((h) => h.file)).toEqual(first.search('Essex improvement partner').map((h) => h.file));
    });

    it.each<[string, (dir: string) => void, string[]]>([
      ['a changed file', (dir) => appendFileSync(join(dir, '003_b3a3b50b9d6fd335.txt'), `\n\n${NORFOLK}\n`), ['003_b3a3b50b9d6fd335.txt']],
      ['an added file', (dir) => writeFileSync(join(dir, 'norfolk-news.txt'), NORFOLK), ['norfolk-news.txt']],
      ['a removed file', (dir) => unlinkSync(join(dir, '004_af83ce42ede04e54.txt')), []],
      ['a changed catalog entry', (dir) => editCatalog(dir, '002_bafe8324dc1c07ae.txt', { date: '2023-06-01', title: 'Ofsted focused visit letter' }), ['002_bafe8324dc1c07ae.txt']],
      ['a file in a new sub-folder', (dir) => {
        mkdirSync(join(dir, 'letters'));
        writeFileSync(join(dir, 'letters', 'norfolk.txt'), NORFOLK);
      }, ['letters/norfolk.txt']],
    ])('after %s, reads only what changed and gives what a full rebuild gives', async (_case, change, expectedRead) => {
      const dir = copyOfSeeds();
      await openCorpus(dir, directory());
      change(dir);
      const read: string[] = [];
      const logs: string[] = [];
      const updated = await openCorpus(dir, directory(), { onProgress: (done, total, f) => read.push(`${done}/${total} ${f}`), log: (m) => logs.push(m) });
      expect(read).toEqual(expectedRead.map((f, i) => `${i + 1}/${expectedRead.length} ${f}`));
      expect(logs).toEqual([expect.stringMatching(/changed or added .* removed since the snapshot/)]);
      expectSameIndex(updated, await openCorpus(dir, directory(), { snapshot: false }));
      // The snapshot saved is current: the next open reads nothing and gives the same again.
      const again: string[] = [];
      expectSameIndex(await openCorpus(dir, directory(), { onProgress: (_d, _t, f) => again.push(f) }), updated);
      expect(again).toEqual([]);
    });

    it('takes the new times of files touched but unchanged into the snapshot, reading none of them', async () => {
      const dir = copyOfSeeds();
      const first = await openCorpus(dir, directory());
      const file = '003_b3a3b50b9d6fd335.txt';
      const later = new Date(Date.now() + 60_000);
      utimesSync(join(dir, file), later, later);
      const read: string[] = [];
      const logs: string[] = [];
      const second = await openCorpus(dir, directory(), { log: (m) => logs.push(m), onProgress: (_d, _t, f) => read.push(f) });
      expect(read).toEqual([]);
      expect(logs).toEqual([]);
      const saved = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { sources: Record<string, { stat: string }> };
      expect(saved.sources[file]!.stat).toBe(`${statSync(join(dir, file)).size} ${statSync(join(dir, file)).mtimeMs}`);
      expectSameIndex(second, first);
      const manifest = readFileSync(snapshotPath(dir), 'utf8');
      await openCorpus(dir, directory());
      expect(readFileSync(snapshotPath(dir), 'utf8')).toBe(manifest);
    });

    it('finds the new document once a file is added', async () => {
      const dir = copyOfSeeds();
      await openCorpus(dir, directory());
      writeFileSync(join(dir, 'norfolk-news.txt'), NORFOLK);
      const updated = await openCorpus(dir, directory());
      expect(updated.authoritiesOnRecord()).toContain('Norfolk');
      expect(updated.search('care leavers', { authority: 'Norfolk', type: 'passage' })[0]?.file).toBe('norfolk-news.txt');
      expect(updated.search('Norfolk care leavers', { type: 'passage' }).map((h) => h.file)).toContain('norfolk-news.txt');
    });

    it('reads every file again when forced', async () => {
      const dir = copyOfSeeds();
      await openCorpus(dir, directory());
      const read: string[] = [];
      await openCorpus(dir, directory(), { forceRebuild: true, onProgress: (_d, _t, f) => read.push(f) });
      expect(read).toHaveLength(5);
    });

    it('reuses the files of an earlier open from its cache when no snapshot is kept', async () => {
      const dir = copyOfSeeds();
      const cache: SourceCache = new Map();
      await openCorpus(dir, directory(), { snapshot: false, cache });
      expect([...cache.keys()]).toHaveLength(5);
      writeFileSync(join(dir, 'norfolk-news.txt'), NORFOLK);
      const read: string[] = [];
      const updated = await openCorpus(dir, directory(), { snapshot: false, cache, onProgress: (_d, _t, f) => read.push(f) });
      expect(read).toEqual(['norfolk-news.txt']);
      expect(existsSync(snapshotPath(dir))).toBe(false);
      expectSameIndex(updated, await openCorpus(dir, directory(), { snapshot: false }));
    });

    it.each<[string, (snapshot: string) => string, RegExp]>([
      ['truncated', (s) => s.slice(0, Math.floor(s.length / 2)), /is unreadable \(.*JSON.*\); rebuilding it from the sources$/],
      ['not JSON', () => '{ not json', /is unreadable/],
      ['an empty file', () => '', /is unreadable/],
      ['of an older layout', (s) => {
        const { key, timeline, index } = JSON.parse(s) as Record<string, unknown>;
        return JSON.stringify({ key, corpus: { documents: [] }, timeline, index });
      }, new RegExp(`has layout 1, not ${SNAPSHOT_VERSION}; rebuilding it from the sources$`)],
      ['of a newer layout', (s) => JSON.stringify({ ...(JSON.parse(s) as object), version: SNAPSHOT_VERSION + 1 }), new RegExp(`has layout ${SNAPSHOT_VERSION + 1}, not ${SNAPSHOT_VERSION}`)],
      ['with a source whose passages are not a list', (s) => {
        const snap = JSON.parse(s) as { sources: Record<string, object> };
        const [file, source] = Object.entries(snap.sources)[0]!;
        return JSON.stringify({ ...snap, sources: { ...snap.sources, [file]: { ...source, passages: 'none' } } });
      }, /is not a snapshot of this engine \(sources\..*\.passages: expected an array\); rebuilding it from the sources$/],
      ['missing its sources', (s) => JSON.stringify({ ...(JSON.parse(s) as object), sources: undefined }), /is not a snapshot of this engine \(sources: .*\); rebuilding it from the sources$/],
      ['a list', () => '[1, 2, 3]', new RegExp(`has layout 1, not ${SNAPSHOT_VERSION}`)],
      ['without its list of index files', (s) => JSON.stringify({ ...(JSON.parse(s) as object), indexes: undefined }), /is not a snapshot of this engine \(indexes: .*\); rebuilding it from the sources$/],
      ['edited but still valid JSON (a judgement changed)', (s) => {
        expect(s).toContain('"grade":"requires improvement"');
        return s.replace('"grade":"requires improvement"', '"grade":"outstanding"');
      }, /does not match its checksum \(it was changed after it was written\); rebuilding it from the sources$/],
      ['without its checksum', (s) => JSON.stringify({ ...(JSON.parse(s) as object), checksum: undefined }), /does not match its checksum \(it has none\); rebuilding it from the sources$/],
      ['naming an index file outside its folder', (s) => JSON.stringify({ ...(JSON.parse(s) as object), indexes: { '*': '../catalog.json' } }), /is not a snapshot of this engine \(indexes\.\*: .*\); rebuilding it from the sources$/],
    ])('rebuilds a snapshot that is %s, with a warning naming it', async (_case, corrupt, message) => {
      const dir = copyOfSeeds();
      const fresh = await openCorpus(dir, directory());
      writeFileSync(snapshotPath(dir), corrupt(readFileSync(snapshotPath(dir), 'utf8')));
      const warnings: string[] = [];
      const read: string[] = [];
      const repaired = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m), onProgress: (_d, _t, f) => read.push(f) });
      expect(warnings).toEqual([expect.stringContaining(`snapshot ${snapshotPath(dir)} `)]);
      expect(warnings[0]).toMatch(message);
      expectSameIndex(repaired, fresh);
      // Repaired on disk: the next open warns of nothing and reads nothing.
      const after: string[] = [];
      await openCorpus(dir, directory(), { warn: (m) => after.push(m), onProgress: (_d, _t, f) => after.push(f) });
      expect(after).toEqual([]);
    });
  });

  describe('snapshot index files', () => {
    /** The file holding one authority's index, as the manifest names it. */
    function indexFile(dir: string, key: string): string {
      const manifest = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { indexes: Record<string, string> };
      return join(dir, '.index', manifest.indexes[key]!);
    }

    it('saves passages as rows without the text their document already holds, and restores them', async () => {
      const dir = copyOfSeeds();
      const fresh = await openCorpus(dir, directory());
      const saved = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { sources: Record<string, { passages: unknown[] }> };
      const passages = Object.values(saved.sources).flatMap((s) => s.passages);
      expect(passages.length).toBe(fresh.corpus.passages.length);
      expect(passages.filter((p) => !Array.isArray(p) || p.length !== 5)).toEqual([]);
      expectSameIndex(await openCorpus(dir, directory()), fresh);
    });

    it.each<[string, (path: string) => void, RegExp]>([
      ['not an index', (path) => writeFileSync(path, '{"documentCount": "many"}'), /^the index of "Oxfordshire" could not be restored \(it is not a MiniSearch index\); rebuilding it from the documents$/],
      ['truncated', (path) => writeFileSync(path, readFileSync(path, 'utf8').slice(0, 100)), /^the index of "Oxfordshire" could not be restored \(.*index-.*JSON.*\); rebuilding it from the documents$/],
      ['missing', (path) => unlinkSync(path), /^the index of "Oxfordshire" is missing from the snapshot; rebuilding it from the documents$/],
    ])('rebuilds an authority\'s index file that is %s when it is first searched, with a warning', async (_case, corrupt, message) => {
      const dir = copyOfSeeds();
      const fresh = await openCorpus(dir, directory());
      corrupt(indexFile(dir, 'Oxfordshire'));
      const warnings: string[] = [];
      const reopened = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m) });
      expect(warnings).toEqual([]);
      expect(reopened.search('inspection judgement', { authority: 'Oxfordshire' })).toEqual(fresh.search('inspection judgement', { authority: 'Oxfordshire' }));
      expect(warnings).toEqual([expect.stringMatching(message)]);
      expectSameIndex(reopened, fresh);
      expect(warnings).toHaveLength(1);
    });

    it('reads the authorities\' indexes ahead of their first search once warmed up', async () => {
      const dir = copyOfSeeds();
      const fresh = await openCorpus(dir, directory());
      const warnings: string[] = [];
      const reopened = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m) });
      await reopened.warmUp();
      unlinkSync(indexFile(dir, 'Oxfordshire'));
      expect(reopened.search('inspection judgement', { authority: 'Oxfordshire' })).toEqual(fresh.search('inspection judgement', { authority: 'Oxfordshire' }));
      expect(warnings).toEqual([]);
    });

    it('keeps the documents\' text in a file of its own, a slice of it for each document, and restores it', async () => {
      const dir = copyOfSeeds();
      const fresh = await openCorpus(dir, directory());
      const saved = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as {
        sources: Record<string, { document: { text?: string; at?: [number, number] } }>; texts: { file: string; length: number };
      };
      const texts = readFileSync(join(dir, '.index', saved.texts.file), 'utf8');
      expect(texts.length).toBe(saved.texts.length);
      for (const d of fresh.corpus.documents) {
        const { text, at } = saved.sources[d.file]!.document;
        expect(text).toBeUndefined();
        expect(texts.slice(at![0], at![0] + at![1])).toBe(d.text);
      }
      expectSameIndex(await openCorpus(dir, directory()), fresh);
    });

    it.each<[string, (path: string) => void, RegExp]>([
      ['missing', (path) => unlinkSync(path), /^snapshot text file .*texts-.*\.txt is unreadable \(.*ENOENT.*\); rebuilding the snapshot from the sources$/],
      ['truncated', (path) => writeFileSync(path, readFileSync(path, 'utf8').slice(0, 1000)), /^snapshot text file .* holds 1000 characters, not \d+; rebuilding the snapshot from the sources$/],
    ])('reads every file again when the text file is %s, with a warning', async (_case, corrupt, message) => {
      const dir = copyOfSeeds();
      const fresh = await openCorpus(dir, directory());
      const { texts } = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { texts: { file: string } };
      corrupt(join(dir, '.index', texts.file));
      const warnings: string[] = [];
      const read: string[] = [];
      const reopened = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m), onProgress: (_d, _t, f) => read.push(f) });
      expect(warnings).toEqual([expect.stringMatching(message)]);
      expect(read).toHaveLength(fresh.corpus.documents.length);
      expectSameIndex(reopened, fresh);
      expectSameIndex(await openCorpus(dir, directory(), { warn: (m) => warnings.push(m) }), fresh);
      expect(warnings).toHaveLength(1);
    });

    it('reloads an unchanged snapshot without its findings file, and reads them when a source changes', async () => {
      const dir = copyOfSeeds();
      await openCorpus(dir, directory());
      const { findings } = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { findings: string };
      const path = join(dir, '.index', findings);
      const held = readFileSync(path, 'utf8');
      unlinkSync(path);
      const warnings: string[] = [];
      const cache: SourceCache = new Map();
      await openCorpus(dir, directory(), { warn: (m) => warnings.push(m), cache });
      expect(warnings).toEqual([]);
      expect([...cache.values()].every((r) => r.findings === null)).toBe(true);
      // Back in place, the findings of the unchanged files are read from it; only the changed file is read again.
      writeFileSync(path, held);
      writeFileSync(join(dir, 'norfolk-news.txt'), NORFOLK);
      const read: string[] = [];
      const updated = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m), cache, onProgress: (_d, _t, f) => read.push(f) });
      expect(warnings).toEqual([]);
      expect(read).toEqual(['norfolk-news.txt']);
      expectSameIndex(updated, await openCorpus(copyOf(dir), directory(), { snapshot: false }));
    });

    it('rebuilds the snapshot when its text file was edited, though its length is the same, with a warning', async () => {
      const dir = copyOfSeeds();
      const fresh = await openCorpus(dir, directory());
      const { texts } = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { texts: { file: string } };
      const path = join(dir, '.index', texts.file);
      writeFileSync(path, readFileSync(path, 'utf8').replace('inadequate', 'excellent!'));
      const warnings: string[] = [];
      const read: string[] = [];
      const repaired = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m), onProgress: (_d, _t, f) => read.push(f) });
      expect(warnings).toEqual([`snapshot text file ${path} does not match its checksum; rebuilding the snapshot from the sources`]);
      expect(read).toHaveLength(fresh.corpus.documents.length);
      expectSameIndex(repaired, fresh);
    });

    it('rebuilds an index file edited but still valid JSON from the documents, with a warning', async () => {
      const dir = copyOfSeeds();
      const fresh = await openCorpus(dir, directory(), { snapshot: false });
      await openCorpus(dir, directory());
      const { indexes } = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { indexes: Record<string, string> };
      for (const file of Object.values(indexes)) {
        const path = join(dir, '.index', file);
        const plain = JSON.parse(readFileSync(path, 'utf8')) as { documentCount: number };
        writeFileSync(path, JSON.stringify({ ...plain, documentCount: plain.documentCount + 1 }));
      }
      const warnings: string[] = [];
      const reopened = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m) });
      expectSameIndex(reopened, fresh);
      expect(warnings.length).toBeGreaterThan(0);
      for (const w of warnings) expect(w).toMatch(/could not be restored \(.*index-.*\.json: it does not match its checksum in the snapshot\); rebuilding it from the documents$/);
    });

    it('reads the sources again when their findings file was edited, with a warning', async () => {
      const dir = copyOfSeeds();
      await openCorpus(dir, directory());
      const { findings } = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { findings: string };
      const path = join(dir, '.index', findings);
      writeFileSync(path, readFileSync(path, 'utf8').replace('"requires improvement"', '"outstanding"'));
      writeFileSync(join(dir, 'norfolk-news.txt'), NORFOLK);
      const warnings: string[] = [];
      const updated = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m), cache: new Map() });
      expect(warnings).toEqual([`snapshot findings file ${path} is unreadable (it does not match its checksum in the snapshot); reading its sources again`]);
      expectSameIndex(updated, await openCorpus(copyOf(dir), directory(), { snapshot: false }));
    });

    it('reads the sources again when their findings file is gone as one of them changes, with a warning', async () => {
      const dir = copyOfSeeds();
      const files = (await openCorpus(dir, directory())).corpus.documents.map((d) => d.file);
      const { findings } = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as { findings: string };
      unlinkSync(join(dir, '.index', findings));
      writeFileSync(join(dir, 'norfolk-news.txt'), NORFOLK);
      const warnings: string[] = [];
      const read: string[] = [];
      const updated = await openCorpus(dir, directory(), { warn: (m) => warnings.push(m), onProgress: (_d, _t, f) => read.push(f) });
      expect(warnings).toEqual([expect.stringMatching(/^snapshot findings file .*findings-.*\.json is unreadable \(.*ENOENT.*\); reading its sources again$/)]);
      expect(read.sort()).toEqual([...files, 'norfolk-news.txt'].sort());
      expectSameIndex(updated, await openCorpus(copyOf(dir), directory(), { snapshot: false }));
    });

    it('builds the indexes on worker threads as it would on the main thread', async () => {
      const dir = copyOfSeeds();
      const warnings: string[] = [];
      const apart = await openCorpus(dir, directory(), { indexThreadsFrom: 0, indexThreads: 2, warn: (m) => warnings.push(m) });
      const hereDir = copyOfSeeds();
      const here = await openCorpus(hereDir, directory(), { indexThreadsFrom: Infinity });
      expect(warnings).toEqual([]);
      expectSameIndex(apart, here);
      for (const key of here.shardKeys()) expect(readFileSync(indexFile(dir, key), 'utf8')).toBe(readFileSync(indexFile(hereDir, key), 'utf8'));
      expectSameIndex(await openCorpus(dir, directory()), here);
    });

    it('builds an index on the main thread when a worker cannot write it, with a warning', async () => {
      const corpus = await openCorpus(copyOfSeeds(), directory(), { snapshot: false });
      const warnings: string[] = [];
      const saved: string[] = [];
      const store = {
        fileFor: (key: string) => (key === 'Oxfordshire' ? join(tmpdir(), 'no-such-folder', 'index.json') : join(mkdtempSync(join(tmpdir(), 'index-')), 'index.json')),
        saved: (key: string) => saved.push(key),
        load: () => null,
        warn: (m: string) => warnings.push(m),
      };
      const index = await CorpusIndex.buildApart(corpus.corpus, corpus.timeline, directory(), store, 1);
      expect(warnings).toEqual([expect.stringMatching(/^the index of "Oxfordshire" could not be built on a worker thread \(.*ENOENT.*\); building it here$/)]);
      expect(saved.sort()).toEqual(corpus.shardKeys().filter((k) => k !== 'Oxfordshire'));
      expect(index.search('inspection judgement', { authority: 'Oxfordshire' })).toEqual(corpus.search('inspection judgement', { authority: 'Oxfordshire' }));
    });

    it('removes the index files of the snapshot it replaces', async () => {
      const dir = copyOfSeeds();
      await openCorpus(dir, directory());
      const before = indexFile(dir, 'Oxfordshire');
      writeFileSync(join(dir, 'norfolk-news.txt'), NORFOLK);
      await openCorpus(dir, directory());
      expect(indexFile(dir, 'Oxfordshire')).not.toBe(before);
      expect(existsSync(indexFile(dir, 'Oxfordshire'))).toBe(true);
      expect(existsSync(before)).toBe(false);
      expect(readdirSync(join(dir, '.index')).filter((f) => f.startsWith('texts-'))).toHaveLength(1);
      expect(readdirSync(join(dir, '.index')).filter((f) => f.startsWith('findings-'))).toHaveLength(1);
    });
  });

  describe('CorpusIndex.search', () => {
    it.each([
      ['improvment partner', '003_b3a3b50b9d6fd335.txt'],
      ['resultant judgment', '004_af83ce42ede04e54.txt'],
      ['judged inadequate 2016', '000_86a8131df8e299f6.txt'],
      ['sexual exploitation missing', '001_2d1bfb7a07081a1a.txt'],
      ['disabled children direct work', '002_bafe8324dc1c07ae.txt'],
    ])('finds %j in %s (typos, British spellings, plurals)', async (query, file) => {
      const dir = copyOfSeeds();
      const index = await openCorpus(dir, directory(), { snapshot: false });
      expect(index.search(query, { type: 'passage' })[0]?.file).toBe(file);
    });

    it('merges the best hits of every authority by score when it names none, up to the limit', async () => {
      const index = await openCorpus(copyOfSeeds(), directory(), { snapshot: false });
      const query = 'inspection judgement children';
      const everyOne = index.shardKeys().flatMap((authority) => index.search(query, { authority }, 1000));
      expect(new Set(everyOne.map((h) => h.authority)).size).toBeGreaterThan(1);
      const merged = index.search(query, {}, 1000);
      expect(merged.map((h) => h.id).sort()).toEqual(everyOne.map((h) => h.id).sort());
      expect(merged.map((h) => h.score)).toEqual([...merged.map((h) => h.score)].sort((a, b) => b - a));
      expect(index.search(query, {}, 5)).toEqual(merged.slice(0, 5));
      expect(index.matchCount(query)).toBe(merged.length);
      expect(index.matchCount(query, { type: 'event' })).toBe(merged.filter((h) => h.type === 'event').length);
    });

    it('keeps to one authority when asked', async () => {
      const index = await openCorpus(copyOfSeeds(), directory(), { snapshot: false });
      const hits = index.search('inspection judgement', { authority: 'Oxfordshire' });
      expect(hits.length).toBeGreaterThan(0);
      expect(new Set(hits.map((h) => h.authority))).toEqual(new Set(['Oxfordshire']));
    });
  });

  describe('processTerm', () => {
    it.each([
      ['Judgment', 'judgement'],
      ['visits', 'visit'],
      ["children's", 'children'],
      ['organization', 'organisation'],
      ['focussed', 'focused'],
      ['the', null],
    ])('folds %j to %j', (term, expected) => {
      expect(processTerm(term)).toBe(expected);
    });
  });
});
