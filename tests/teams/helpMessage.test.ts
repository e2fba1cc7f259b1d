import type { Activity } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../src/teams/answerCard';
import { EXAMPLE_QUESTIONS, helpMessage, LOOKUP_BUTTON, welcomeMessage } from '../../src/teams/helpMessage';
import { cardNodes, cardProblems } from './cardProblems';

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
});
