import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import type { SourceDocument } from '../../src/corpus/types';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../src/teams/answerCard';
import { EXAMPLE_QUESTIONS, freshnessLine, helpMessage, LOOKUP_BUTTON, sourceCounts, welcomeMessage } from '../../src/teams/helpMessage';
import { openFresh, SEED_DIR } from '../helpers';
import { cardNodes, cardProblems } from './cardProblems';

/** An index with these documents (authority and date only) and authorities on record. */
function indexOf(documents: [string | null, string | null][], onRecord: string[]) {
  const docs = documents.map(([authority, date], i) => ({ file: `d${i}.txt`, title: `d${i}`, authority, date } as unknown as SourceDocument));
  return { corpus: { dir: '/data', documents: docs, passages: [], warnings: [] }, authoritiesOnRecord: () => onRecord };
}

const MESSAGES: [string, () => Partial<Activity>][] = [
  ['helpMessage', helpMessage],
  ['welcomeMessage', welcomeMessage],
];

describe('helpMessage module', () => {
  describe('EXAMPLE_QUESTIONS', () => {
    it('offers six questions, each a question', () => {
      expect(EXAMPLE_QUESTIONS).toHaveLength(6);
      for (const q of EXAMPLE_QUESTIONS) expect(q).toMatch(/^[A-Z].{10,}$/);
    });
  });

  describe.each(MESSAGES)('%s', (_, make) => {
    it('says what the bot does and that its answers are extracted, not generated', () => {
      const { type, text, textFormat } = make();
      expect({ type, textFormat }).toEqual({ type: 'message', textFormat: 'markdown' });
      expect(text).toContain("Ofsted inspections of English councils' children's services");
      expect(text).toContain('quoting my sources');
      expect(text).toContain('extracted from those documents, not generated');
    });

    it.each([
      ['use', '**use** &lt;authority&gt;'],
      ['lookup', '**lookup** to look up an authority\'s timeline with a form'],
      ['a follow-up about the one before', '"and before that?"'],
      ['a follow-up about the lead', '"who led it?"'],
      ['a follow-up about another authority', '"what about Oxfordshire?"'],
      ['help', '**help**'],
      ['subscribe', '**subscribe** &lt;authority&gt; to be told in this chat when a new report about it is loaded; **unsubscribe** &lt;authority&gt;; **subscriptions** to list them'],
    ])('mentions the %s command', (_, words) => {
      expect(make().text).toContain(words);
    });

    it('attaches one valid Adaptive Card 1.5', () => {
      const { attachments } = make();
      expect(attachments).toHaveLength(1);
      expect(attachments![0]!.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
      expect(attachments![0]!.content.version).toBe('1.5');
      expect(cardProblems(attachments![0]!.content)).toEqual([]);
    });

    it('offers each example question, written out whole, as a block whose tap sends it, then the lookup button', () => {
      const blocks = cardNodes(make().attachments![0]!.content).filter((n) => n.type === 'Container' && n.selectAction);
      expect(blocks.map((b) => (b.items as { text: string; wrap: boolean }[])[0])).toEqual(EXAMPLE_QUESTIONS.map((question) => expect.objectContaining({ text: question, wrap: true })));
      const buttons = cardNodes(make().attachments![0]!.content).filter((n) => n.type === 'Action.Submit');
      expect(buttons.slice(0, -1)).toEqual(EXAMPLE_QUESTIONS.map((question) => ({
        type: 'Action.Submit',
        title: question,
        data: { question },
      })));
    });

    it('offers “Look up the timeline”, a button that sends “lookup”', () => {
      const buttons = cardNodes(make().attachments![0]!.content).filter((n) => n.type === 'Action.Submit');
      expect(buttons[buttons.length - 1]).toEqual({
        type: 'Action.Submit', title: 'Look up the timeline', style: 'positive', data: { question: 'lookup' },
      });
      expect(LOOKUP_BUTTON).toEqual({ title: 'Look up the timeline', command: 'lookup' });
    });
  });

  describe('buttons', () => {
    // The Agents Playground's card renderer throws on an Action.Submit whose data holds `msteams`, and the tap is lost.
    it.each([['help', helpMessage], ['welcome', welcomeMessage]])('the %s card carries no msteams data, so its taps work in the Agents Playground', (_, make) => {
      expect(JSON.stringify(make().attachments)).not.toMatch(/msteams/i);
    });
  });

  describe('welcomeMessage', () => {
    it('greets the user, unlike the help', () => {
      expect(welcomeMessage().text).toMatch(/^Hello\./);
      expect(helpMessage().text).not.toMatch(/^Hello/);
    });
  });

  describe('sourceCounts', () => {
    it('counts the documents, the authorities on record and those with documents of their own, and takes the newest document\'s own date', () => {
      const index = indexOf([
        ['Kent', '2019-03-06'], ['Kent', '2024-05'], ['Slough', null], [null, '2024-05-17'], ['Slough', '2023-11-30'],
      ], ['Kent', 'Leeds', 'Slough', 'York']);
      expect(sourceCounts(index)).toEqual({ documents: 5, authorities: 4, authoritiesWithDocuments: 2, newestSource: '2024-05-17' });
    });

    it('gives no newest date when no document is dated, or when a date is not one', () => {
      expect(sourceCounts(indexOf([['Kent', null], ['Kent', 'spring']], ['Kent'])).newestSource).toBeNull();
    });

    it('counts the bundled reports as /healthz and help give them', async () => {
      const counts = sourceCounts(await openFresh(SEED_DIR));
      expect(counts.documents).toBeGreaterThan(3);
      expect(counts.authoritiesWithDocuments).toBe(3);
      expect(counts.newestSource).toMatch(/^20\d\d-\d\d-\d\d$/);
    });
  });

  describe('freshnessLine', () => {
    it.each([
      [{ documents: 15, authorities: 153, authoritiesWithDocuments: 3, newestSource: '2026-08-20' },
        'On record: 15 documents, about 153 authorities (reports and papers of 3 of them); the newest source is dated 20 August 2026.'],
      [{ documents: 1, authorities: 1, authoritiesWithDocuments: 1, newestSource: '2024-05' }, 'On record: 1 document, about 1 authority; the newest source is dated May 2024.'],
      [{ documents: 2, authorities: 2, authoritiesWithDocuments: 2, newestSource: null }, 'On record: 2 documents, about 2 authorities.'],
      [{ documents: 0, authorities: 0, authoritiesWithDocuments: 0, newestSource: null }, 'No documents are on record yet.'],
    ])('says %j as “%s”', (counts, line) => {
      expect(freshnessLine(counts)).toBe(line);
    });

    it('is in the help when the counts are given, after what the bot does', () => {
      const counts = { documents: 15, authorities: 153, authoritiesWithDocuments: 3, newestSource: '2026-08-20' };
      expect(helpMessage(counts).text).toMatch(/not generated\. On record: 15 documents, about 153 authorities .* dated 20 August 2026\.\n\nYou can also type:/);
      expect(helpMessage().text).not.toContain('On record');
    });

    it('is what the bot says to “help”, from the index it serves', async () => {
      const index = await openFresh(SEED_DIR);
      const bot = new InspectionBot({
        index, conversationState: new ConversationState(new MemoryStorage()), defaultAuthority: null, log: () => undefined,
        feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'help-')), 'feedback.jsonl')),
      });
      const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
      await adapter.processActivity({ type: ActivityTypes.Message, text: 'help' });
      const [reply] = adapter.activeQueue.splice(0);
      expect(reply!.text).toContain(freshnessLine(sourceCounts(index)));
    });
  });
});
