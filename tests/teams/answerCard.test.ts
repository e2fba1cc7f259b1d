import type { Answer, Citation, Fact } from '../../src/answer/types';
import type { Grade } from '../../src/timeline/types';
import {
  ADAPTIVE_CARD_CONTENT_TYPE, answerCard, CARD_VERSION, cardHeading, jsonBytes, MAX_CARD_BYTES, sizedAnswerCard, SOURCES_ID,
  SOURCES_TOGGLE_TITLE, sourceTitle, withCardButtons, withoutGrade,
} from '../../src/teams/answerCard';
import {
  LAST_INSPECTION_AMBIGUOUS, longHistory, WORCESTERSHIRE_HISTORY, WORCESTERSHIRE_VISIT_COUNT, WORCESTERSHIRE_VISITS,
} from './answerFixtures';
import { cardNodes, cardProblems } from './cardProblems';

type Node = Record<string, unknown>;

/** The fact rows of a card: its containers, but for the hidden one of sources. */
function rows(content: Node): Node[] {
  return (content.body as Node[]).filter((n) => n.type === 'Container' && n.id !== SOURCES_ID);
}

const HISTORY_TITLE = "Ofsted children's services inspections of English local authorities: national history";

/** A national list as the engine words it, with rows of a national history of our own writing. */
const NATIONAL_INADEQUATE: Answer = {
  status: 'answered',
  answer: '3 authorities are judged inadequate overall at their latest graded inspection on record: Cheshire East ' +
    '(inadequate, 26 February 2024 to 8 March 2024) [1]; Devon (standard inspection, inadequate, 30 September 2024 to ' +
    '11 October 2024) [2]; Halton (inadequate, 13 to 24 May 2024) [3].',
  authority: null,
  facts: [
    { label: 'Cheshire East', value: 'inadequate, 26 February 2024 to 8 March 2024', date: '2024-02-26', eventId: 'cheshire-east:standard:2024-02-26', kind: 'standard', judgement: 'inadequate', citations: [1] },
    { label: 'Devon', value: 'standard inspection, inadequate, 30 September 2024 to 11 October 2024', date: '2024-09-30', eventId: 'devon:standard:2024-09-30', kind: 'standard', judgement: 'inadequate', citations: [2] },
    { label: 'Halton', value: 'inadequate, 13 to 24 May 2024', date: '2024-05-13', eventId: 'halton:standard:2024-05-13', kind: 'standard', judgement: 'inadequate', citations: [3] },
  ],
  citations: ['cheshire east,26/02/2024,08/03/2024,inadequate', 'devon,30/09/2024,11/10/2024,inadequate', 'halton,13/05/2024,24/05/2024,inadequate']
    .map((quote, i) => ({ source: 'history/national.csv', title: HISTORY_TITLE, date: '2026-01-10', paragraph: `line ${i + 2}`, quote, url: null })),
};

function texts(node: unknown): string[] {
  return cardNodes(node).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
}

function withJudgement(judgement: Grade | null): Answer {
  const fact: Fact = { ...WORCESTERSHIRE_HISTORY.facts[3]!, judgement };
  return { ...WORCESTERSHIRE_HISTORY, facts: [fact, WORCESTERSHIRE_HISTORY.facts[4]!] };
}

