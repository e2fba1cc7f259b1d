import { rmSync } from 'node:fs';
import type * as AC from 'adaptivecards';
import type { Attachment, MessagingExtensionAttachment } from 'botbuilder';
import { linkedReport, MAX_PAGE, type ResultDetail, resultDetail, type SearchResult, searchInspections } from '../../src/answer/searchInspections';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { CARD_VERSION, MAX_CARD_BYTES, jsonBytes } from '../../src/teams/answerCard';
import {
  detailCard, LINK_CARD_VERSION, linkResponse, MAX_PREVIEW_TEXT, MAX_PREVIEW_TITLE, messageResponse, noLinkResponse, resultCard,
  searchResultsResponse, selectedItemResponse,
} from '../../src/teams/searchResults';
import { openFresh, SEED_DIR, seedWithAddresses } from '../helpers';
import { cardNodes, cardProblems } from './cardProblems';

// The package's lib/ is ES modules Node cannot load; its bundled build is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.min.js') as typeof AC;

/** What the adaptivecards library reports reading a card as a client of `version` would. */
function problemsAt(version: string, json: unknown): string[] {
  const [major, minor] = version.split('.').map(Number);
  const context = new AdaptiveCards.SerializationContext(new AdaptiveCards.Version(major, minor));
  const card = new AdaptiveCards.AdaptiveCard();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  return [...problems, ...card.validateProperties().validationEvents.map((e) => e.message)];
}

const ADDRESSES: Record<string, string> = { '002_bafe8324dc1c07ae.txt': 'https://files.ofsted.gov.uk/v1/file/50223271' };

let index: CorpusIndex;
let linked: CorpusIndex;
let linkedDir: string;

beforeAll(async () => {
  linkedDir = seedWithAddresses(ADDRESSES);
  [index, linked] = await Promise.all([openFresh(SEED_DIR), openFresh(linkedDir)]);
});

afterAll(() => rmSync(linkedDir, { recursive: true, force: true }));

function results(from: CorpusIndex, text: string): SearchResult[] {
  const outcome = searchInspections(from, text, { skip: 0, count: MAX_PAGE });
  if (outcome.status !== 'found') throw new Error(outcome.message);
  return outcome.results;
}

const content = (a: Attachment): Record<string, unknown> => a.content as Record<string, unknown>;
const textOf = (a: Attachment): string => JSON.stringify(a.content);
const openUrls = (a: Attachment): unknown[] => cardNodes(a.content).filter((n) => n.type === 'Action.OpenUrl').map((n) => n.url);

