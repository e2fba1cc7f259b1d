import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorityNames, generateCorpus, main, readExpected, writeCorpus } from '../../src/bench/generateCorpus';
import { answerMatches, questionMix } from '../../src/bench/questionMix';
import { percentile, summarize } from '../../src/bench/stats';
import { openCorpus } from '../../src/search/openCorpus';
import { occurredDate } from '../../src/timeline/buildTimeline';
import { toIso } from '../../src/timeline/dates';
import { directory } from '../helpers';

const SMALL = { authorities: 3, passages: 600, seed: 42 };

function inMemory(options: typeof SMALL): { files: Map<string, string>; result: ReturnType<typeof generateCorpus> } {
  const files = new Map<string, string>();
  const result = generateCorpus(options, authorityNames(), (file, text) => files.set(file, text));
  return { files, result };
}

describe('generateCorpus', () => {
  describe('generateCorpus', () => {
    it('gives the same bytes for the same seed, and other bytes for another seed', () => {
      const a = inMemory(SMALL);
      const b = inMemory(SMALL);
      expect([...b.files.keys()]).toEqual([...a.files.keys()]);
      for (const [file, text] of a.files) expect(b.files.get(file)).toBe(text);
      expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
      const c = inMemory({ ...SMALL, seed: 43 });
      expect([...c.files.values()].join('')).not.toBe([...a.files.values()].join(''));
    });

    it('uses real authority names and the documents of the real kinds', () => {
      const { result } = inMemory({ authorities: 12, passages: 3000, seed: 7 });
      const names = new Set(authorityNames());
      for (const a of result.authorities) expect(names.has(a)).toBe(true);
      const kinds = new Set(result.catalog.map((c) => c.kind));
      for (const k of ['inspection report', 'monitoring visit letter', 'focused visit letter', 'committee report', 'news item', 'meeting minutes']) {
        expect(kinds.has(k)).toBe(true);
      }
      expect(new Set(result.events.map((e) => e.kind))).toEqual(new Set(['sif', 'standard', 'monitoring', 'focused', 'jtai']));
    });

    it('refuses sizes it cannot make, naming the value', () => {
      expect(() => inMemory({ authorities: 0, passages: 100, seed: 1 })).toThrow(/authorities 0 is not a number from 1 to 153/);
      expect(() => inMemory({ authorities: 5, passages: 20, seed: 1 })).toThrow(/passages 20 is too few/);
    });
  });

  describe('writeCorpus', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
      writeCorpus(dir, SMALL, { force: true });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes a corpus the project loader reads to within 10 % of the passages asked for, without warnings', async () => {
      const index = await openCorpus(dir, directory(), { snapshot: false });
      expect(index.corpus.warnings).toEqual([]);
      expect(Math.abs(index.corpus.passages.length - SMALL.passages) / SMALL.passages).toBeLessThan(0.1);
      const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as { file: string; authority: string; date: string }[];
      expect(index.corpus.documents.map((d) => d.file).sort()).toEqual(catalog.map((c) => c.file).sort());
      for (const c of catalog) expect(c.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('parses into the events it says it wrote: kind, dates, lead inspector and overall grade', async () => {
      const index = await openCorpus(dir, directory(), { snapshot: false });
      const { events } = readExpected(dir);
      expect(events.length).toBeGreaterThan(5);
      for (const e of events) {
        const found = index.timeline.events.find((x) => x.authority === e.authority && x.kind === e.kind && occurredDate(x) !== null &&
          toIso(occurredDate(x)!.start) === e.start);
        expect({ event: `${e.authority} ${e.kind} ${e.start}`, found: found !== undefined }).toEqual({ event: `${e.authority} ${e.kind} ${e.start}`, found: true });
        expect(found!.people.filter((p) => p.role === 'lead').map((p) => p.name)).toContain(e.lead);
        const overall = e.judgements.find((j) => j.area === 'overall');
        if (overall) expect(found!.judgements.filter((j) => j.area === 'overall').map((j) => j.grade)).toContain(overall.grade);
        if (e.number !== null) expect(found!.number?.value).toBe(e.number);
      }
    });

    it('refuses to write into a folder that is not empty unless forced', async () => {
      expect(() => writeCorpus(dir, SMALL)).toThrow(/is not empty: give an empty or new folder, or --force to write into it/);
      await expect(main(['--out', dir, '--authorities', '3', '--passages', '600'])).rejects.toThrow(/is not empty/);
    });
  });
});

describe('questionMix', () => {
  it('asks about the events generated, with what a right answer holds', () => {
    const { result } = inMemory({ authorities: 6, passages: 1500, seed: 9 });
    const mix = questionMix(result.events, 300);
    expect(mix).toHaveLength(300);
    expect(questionMix(result.events, 300)).toEqual(mix);
    const types = new Set(mix.map((q) => q.type));
    for (const t of ['last', 'judgement', 'lead', 'improve', 'list', 'national', 'follow-up', 'free']) expect(types.has(t as never)).toBe(true);
    const lead = mix.find((q) => q.type === 'lead')!;
    expect(result.events.some((e) => e.lead === lead.mustContain[0]![0] && lead.question.includes(e.authority))).toBe(true);
  });

  it('matches answers holding one word of each group, whatever the case', () => {
    expect(answerMatches('The last inspection was in May 2023 [1].', [['may 2023', 'June 2023']])).toBe(true);
    expect(answerMatches('The last inspection was in May 2023 [1].', [['May 2023'], ['good']])).toBe(false);
    expect(answerMatches('anything', [])).toBe(true);
  });
});

describe('stats', () => {
  describe('percentile', () => {
    it.each([
      [[15, 20, 35, 40, 50], 30, 20],
      [[15, 20, 35, 40, 50], 40, 20],
      [[15, 20, 35, 40, 50], 50, 35],
      [[15, 20, 35, 40, 50], 100, 50],
      [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 25, 7],
      [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 75, 15],
    ])('gives the nearest-rank percentile of %j at %d: %d', (values, p, want) => {
      expect(percentile(values, p)).toBe(want);
    });

    it('sorts its input without changing it, and refuses no values or a bad p', () => {
      const values = [5, 1, 4, 2, 3];
      expect(percentile(values, 50)).toBe(3);
      expect(values).toEqual([5, 1, 4, 2, 3]);
      expect(() => percentile([], 50)).toThrow(/no values/);
      expect(() => percentile([1], 0)).toThrow(/p 0 is not in/);
    });
  });

  describe('summarize', () => {
    it('gives p50, p95, p99, mean and max of 1..1000', () => {
      const s = summarize(Array.from({ length: 1000 }, (_, i) => 1000 - i));
      expect(s).toEqual({ count: 1000, mean: 500.5, p50: 500, p95: 950, p99: 990, max: 1000 });
    });
  });
});
