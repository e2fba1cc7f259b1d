import { LOOKUP_KIND_IDS, type LookupCriteria, lookupEvents, type LookupResult } from '../../src/answer/lookupEvents';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { ADAPTIVE_CARD_CONTENT_TYPE, jsonBytes, SOURCES_ID } from '../../src/teams/answerCard';
import {
  AUTHORITY_DATASET, LOOKUP_CARD, LOOKUP_VERB, lookupFormCard, lookupFormMessage, lookupResultCard, lookupResultMessage, NEW_LOOKUP_VERB, QUOTES_TOGGLE_TITLE,
} from '../../src/teams/lookupCard';
import { openFresh, SEED_DIR } from '../helpers';
import { cardNodes, cardProblems } from './cardProblems';
import { lookupCardProblems } from './lookupCardProblems';

let index: CorpusIndex;
beforeAll(async () => {
  index = await openFresh(SEED_DIR);
});

const ON_RECORD = ['Barking and Dagenham', 'Oxfordshire', 'Worcestershire'];

const lookup = (c: Partial<LookupCriteria>): LookupResult =>
  lookupEvents(index, { authority: 'Worcestershire', kind: 'any', fromYear: null, toYear: null, words: '', ...c });

type Node = Record<string, unknown>;
const byId = (card: unknown, id: string): Node | undefined => cardNodes(card).find((n) => n.id === id);
const ofType = (card: unknown, type: string): Node[] => cardNodes(card).filter((n) => n.type === type);
const texts = (card: unknown): string[] => ofType(card, 'TextBlock').map((n) => String(n.text));

