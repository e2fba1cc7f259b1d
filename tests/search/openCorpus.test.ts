import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCorpus, snapshotPath } from '../../src/search/openCorpus';
import { processTerm } from '../../src/search/searchOptions';
import { directory, SEED_DIR } from '../helpers';

function copyOfSeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
  cpSync(SEED_DIR, dir, { recursive: true, filter: (src) => !src.includes('.index') });
  return dir;
}

describe('search', () => {
  describe('openCorpus', () => {
    it('saves a snapshot and reloads it while the sources are unchanged', async () => {
      const dir = copyOfSeeds();
      const logs: string[] = [];
      const first = await openCorpus(dir, directory(), { log: (m) => logs.push(m) });
      const saved = readFileSync(snapshotPath(dir), 'utf8');
      const second = await openCorpus(dir, directory(), { log: (m) => logs.push(m) });
      expect(logs).toEqual([]);
      expect(readFileSync(snapshotPath(dir), 'utf8')).toBe(saved);
      expect(second.timeline.events.map((e) => e.id)).toEqual(first.timeline.events.map((e) => e.id));
      expect(second.search('Essex improvement partner').map((h) => h.file)).toEqual(first.search('Essex improvement partner').map((h) => h.file));
    });

    it('rebuilds when a source changes, and when the snapshot is corrupt', async () => {
      const dir = copyOfSeeds();
      await openCorpus(dir, directory());
      writeFileSync(join(dir, 'new.txt'), 'Norfolk\n\nPublished 2 December 2022\n\nThe focused visit to Norfolk in October 2022 looked at care leavers.');
      const logs: string[] = [];
      const changed = await openCorpus(dir, directory(), { log: (m) => logs.push(m) });
      expect(logs[0]).toMatch(/changed/);
      expect(changed.authoritiesOnRecord()).toContain('Norfolk');
      writeFileSync(snapshotPath(dir), '{ not json');
      const repaired = await openCorpus(dir, directory(), { log: (m) => logs.push(m) });
      expect(logs[1]).toMatch(/snapshot unreadable/);
      expect(repaired.authoritiesOnRecord()).toContain('Norfolk');
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