describe('answerCard module', () => {
  describe('answerCard', () => {
    it('makes an Adaptive Card 1.5 attachment', () => {
      const card = answerCard(WORCESTERSHIRE_VISITS);
      expect(CARD_VERSION).toBe('1.5');
      expect(card.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(card.content).toMatchObject({
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.5',
      });
    });

    it.each<[string, Answer]>([
      ['a list of visits', WORCESTERSHIRE_VISITS],
      ['a history with every judgement colour', WORCESTERSHIRE_HISTORY],
      ['a single count', WORCESTERSHIRE_VISIT_COUNT],
      ['no facts', LAST_INSPECTION_AMBIGUOUS],
      ['facts citing numbers with no citation', {
        ...WORCESTERSHIRE_VISITS,
        facts: WORCESTERSHIRE_VISITS.facts.map((f) => ({ ...f, citations: [0, 9] })),
      }],
      ['an adequate judgement', withJudgement('adequate')],
      ['a history of 300 events', longHistory(300)],
    ])('is a valid Adaptive Card 1.5 for %s', (_, answer) => {
      expect(cardProblems(answerCard(answer).content)).toEqual([]);
    });

    it('writes wrap: true on every TextBlock, so no word is cut short', () => {
      const blocks = cardNodes(answerCard(WORCESTERSHIRE_HISTORY).content).filter((n) => n.type === 'TextBlock');
      expect(blocks.length).toBeGreaterThan(10);
      expect(blocks.filter((b) => b.wrap !== true)).toEqual([]);
    });

    it.each([
      ['the title given', 'Worcestershire: monitoring visits', WORCESTERSHIRE_VISITS, 'Worcestershire: monitoring visits'],
      ['what the list is, from the answer, when no title is given', undefined, WORCESTERSHIRE_VISITS, 'Worcestershire: monitoring visits (7)'],
      ['what the list is when the title is blank', '  ', WORCESTERSHIRE_HISTORY, 'Worcestershire: inspection history (5)'],
      ['what the national list is', undefined, NATIONAL_INADEQUATE, 'Authorities judged inadequate overall at their latest graded inspection (3)'],
      ['"What is on record" when the answer says nothing of a list and has no authority', undefined, LAST_INSPECTION_AMBIGUOUS, 'What is on record'],
    ])('heads the card with %s', (_, title, answer, heading) => {
      const first = (answerCard(answer, title).content.body as Node[])[0];
      expect(first).toMatchObject({ type: 'TextBlock', text: heading, style: 'heading' });
    });

    it('never heads a card "Answer"', () => {
      for (const answer of [WORCESTERSHIRE_VISITS, WORCESTERSHIRE_HISTORY, NATIONAL_INADEQUATE, LAST_INSPECTION_AMBIGUOUS]) {
        expect(texts((answerCard(answer).content.body as Node[])[0])).not.toContain('Answer');
      }
    });

    it('says what the answer gives in brackets under the heading', () => {
      const body = answerCard(WORCESTERSHIRE_HISTORY).content.body as Node[];
      expect(body[1]).toMatchObject({ type: 'TextBlock', text: 'Oldest first.', isSubtle: true });
    });

    it('gives one row per fact, in the order given: what it is first, its judgement once, then its date and markers', () => {
      const card = answerCard(WORCESTERSHIRE_HISTORY).content;
      expect(rows(card).map((r) => texts(r.items))).toEqual([
        ['Single inspection', 'Inadequate', '2016 [1]'],
        ['Monitoring visit', 'September 2017 [2][3]'],
        ['Monitoring visit', '8 and 9 January 2019 [2][4]'],
        ['Standard inspection', 'Requires improvement', 'June 2019 [5]'],
        ['Standard inspection', 'Good', '15 to 26 May 2023 [6]'],
      ]);
    });

    it('puts the authority of a national list first and wide, and its grade once, beside it', () => {
      const card = answerCard(NATIONAL_INADEQUATE).content;
      const listed = rows(card);
      expect(listed.map((r) => texts(r.items))).toEqual([
        ['Cheshire East', 'Inadequate', '26 February 2024 to 8 March 2024 [1]'],
        ['Devon', 'Inadequate', 'Standard inspection, 30 September 2024 to 11 October 2024 [2]'],
        ['Halton', 'Inadequate', '13 to 24 May 2024 [3]'],
      ]);
      for (const row of listed) {
        const set = (row.items as Node[])[0]!;
        expect(set).toMatchObject({ type: 'ColumnSet' });
        const [lead, grade] = set.columns as Node[];
        expect(lead).toMatchObject({ width: 'stretch' });
        expect(grade).toMatchObject({ width: 'auto' });
        expect(texts(row).filter((t) => /inadequate/i.test(t))).toEqual(['Inadequate']);
      }
    });

    it('shows an event\'s judgement on its first row only', () => {
      const fact = (label: string, value: string): Fact => ({
        label, value, date: '2023-05-15', eventId: 'worcestershire:standard:2023-05-15', kind: 'standard', judgement: 'good', citations: [6],
      });
      const answer: Answer = { ...WORCESTERSHIRE_HISTORY, facts: [fact('took place', '15 to 26 May 2023'), fact('published', '14 July 2023')] };
      const [first, second] = rows(answerCard(answer).content);
      expect(texts(first)).toContain('Good');
      expect(texts(second)).not.toContain('Good');
    });

    it.each<[Grade, string | undefined]>([
      ['outstanding', 'good'],
      ['good', 'good'],
      ['requires improvement', 'warning'],
      ['inadequate', 'attention'],
      ['adequate', undefined],
    ])('colours the judgement %j %j', (judgement, colour) => {
      const blocks = cardNodes(answerCard(withJudgement(judgement)).content).filter((n) => n.type === 'TextBlock');
      const shown = judgement.charAt(0).toUpperCase() + judgement.slice(1);
      expect(blocks.find((b) => b.text === shown)?.color).toBe(colour);
    });

    it('has one "Show the sources" toggle for the whole card, and none per row', () => {
      for (const answer of [WORCESTERSHIRE_VISITS, WORCESTERSHIRE_HISTORY, NATIONAL_INADEQUATE]) {
        const card = answerCard(answer).content;
        const toggles = cardNodes(card).filter((n) => n.type === 'Action.ToggleVisibility');
        expect(toggles.map((t) => t.title)).toEqual([SOURCES_TOGGLE_TITLE]);
        expect(SOURCES_TOGGLE_TITLE).toBe('Show the sources');
        for (const row of rows(card).filter((r) => r.id !== SOURCES_ID)) {
          expect(cardNodes(row).filter((n) => String(n.type).startsWith('Action.'))).toEqual([]);
        }
        expect(texts(card).filter((t) => /^Show sources?$/.test(t))).toEqual([]);
      }
    });

    it("shows every row's sources in full, numbered as the text's markers, with title, date and paragraph, behind the toggle", () => {
      const card = answerCard(WORCESTERSHIRE_VISITS).content;
      const toggle = cardNodes(card).find((n) => n.type === 'Action.ToggleVisibility')!;
      const hidden = cardNodes(card).find((n) => n.id === (toggle.targetElements as string[])[0])!;
      expect(hidden).toMatchObject({ type: 'Container', isVisible: false });
      const [seven, september, january] = WORCESTERSHIRE_VISITS.citations;
      expect(texts(hidden)).toEqual([
        "Children's Social Care Service – Ofsted Monitoring Visit Feedback",
        `[1] “${seven!.quote}”`,
        '6 March 2019 · para 4 · 001_2d1bfb7a07081a1a.txt',
        'Evidence of improvement identified in latest Ofsted monitoring visit',
        `[2] “${september!.quote}”`,
        `12 October 2017 · para 5 · 003_b3a3b50b9d6fd335.txt · [Open the document](${september!.url})`,
        "Children's Social Care Service – Ofsted Monitoring Visit Feedback",
        `[3] “${january!.quote}”`,
        '6 March 2019 · para 1 · 001_2d1bfb7a07081a1a.txt',
      ]);
    });

    it('writes a brackets in a source\'s address so that its link stays whole', () => {
      const url = 'https://example.org/reports/visit_(2019)';
      const answer = { ...WORCESTERSHIRE_VISITS, citations: WORCESTERSHIRE_VISITS.citations.map((c) => ({ ...c, url })) };
      expect(texts(answerCard(answer).content).join('\n')).toContain('[Open the document](https://example.org/reports/visit_%282019%29)');
    });

    it('gives no toggle to a card whose facts cite nothing', () => {
      const answer = { ...WORCESTERSHIRE_VISITS, facts: WORCESTERSHIRE_VISITS.facts.map((f) => ({ ...f, citations: [9] })) };
      expect(cardNodes(answerCard(answer).content).filter((n) => n.type === 'Action.ToggleVisibility')).toEqual([]);
    });

    it('stays under MAX_CARD_BYTES for a history of 300 events, keeping the first rows and counting the rest', () => {
      const answer = longHistory(300);
      const card = answerCard(answer);
      const shown = rows(card.content);
      expect(MAX_CARD_BYTES).toBe(25_000);
      expect(jsonBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(shown.length).toBeGreaterThan(10);
      expect(shown.map((r) => texts(r.items)[1])).toEqual(answer.facts.slice(0, shown.length).map((f, i) => `${f.value} [${i + 1}]`));
      const body = card.content.body as Node[];
      const note = body.find((n) => typeof n.text === 'string' && /more rows/.test(n.text));
      expect(note).toMatchObject({ type: 'TextBlock', text: `${300 - shown.length} more rows did not fit in the card.` });
      // The sources are those of the rows shown, and no others.
      const sources = texts(body.find((n) => n.id === SOURCES_ID)).filter((t) => t.startsWith('['));
      expect(sources).toHaveLength(shown.length);
    });

    it('keeps every row when they fit', () => {
      expect(rows(answerCard(longHistory(5)).content)).toHaveLength(5);
      expect(texts(answerCard(longHistory(5)).content).join(' ')).not.toMatch(/more rows?/);
    });

    it.each([3_000, 8_000, 15_000])('stays under a smaller limit of %d bytes when given one', (limit) => {
      const card = answerCard(longHistory(300), undefined, limit);
      expect(jsonBytes(card)).toBeLessThanOrEqual(limit);
      expect(cardProblems(card.content)).toEqual([]);
    });

    it.each([[1, 25_000], [5, 25_000], [300, 25_000], [300, 3_000], [40, 9_999], [2, 800]])(
      'gives the size of its card exactly, with as many rows as fit (%d facts, %d bytes)', (facts, limit) => {
        const answer = longHistory(facts);
        const { card, bytes } = sizedAnswerCard(answer, undefined, limit);
        expect(bytes).toBe(jsonBytes(card));
        expect(card).toEqual(answerCard(answer, undefined, limit));
        const shown = rows(card.content).length;
        if (shown < facts) {
          const oneMore = { ...answer, facts: answer.facts.slice(0, shown + 1) };
          // The card with one row more, and the note for the rows still left off, would not fit.
          const more = sizedAnswerCard(oneMore, undefined, Infinity).bytes + (shown + 1 < facts ? 50 : 0);
          expect(more).toBeGreaterThan(limit);
        }
      });

    it('says "1 more row" when a single row is left off', () => {
      const answer = longHistory(2);
      // Room for the first row and the closing line, not for the second row.
      const oneRow = jsonBytes(answerCard({ ...answer, facts: answer.facts.slice(0, 1) })) + 150;
      expect(texts(answerCard(answer, undefined, oneRow).content)).toContain('1 more row did not fit in the card.');
    });
  });

  describe('cardHeading', () => {
    const headed = (answer: string) => cardHeading({ ...WORCESTERSHIRE_VISITS, authority: null, answer });
    it.each([
      ['12 authorities were inspected in 2024 (the latest such inspection shown, with its overall grade): Barnet [1].',
        'Authorities inspected in 2024 (12)', 'The latest such inspection shown, with its overall grade.'],
      ['4 authorities have never been judged inadequate overall at an inspection whose grades are on record: Bexley [1].',
        'Authorities never judged inadequate overall at an inspection whose grades are on record (4)', null],
      ['1 authority among the London boroughs is judged good overall at its latest graded inspection on record: Barnet [1].',
        'Authorities among the London boroughs judged good overall at their latest graded inspection (1)', null],
      ['2 authorities went from inadequate to good overall from one graded inspection to the next (the latest such change shown): A [1].',
        'Authorities that went from inadequate to good overall from one graded inspection to the next (2)', 'The latest such change shown.'],
      ['20 standard inspections in 2024 are on record across all authorities: A [1].', 'Standard inspections in 2024 across all authorities (20)', null],
      ['The short inspections in 2025 on record across all authorities, 30 in all, in date order: A [1].',
        'Short inspections in 2025 across all authorities (30)', 'In date order.'],
      ['Jo Smith led 5 inspections on record, oldest first: A [1].', 'Inspections led by Jo Smith (5)', 'Oldest first.'],
      ["Kent's inspection history on record (9 events in 2019, oldest first): A [1].", 'Kent: inspection history (9)', 'In 2019, oldest first.'],
    ])('reads %j as a title', (answer, title, note) => {
      expect(headed(answer)).toEqual({ title, note });
    });

    it('falls back on the authority when the opening words are too long for a heading, or there is no list', () => {
      expect(cardHeading({ ...WORCESTERSHIRE_VISITS, answer: `${'Very long words '.repeat(10)}: A [1].` }).title).toBe('Worcestershire');
      expect(cardHeading({ ...WORCESTERSHIRE_VISITS, answer: 'The last monitoring visit was in January 2019 [1].' }).title).toBe('Worcestershire');
    });
  });

  describe('withoutGrade', () => {
    it.each<[string, Grade | null, string]>([
      ['inadequate, 26 February 2024 to 8 March 2024', 'inadequate', '26 February 2024 to 8 March 2024'],
      ['short inspection, good, 10 to 14 June 2024', 'good', 'short inspection, 10 to 14 June 2024'],
      ['requires improvement, published 16 May 2024', 'requires improvement', 'published 16 May 2024'],
      ['inadequate (2019) to good (2023)', 'good', 'inadequate (2019) to good (2023)'],
      ['good, 2019', null, 'good, 2019'],
    ])('%j without %j is %j', (value, grade, expected) => {
      expect(withoutGrade(value, grade)).toBe(expected);
    });
  });

  describe('withCardButtons', () => {
    it('adds buttons after the card\'s own actions, and gives a card with none an actions array', () => {
      const button = { type: 'Action.Submit', title: 'And before that?', data: { msteams: { type: 'imBack', value: 'and before that?' } } };
      const card = withCardButtons(answerCard(WORCESTERSHIRE_VISITS), [button]);
      expect((card.content as Node).actions).toEqual([button]);
      expect(cardProblems(card.content)).toEqual([]);
      withCardButtons(card, [{ ...button, title: 'Who led it?' }]);
      expect(((card.content as Node).actions as Node[]).map((a) => a.title)).toEqual(['And before that?', 'Who led it?']);
    });
  });
});

describe('sources on a card', () => {
  const ROW = '90001,testshire,https://reports.example.org/v1/file/90001,children services inspection - 9 april 2024.pdf,09/04/24,standard,A. Inspector,12/02/2024,23/02/2024,good,good,good,good,,1';
  const rowCitation: Citation = {
    source: 'history/ilacs-history.csv', title: "Ofsted children's services inspections of English local authorities: national history", date: '2026-08-20',
    paragraph: 'line 70', quote: ROW, url: 'https://reports.example.org/v1/file/90001',
    name: "Ofsted's national inspection record: Testshire", summary: 'Testshire, standard inspection 12 to 23 February 2024, good (report published 9 April 2024)', place: 'line 70',
  };
  const pdfCitation: Citation = {
    source: 'ofsted/testshire-2024.pdf', title: "Ofsted inspection of Testshire local authority children's services", date: '2024-04-09', paragraph: '12',
    quote: 'Leaders know their services well.', url: 'https://reports.example.org/v1/file/90001', page: 4, name: 'Ofsted inspection of Testshire, February 2024 (report)',
  };
  const answer: Answer = {
    status: 'answered', authority: 'Testshire', answer: 'Testshire: two facts:', citations: [rowCitation, pdfCitation],
    facts: [
      { label: 'Standard inspection', value: 'good', date: '2024-02-12', eventId: 'e1', kind: 'standard', judgement: 'good', citations: [1] },
      { label: 'Leaders', value: 'know their services', date: '2024-02-12', eventId: 'e1', kind: 'standard', judgement: null, citations: [2] },
    ],
  };
  const texts = (): string[] => cardNodes(answerCard(answer).content).map((n) => String(n.text ?? ''));

  it('shows a data row as its summary, under the record’s name, with the row word for word beneath, breakable at its commas', () => {
    const all = texts();
    expect(all).toContain("Ofsted's national inspection record: Testshire");
    expect(all).toContain('[1] Testshire, standard inspection 12 to 23 February 2024, good (report published 9 April 2024)');
    const row = all.find((t) => t.includes('90001,'))!;
    expect(row.replace(/\u200b/g, '')).toBe(`“${ROW}”`);
    // No stretch without a place to break is longer than the report's address.
    expect(Math.max(...row.split(/[\s\u200b]/).map((w) => w.length))).toBeLessThanOrEqual(45);
    expect(all.some((t) => t.includes('line 70') && !t.includes('para line'))).toBe(true);
  });

  it('links a PDF source at the page that holds its quote', () => {
    expect(texts().some((t) => t.includes('[Open the document at page 4](https://reports.example.org/v1/file/90001#page=4)'))).toBe(true);
  });

  it('names a source by its short name, or by its whole title when the short name cuts it', () => {
    expect(sourceTitle(pdfCitation)).toBe('Ofsted inspection of Testshire, February 2024 (report)');
    expect(sourceTitle({ ...pdfCitation, name: 'Testshire: Children’s services improvement…, May 2024 (committee paper)' })).toBe(pdfCitation.title);
  });

  it('leaves no card problem', () => {
    expect(cardProblems(answerCard(answer).content)).toEqual([]);
  });
});