describe('lookupCard module', () => {
  describe('lookupFormCard', () => {
    const form = (): Node => lookupFormCard({ authoritiesOnRecord: ON_RECORD }).content as Node;

    it('is a valid Adaptive Card 1.5, its typeahead and fallbacks included', () => {
      const card = lookupFormCard({ authoritiesOnRecord: ON_RECORD });
      expect(card.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
      expect(card.content.version).toBe('1.5');
      expect(lookupCardProblems(card.content)).toEqual([]);
    });

    it('has only the two Teams extensions the library cannot check at 1.5', () => {
      // The library knows choices.data from 1.6 and never writes an action's fallback back: nothing else differs.
      expect(cardProblems(form())).toEqual([
        expect.stringMatching(/^parse: Property "choices\.data" is supported in version 1\.6, but you are using version 1\.5/),
        expect.stringMatching(/^round trip: \$\.body\[\d+\]\.choices\.data was dropped/),
        expect.stringMatching(/^round trip: \$\.body\[\d+\]\.actions\[0\]\.fallback was dropped/),
      ]);
    });

    it('asks for the authority with Teams’ dynamic typeahead over the “authorities” dataset', () => {
      const input = byId(form(), 'authority')!;
      expect(input).toEqual(expect.objectContaining({
        type: 'Input.ChoiceSet', style: 'filtered', isRequired: true, label: 'Authority',
        'choices.data': { type: 'Data.Query', dataset: AUTHORITY_DATASET },
      }));
      expect(AUTHORITY_DATASET).toBe('authorities');
      // Before anything is typed, and on clients without typeahead, the authorities on record are the choices.
      expect(input.choices).toEqual(ON_RECORD.map((n) => ({ title: n, value: n })));
      expect(input.value).toBeUndefined();
    });

    it('offers every kind, “any” chosen, and optional years and words', () => {
      const card = form();
      const kind = byId(card, 'kind')!;
      expect((kind.choices as { value: string }[]).map((c) => c.value)).toEqual(LOOKUP_KIND_IDS);
      expect((kind.choices as { title: string }[]).map((c) => c.title)).toEqual(expect.arrayContaining([
        'Any inspection or visit', 'Inspection (graded, any framework)', 'Standard inspection (ILACS)', 'Short inspection (ILACS)',
        'Single inspection (SIF, 2013–2017)', 'Focused visit', 'Monitoring visit', 'Joint targeted area inspection (JTAI)',
        'Older frameworks (before 2013)',
      ]));
      expect(kind.value).toBe('any');
      for (const id of ['fromYear', 'toYear']) expect(byId(card, id)).toEqual(expect.objectContaining({ type: 'Input.Number', min: 1990, max: 2100 }));
      expect(byId(card, 'words')).toEqual(expect.objectContaining({ type: 'Input.Text', maxLength: 200 }));
      for (const id of ['kind', 'fromYear', 'toYear', 'words']) expect(byId(card, id)!.isRequired).toBeUndefined();
    });

    it('submits with an Action.Execute in an action set, falling back to an Action.Submit with the same data', () => {
      const card = form();
      expect(card.actions).toBeUndefined();
      const [set] = ofType(card, 'ActionSet');
      expect(set!.actions).toEqual([{
        type: 'Action.Execute', title: 'Look up', verb: LOOKUP_VERB, style: 'positive', data: { card: LOOKUP_CARD },
        fallback: { type: 'Action.Submit', title: 'Look up', style: 'positive', data: { card: LOOKUP_CARD, verb: LOOKUP_VERB } },
      }]);
    });

    it('fills in the values given, the authority among the choices even when it has no documents', () => {
      const card = lookupFormCard({
        authoritiesOnRecord: ON_RECORD,
        values: { authority: 'Leeds', kind: 'monitoring', fromYear: '2018', toYear: ' 2019 ', words: 'care leavers' },
      }).content;
      expect(byId(card, 'authority')).toEqual(expect.objectContaining({ value: 'Leeds' }));
      expect((byId(card, 'authority')!.choices as { value: string }[])[0]).toEqual({ title: 'Leeds', value: 'Leeds' });
      expect(byId(card, 'kind')!.value).toBe('monitoring');
      expect(byId(card, 'fromYear')!.value).toBe(2018);
      expect(byId(card, 'toYear')!.value).toBe(2019);
      expect(byId(card, 'words')!.value).toBe('care leavers');
      expect(lookupCardProblems(card)).toEqual([]);
    });

    it('leaves out values it cannot show: an unknown kind, a year that is not a number', () => {
      const card = lookupFormCard({ authoritiesOnRecord: ON_RECORD, values: { kind: 'quarterly', fromYear: 'abc' } }).content;
      expect(byId(card, 'kind')!.value).toBe('any');
      expect(byId(card, 'fromYear')!.value).toBeUndefined();
      expect(lookupCardProblems(card)).toEqual([]);
    });

    it('says what was wrong above the inputs', () => {
      const card = lookupFormCard({ authoritiesOnRecord: ON_RECORD, error: 'From year "abc" is not a year.' }).content;
      const error = ofType(card, 'TextBlock').find((n) => n.text === 'From year "abc" is not a year.');
      expect(error).toEqual(expect.objectContaining({ color: 'attention', wrap: true }));
      const body = card.body as Node[];
      expect(body.indexOf(error!)).toBeLessThan(body.indexOf(byId(card, 'authority')!));
      expect(lookupCardProblems(card)).toEqual([]);
    });
  });

  describe('lookupFormMessage', () => {
    it('is a message with the form as its only attachment', () => {
      const message = lookupFormMessage({ authoritiesOnRecord: ON_RECORD });
      expect(message.type).toBe('message');
      expect(message.attachments).toHaveLength(1);
      expect(byId(message.attachments![0]!.content, 'authority')).toBeDefined();
    });
  });

  describe('lookupResultCard', () => {
    it('is a valid Adaptive Card 1.5', () => {
      for (const result of [lookup({}), lookup({ kind: 'monitoring', fromYear: 2018, toYear: 2018 }), lookup({ kind: 'jtai' }), lookup({ authority: 'Leeds' })]) {
        const card = lookupResultCard(result);
        expect(card.content.version).toBe('1.5');
        expect(lookupCardProblems(card.content)).toEqual([]);
      }
    });

    it('shows one row per event: kind and number first, judgement once beside it, then its date; headed by what was looked up', () => {
      const card = lookupResultCard(lookup({})).content;
      const all = texts(card);
      expect(all[0]).toBe('Worcestershire: inspections and visits');
      expect(all).toContain('10 on record, oldest first.');
      const rows = (card.body as Node[]).filter((n) => n.type === 'Container' && n.id !== SOURCES_ID);
      expect(rows).toHaveLength(10);
      const firstLine = (row: Node): string[] => texts((row.items as Node[])[0]);
      expect(firstLine(rows[0]!)).toEqual(['Single inspection', 'Inadequate']);
      expect(firstLine(rows[7]!)).toEqual(['Monitoring visit no. 7']);
      expect(firstLine(rows[9]!)).toEqual(['Standard inspection', 'Good']);
      expect(texts(rows[9]).filter((t) => /\bgood\b/i.test(t) && !t.includes(':'))).toEqual(['Good']);
      expect(texts((rows[7]!.items as Node[])[1])[0]).toMatch(/^8 and 9 January 2019 · published 31 January 2019 · led by Andy Waugh \[\d+\]/);
      const inadequate = ofType(rows[0], 'TextBlock').find((n) => n.text === 'Inadequate');
      expect(inadequate!.color).toBe('attention');
    });

    it('gives each row its publication, lead inspector and sub-judgements', () => {
      const seventh = lookupResultCard(lookup({ kind: 'monitoring', fromYear: 2019 })).content;
      expect(texts(seventh).some((t) => t.startsWith('8 and 9 January 2019 · published 31 January 2019 · led by Andy Waugh'))).toBe(true);
      const oxfordshire = lookupResultCard(lookup({ authority: 'Oxfordshire', fromYear: 2024 })).content;
      expect(texts(oxfordshire)).toContain('Leaders: good · Help and protection: good · Children in care: good · Care leavers: good');
    });

    it('dates a row by its report, or as the source wrote it, when it has no date of its own; and shows disagreeing judgements', () => {
      const result = lookup({ kind: 'monitoring', fromYear: 2019 });
      const row = result.rows[0]!;
      const variants = [
        { ...row, held: null, published: '31 January 2019' },
        { ...row, held: null, published: null, writtenDate: 'last month' },
        { ...row, held: null, published: null, writtenDate: null, judgement: 'requires improvement' as const, otherJudgements: ['good' as const] },
      ];
      const card = lookupResultCard({ ...result, rows: variants }).content;
      const rows = (card.body as Node[]).filter((n) => n.type === 'Container' && n.id !== SOURCES_ID);
      expect(rows.map((r) => texts((r.items as Node[])[1])[0]!.split(' · ')[0])).toEqual(['Report published 31 January 2019', '“last month”', 'Date not on record']);
      expect(texts(rows[2])).toContain('Requires improvement');
      expect(texts(rows[2]).some((t) => t.includes('led by Andy Waugh · also reported: good'))).toBe(true);
      expect(ofType(rows[2], 'TextBlock').find((n) => n.text === 'Requires improvement')!.color).toBe('warning');
      expect(lookupCardProblems(card)).toEqual([]);
    });

    it('keeps every row’s quotes, word for word and numbered as the rows mark them, behind one toggle', () => {
      const result = lookup({ kind: 'monitoring' });
      const card = lookupResultCard(result).content;
      const toggles = ofType(card, 'Action.ToggleVisibility');
      expect(toggles.map((t) => t.title)).toEqual([QUOTES_TOGGLE_TITLE]);
      const hidden = byId(card, (toggles[0]!.targetElements as string[])[0]!)!;
      expect(hidden.isVisible).toBe(false);
      const cited = [...new Set(result.rows.flatMap((r) => r.citations))].sort((a, b) => a - b);
      const quoted = texts(hidden).filter((t) => /^\[\d+\] “/.test(t));
      expect(quoted).toEqual(cited.map((n) => `[${n}] “${result.citations[n - 1]!.quote}”`));
      const doc = index.document('001_2d1bfb7a07081a1a.txt')!.text.replace(/\s+/g, ' ');
      const fromLetter = cited.filter((n) => result.citations[n - 1]!.source === '001_2d1bfb7a07081a1a.txt');
      expect(fromLetter.length).toBeGreaterThan(0);
      for (const n of fromLetter) expect(doc).toContain(result.citations[n - 1]!.quote);
      expect(texts(hidden)).toContain('Children\'s Social Care Service – Ofsted Monitoring Visit Feedback');
      expect(texts(hidden)).toContain('6 March 2019 · para 5 · 001_2d1bfb7a07081a1a.txt');
    });

    it('offers to change the lookup or start a new one, each answered in place', () => {
      const card = lookupResultCard(lookup({ kind: 'monitoring', fromYear: 2018, toYear: 2019, words: 'visit' })).content;
      const actions = ofType(card, 'Action.Execute');
      expect(actions.map((a) => [a.title, a.verb, a.data])).toEqual([
        ['Change this lookup', NEW_LOOKUP_VERB, { card: LOOKUP_CARD, authority: 'Worcestershire', kind: 'monitoring', fromYear: '2018', toYear: '2019', words: 'visit' }],
        ['New lookup', NEW_LOOKUP_VERB, { card: LOOKUP_CARD }],
      ]);
    });

    it('says when nothing matches, and what is on record for the authority', () => {
      const card = lookupResultCard(lookup({ authority: 'Oxfordshire', kind: 'jtai', fromYear: 2019 })).content;
      const all = texts(card);
      expect(all).toContain('Nothing on record for Oxfordshire matches this lookup (joint targeted area inspections, from 2019).');
      expect(all).toContain('What is on record for Oxfordshire (2 inspections and visits, oldest first):');
      expect(all.some((t) => t.startsWith('April 2018'))).toBe(true);
      expect(all.some((t) => t.startsWith('February 2024'))).toBe(true);
    });

    it('says which authorities the documents cover when none is about this one', () => {
      const all = texts(lookupResultCard(lookup({ authority: 'Leeds' })).content);
      expect(all).toContain('Nothing on record for Leeds matches this lookup (inspections and visits).');
      expect(all).toContain('None of the documents is about Leeds. The documents on record cover Barking and Dagenham, Oxfordshire and Worcestershire.');
    });

    it('leaves rows off the end to stay under the size limit, and says how many', () => {
      const result = lookup({});
      const whole = lookupResultCard(result);
      const limit = Math.floor(jsonBytes(whole) / 2);
      const card = lookupResultCard(result, limit);
      expect(jsonBytes(card)).toBeLessThanOrEqual(limit);
      const rows = (card.content.body as Node[]).filter((n) => n.type === 'Container' && n.id !== SOURCES_ID);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(10);
      expect(texts(card.content)).toContain(`${10 - rows.length} more rows are left off to keep the card small enough for Teams: narrow the years or the kind.`);
      expect(ofType(card.content, 'Action.Execute')).toHaveLength(2);
      expect(lookupCardProblems(card.content)).toEqual([]);
    });
  });

  describe('lookupResultMessage', () => {
    it('is a message with the result card', () => {
      const message = lookupResultMessage(lookup({}));
      expect(message.type).toBe('message');
      expect(message.attachments![0]!.content).toEqual(lookupResultCard(lookup({})).content);
    });
  });
});
