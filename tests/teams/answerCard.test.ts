import type { Answer, Fact } from '../../src/answer/types';
import type { Grade } from '../../src/timeline/types';
import {
  ADAPTIVE_CARD_CONTENT_TYPE, answerCard, CARD_VERSION, jsonBytes, MAX_CARD_BYTES, sizedAnswerCard,
} from '../../src/teams/answerCard';
import {
  LAST_INSPECTION_AMBIGUOUS, longHistory, WORCESTERSHIRE_HISTORY, WORCESTERSHIRE_VISIT_COUNT, WORCESTERSHIRE_VISITS,
} from './answerFixtures';
import { cardNodes, cardProblems } from './cardProblems';

type Node = Record<string, unknown>;

/** The fact rows of a card: the containers that hold a fact's ColumnSet. */
function rows(content: Node): Node[] {
  return (content.body as Node[]).filter((n) => n.type === 'Container');
}

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

    it('writes wrap: true on every TextBlock', () => {
      const blocks = cardNodes(answerCard(WORCESTERSHIRE_HISTORY).content).filter((n) => n.type === 'TextBlock');
      expect(blocks.length).toBeGreaterThan(10);
      expect(blocks.filter((b) => b.wrap !== true)).toEqual([]);
    });

    it.each([
      ['the title given', 'Worcestershire: monitoring visits', WORCESTERSHIRE_VISITS, 'Worcestershire: monitoring visits'],
      ['the authority when no title is given', undefined, WORCESTERSHIRE_VISITS, 'Worcestershire'],
      ['the authority when the title is blank', '  ', WORCESTERSHIRE_VISITS, 'Worcestershire'],
      ['"Answer" when there is neither', undefined, LAST_INSPECTION_AMBIGUOUS, 'Answer'],
    ])('heads the card with %s', (_, title, answer, heading) => {
      const first = (answerCard(answer, title).content.body as Node[])[0];
      expect(first).toMatchObject({ type: 'TextBlock', text: heading, style: 'heading' });
    });

    it('gives one row per fact, in the order given, with its value and label', () => {
      const card = answerCard(WORCESTERSHIRE_HISTORY).content;
      expect(rows(card).map((r) => texts(r.items).slice(0, 3))).toEqual([
        ['2016', 'single inspection', 'Inadequate'],
        ['September 2017', 'monitoring visit', "Children's Social Care Service – Ofsted Monitoring Visit Feedback"],
        ['8 and 9 January 2019', 'monitoring visit', "Children's Social Care Service – Ofsted Monitoring Visit Feedback"],
        ['June 2019', 'standard inspection', 'Requires improvement'],
        ['15 to 26 May 2023', 'standard inspection', 'Good'],
      ]);
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

    it("shows a fact's sources in full, with title, date and paragraph, behind a toggle", () => {
      const card = answerCard(WORCESTERSHIRE_VISITS).content;
      const last = rows(card)[6]!;
      const toggle = cardNodes(last).find((n) => n.type === 'Action.ToggleVisibility')!;
      const [target] = toggle.targetElements as string[];
      const hidden = cardNodes(last).find((n) => n.id === target)!;
      expect(toggle.title).toBe('Show sources');
      expect(hidden).toMatchObject({ type: 'Container', isVisible: false });
      const january = WORCESTERSHIRE_VISITS.citations[2]!;
      expect(january.quote.length).toBeGreaterThan(160);
      expect(texts(hidden)).toEqual([
        "Children's Social Care Service – Ofsted Monitoring Visit Feedback",
        '6 March 2019 · para 1 · 001_2d1bfb7a07081a1a.txt',
        `“${january.quote}”`,
        "Children's Social Care Service – Ofsted Monitoring Visit Feedback",
        '6 March 2019 · para 4 · 001_2d1bfb7a07081a1a.txt',
        `“${WORCESTERSHIRE_VISITS.citations[0]!.quote}”`,
      ]);
    });

    it('gives every hidden source container its own id', () => {
      const nodes = cardNodes(answerCard(WORCESTERSHIRE_VISITS).content);
      const ids = nodes.map((n) => n.id).filter((id) => id !== undefined);
      expect(ids).toHaveLength(7);
      expect(new Set(ids).size).toBe(7);
    });

    it('links a source with a web address, and only that one', () => {
      const links = cardNodes(answerCard(WORCESTERSHIRE_VISITS).content).filter((n) => n.type === 'Action.OpenUrl');
      expect(links).toEqual([{
        type: 'Action.OpenUrl',
        title: 'Open the document',
        url: 'https://example.org/news/evidence-of-improvement-in-latest-ofsted-monitoring-visit',
      }]);
    });

    it('gives no toggle to a fact with no citation behind it', () => {
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
      expect(shown.map((r) => texts(r.items)[0])).toEqual(answer.facts.slice(0, shown.length).map((f) => f.value));
      const note = (card.content.body as Node[]).at(-1)!;
      expect(note).toMatchObject({ type: 'TextBlock', text: `${300 - shown.length} more rows are in the answer text.` });
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
      expect(texts(answerCard(answer, undefined, oneRow).content).at(-1)).toBe('1 more row is in the answer text.');
    });
  });
});