describe('searchResults', () => {
  describe('searchResultsResponse', () => {
    it('answers a list of results, one Adaptive Card 1.5 each, every card valid', () => {
      const list = results(index, 'worcestershire');
      const response = searchResultsResponse(list);
      expect(response.composeExtension?.type).toBe('result');
      expect(response.composeExtension?.attachmentLayout).toBe('list');
      const attachments = response.composeExtension!.attachments!;
      expect(attachments).toHaveLength(list.length);
      for (const a of attachments) {
        expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
        expect(content(a)).toEqual(expect.objectContaining({ type: 'AdaptiveCard', version: CARD_VERSION }));
        expect(cardProblems(a.content)).toEqual([]);
        expect(jsonBytes(a)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      }
    });

    it('puts the fact, its date, the judgement, the quote and its source on the card', () => {
      const [result] = results(index, 'worcs inadequate');
      const card = textOf(resultCard(result!));
      for (const part of [
        'Single inspection of Worcestershire', 'Took place in 2016, judged inadequate overall.', 'Inadequate',
        "In 2016 the local authority was judged 'inadequate'", 'Worcestershire Children First – Ofsted Inspection', '27 September 2023',
      ]) expect(card).toContain(part);
    });

    it('gives each result a thumbnail preview whose tap sends back what the result is', () => {
      const list = results(index, 'exploitation');
      const attachments = searchResultsResponse(list).composeExtension!.attachments! as MessagingExtensionAttachment[];
      attachments.forEach((a, i) => {
        const preview = a.preview!;
        expect(preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
        const thumb = preview.content as { title: string; text: string; tap: { type: string; value: unknown } };
        expect(thumb.title.length).toBeLessThanOrEqual(MAX_PREVIEW_TITLE);
        expect(thumb.text.length).toBeGreaterThan(0);
        expect(thumb.text.length).toBeLessThanOrEqual(MAX_PREVIEW_TEXT);
        expect(thumb.tap).toEqual(expect.objectContaining({ type: 'invoke', value: list[i]!.ref }));
      });
      const first = (attachments[0]!.preview!.content as { text: string }).text;
      expect(first).toBe(list[0]!.fact);
      const passage = attachments.findIndex((_, i) => list[i]!.ref.type === 'passage');
      expect((attachments[passage]!.preview!.content as { text: string }).text).toMatch(/^6 March 2019: “/);
    });

    it('offers to open the report when the catalog gives its address', () => {
      const [withUrl] = results(linked, 'oxfordshire 2024');
      expect(openUrls(resultCard(withUrl!))).toEqual(['https://files.ofsted.gov.uk/v1/file/50223271']);
      const [without] = results(index, 'oxfordshire 2024');
      expect(openUrls(resultCard(without!))).toEqual([]);
    });

    it('answers an empty page with an empty list', () => {
      expect(searchResultsResponse([])).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } });
    });
  });

  describe('selectedItemResponse', () => {
    it('gives an event’s full card: its heading and fact, then every fact named first, all their sources behind one toggle', () => {
      const detail = resultDetail(index, { type: 'event', id: 'oxfordshire:standard:2024-02' })!;
      const [attachment] = selectedItemResponse(detail).composeExtension!.attachments!;
      expect(cardProblems(attachment!.content)).toEqual([]);
      expect(jsonBytes(attachment)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      const body = content(attachment!).body as Record<string, unknown>[];
      expect(body[0]).toEqual(expect.objectContaining({ text: 'Standard inspection of Oxfordshire' }));
      expect(body[1]).toEqual(expect.objectContaining({ text: 'Took place in February 2024, judged good overall.' }));
      const text = textOf(attachment!);
      expect(text).toContain('The experiences and progress of care leavers');
      expect(text).toContain('The quality of direct work with disabled children who are in care.');
      expect(detail.facts.map((f) => f.label).slice(0, 3)).toEqual(['Took place', 'Report published', 'Overall effectiveness']);
      const toggles = cardNodes(attachment!.content).filter((n) => n.type === 'Action.ToggleVisibility');
      expect(toggles.map((t) => t.title)).toEqual(['Show the sources']);
    });

    it('gives a passage’s full card with the whole paragraph', () => {
      const detail = resultDetail(index, { type: 'passage', id: '001_2d1bfb7a07081a1a.txt#5' })!;
      const [attachment] = selectedItemResponse(detail).composeExtension!.attachments!;
      expect(cardProblems(attachment!.content)).toEqual([]);
      expect(textOf(attachment!)).toContain(detail.citations[0]!.quote);
      expect(textOf(attachment!)).not.toContain('goes on in the report');
    });

    it('says when a paragraph’s quote stops short of its end', () => {
      const detail = resultDetail(index, { type: 'passage', id: '001_2d1bfb7a07081a1a.txt#5' })!;
      const clipped: ResultDetail = { ...detail, clipped: true };
      expect(textOf(detailCard(clipped))).toContain('The paragraph goes on in the report.');
    });
  });

  describe('linkResponse', () => {
    it(`unfolds a report into an Adaptive Card ${LINK_CARD_VERSION} with its authority, kind, date and judgement`, () => {
      const report = linkedReport(linked, 'https://files.ofsted.gov.uk/v1/file/50223271')!;
      const response = linkResponse(report);
      expect(response.composeExtension).toEqual(expect.objectContaining({ type: 'result', attachmentLayout: 'list' }));
      const [attachment] = response.composeExtension!.attachments! as MessagingExtensionAttachment[];
      expect(content(attachment!).version).toBe(LINK_CARD_VERSION);
      expect(problemsAt(LINK_CARD_VERSION, attachment!.content)).toEqual([]);
      // The shared check writes cards back at 1.5; with that version it also finds no property the library would drop.
      expect(cardProblems({ ...content(attachment!), version: CARD_VERSION })).toEqual([]);
      const blocks = cardNodes(attachment!.content).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
      expect(blocks[1]).toMatch(/^Oxfordshire · Committee report, 20 May 2024 · published by /);
      // Each event once, its judgement beside it once, and its date under it.
      expect(blocks.slice(3, 6)).toEqual(['Standard inspection', 'Good', 'February 2024']);
      const rows = (content(attachment!).body as Record<string, unknown>[]).filter((n) => n.type === 'Container');
      expect(rows.length).toBe(report.events.length);
      for (const row of rows) expect(cardNodes(row).filter((n) => n.text === 'Good')).toHaveLength(1);
      expect(textOf(attachment!)).toContain('Oxfordshire was last formally inspected in April 2018');
      expect(openUrls(attachment!)).toEqual(['https://files.ofsted.gov.uk/v1/file/50223271']);
      const preview = attachment!.preview!;
      expect(preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
      expect(preview.content).toEqual({
        title: "Inspection of Local Authority Children's Services (ILACS) Outcome Report",
        text: 'Oxfordshire · committee report · 20 May 2024 · judged good (Standard inspection, February 2024)',
      });
    });

    it(`is read as ${LINK_CARD_VERSION}: a newer property would be reported`, () => {
      // The check above means something only if the library flags what a 1.3 client cannot show.
      const newer = { type: 'AdaptiveCard', version: LINK_CARD_VERSION, body: [{ type: 'TextBlock', text: 'x', style: 'heading' }] };
      expect(problemsAt(LINK_CARD_VERSION, newer).length).toBeGreaterThan(0);
    });
  });

  describe('noLinkResponse', () => {
    it('is an empty result, which Teams shows as no card', () => {
      expect(noLinkResponse()).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } });
    });
  });

  describe('messageResponse', () => {
    it('is a plain message', () => {
      expect(messageResponse('No monitoring visits to Oxfordshire are on record.')).toEqual({
        composeExtension: { type: 'message', text: 'No monitoring visits to Oxfordshire are on record.' },
      });
    });
  });
});
