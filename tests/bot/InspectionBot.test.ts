import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { AnswerCache } from '../../src/bot/AnswerCache';
import { type CachedReply, InspectionBot, REMEMBERED_ANSWER_CHARS } from '../../src/bot/InspectionBot';
import { IndexHolder, type IndexSource } from '../../src/search/IndexHolder';
import { EXAMPLE_QUESTIONS } from '../../src/teams/helpMessage';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { FIXTURES, openFresh, SEED_DIR } from '../helpers';

interface Harness {
  adapter: TestAdapter;
  feedbackFile: string;
  storage: MemoryStorage;
  /** Sends one activity (or text) and returns what the bot sent back. */
  turn: (input: string | Partial<Activity>) => Promise<Partial<Activity>[]>;
}

let index: CorpusIndex;
beforeAll(async () => {
  index = await openFresh(SEED_DIR);
});

function harness(
  storage = new MemoryStorage(), defaultAuthority: string | null = null, answerCache: AnswerCache<CachedReply> | null = null, source: IndexSource = index,
): Harness {
  const feedbackFile = join(mkdtempSync(join(tmpdir(), 'feedback-')), 'votes', 'feedback.jsonl');
  const bot = new InspectionBot({
    index: source, conversationState: new ConversationState(storage), feedback: new FeedbackLog(feedbackFile), defaultAuthority, log: () => undefined,
    answerCache,
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  const turn = async (input: string | Partial<Activity>): Promise<Partial<Activity>[]> => {
    // Unique ids, as Teams gives them: TestAdapter numbers each adapter's activities from 0.
    const activity = typeof input === 'string' ? { type: ActivityTypes.Message, text: input } : input;
    await adapter.processActivity({ id: randomUUID(), ...activity });
    return adapter.activeQueue.splice(0);
  };
  return { adapter, feedbackFile, storage, turn };
}

const messages = (sent: Partial<Activity>[]): Partial<Activity>[] => sent.filter((a) => a.type === ActivityTypes.Message);
const textOf = (sent: Partial<Activity>[]): string => messages(sent).map((a) => a.text ?? '').join('\n');

describe('InspectionBot', () => {
  describe('messages', () => {
    it('answers with the cited answer in one reply, with no typing indicator first', async () => {
      const sent = await harness().turn('When was the last monitoring visit to Worcestershire?');
      expect(sent.map((a) => a.type)).toEqual([ActivityTypes.Message]);
      const [reply] = messages(sent);
      expect(reply!.text).toContain('8 and 9 January 2019');
      const root = (reply!.entities ?? []).filter((e) => e.type === 'https://schema.org/Message');
      expect(root).toHaveLength(1);
      expect(reply!.channelData).toEqual(expect.objectContaining({ feedbackLoop: { type: 'default' } }));
    });

    it('reads a channel message without the bot’s @mention', async () => {
      const { turn, adapter } = harness();
      const bot = adapter.conversation.bot;
      const sent = await turn({
        type: ActivityTypes.Message,
        text: `<at>${bot.name}</at> who led the seventh monitoring visit to Worcestershire?`,
        entities: [{ type: 'mention', mentioned: { id: bot.id, name: bot.name }, text: `<at>${bot.name}</at>` }],
        conversation: { id: '19:channel@thread.tacv2;messageid=1', isGroup: true, conversationType: 'channel', name: 'General' },
        channelData: { team: { id: '19:team' }, channel: { id: '19:channel@thread.tacv2' } },
      });
      expect(textOf(sent)).toContain('Andy Waugh');
    });

    it('answers in a group chat', async () => {
      const sent = await harness().turn({
        type: ActivityTypes.Message, text: 'What was Oxfordshire judged at its last inspection?',
        conversation: { id: '19:group@thread.v2', isGroup: true, conversationType: 'groupChat', name: '' },
      });
      expect(textOf(sent)).toContain('good');
    });

    it('follows up on the last answer: who led it, and before that', async () => {
      const { turn } = harness();
      await turn('When was the last monitoring visit to Worcestershire?');
      expect(textOf(await turn('who led it?'))).toContain('Andy Waugh');
      expect(textOf(await turn('and before that?'))).toContain('October 2018');
    });

    it('answers the same question for another authority on “what about …?”', async () => {
      const { turn } = harness();
      await turn('What was Worcestershire judged at its last inspection?');
      const text = textOf(await turn('what about Oxfordshire?'));
      expect(text).toContain('Oxfordshire');
      expect(text).toContain('good');
    });

    it('keeps the last authority asked about as the default', async () => {
      const { turn } = harness();
      await turn('How many monitoring visits has Worcestershire had?');
      expect(textOf(await turn('when was the last standard inspection?'))).toContain('Worcestershire');
    });

    it('uses the authority set with “use …” and confirms it', async () => {
      const { turn } = harness();
      expect(textOf(await turn('use Oxon'))).toContain('Oxfordshire');
      expect(textOf(await turn('when was the last inspection?'))).toContain('February 2024');
    });

    it('suggests names for a “use …” it cannot resolve', async () => {
      expect(textOf(await harness().turn('use Worcestershrie'))).toMatch(/Worcestershire/);
    });

    it('asks which of its successors “use Cumbria” means, rather than taking one', async () => {
      const { turn } = harness();
      const reply = textOf(await turn('use Cumbria'));
      expect(reply).toMatch(/Cumbria was replaced on 1 April 2023 by Cumberland and Westmorland and Furness\. Which one\?/);
      // Nothing was set: a question naming no authority still asks which.
      expect(textOf(await turn('when was the last inspection?'))).toMatch(/which authority/i);
    });

    it.each(['👍', 'thanks', 'ok'])('acknowledges “%s” in a word, without searching or forgetting the last question', async (said) => {
      const { turn } = harness();
      await turn('When was the last monitoring visit to Worcestershire?');
      const [reply] = messages(await turn(said));
      expect(reply!.text).toBe('Glad to help. Ask another question whenever you like.');
      expect(reply!.entities ?? []).toEqual([]);
      expect(reply!.attachments ?? []).toEqual([]);
      expect(textOf(await turn('who led it?'))).toContain('Andy Waugh');
    });

    it('says when the authority set has no documents on record', async () => {
      expect(textOf(await harness().turn('use Leeds'))).toMatch(/none of my documents is about Leeds/);
    });

    it('forgets the authority on “reset”', async () => {
      const { turn } = harness();
      await turn('use Oxfordshire');
      await turn('reset');
      const [reply] = messages(await turn('when was the last inspection?'));
      expect(reply!.text).toMatch(/Which authority|which authority/i);
      expect(JSON.stringify(reply!.attachments)).toMatch(/"question":"Oxfordshire".*"question":"Worcestershire"/);
    });

    it('keeps memory per conversation', async () => {
      const { turn } = harness();
      await turn({ type: ActivityTypes.Message, text: 'use Oxfordshire', conversation: { id: 'a', isGroup: false, conversationType: 'personal', name: '' } });
      const sent = await turn({ type: ActivityTypes.Message, text: 'when was the last inspection?', conversation: { id: 'b', isGroup: false, conversationType: 'personal', name: '' } });
      expect(textOf(sent)).toMatch(/^Which authority/);
    });

    it('keeps memory in the storage, across bot instances', async () => {
      const storage = new MemoryStorage();
      await harness(storage).turn('use Oxfordshire');
      expect(textOf(await harness(storage).turn('when was the last inspection?'))).toContain('February 2024');
    });

    it('sends a history as an Adaptive Card 1.5 besides the text', async () => {
      const [reply] = messages(await harness().turn('list the monitoring visits to Worcestershire'));
      const card = reply!.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
      expect(card?.content).toEqual(expect.objectContaining({ type: 'AdaptiveCard', version: '1.5' }));
      expect(JSON.stringify(card!.content)).toContain('To date there have been seven such visits');
    });

    it.each([
      ['help', /monitoring visit/i],
      ['Hello', /monitoring visit/i],
      ['', /monitoring visit/i],
    ])('answers “%s” with help and examples', async (input, pattern) => {
      const [reply] = messages(await harness().turn(input));
      expect(reply!.text).toMatch(/Ofsted/);
      expect(JSON.stringify(reply!.attachments)).toMatch(pattern);
    });

    it('gives a useful reply, not silence, to something it cannot answer', async () => {
      const [reply] = messages(await harness(undefined, 'Worcestershire').turn('what is the weather like in the office today'));
      expect(reply!.text!.length).toBeGreaterThan(20);
    });

    it('reads a question submitted from a card', async () => {
      const sent = await harness().turn({ type: ActivityTypes.Message, value: { question: 'How many monitoring visits has Worcestershire had?' } });
      expect(textOf(sent)).toContain('7');
    });
  });

  describe('answer cache', () => {
    const withoutIds = (sent: Partial<Activity>[]): unknown => messages(sent).map(({ text, entities, attachments }) => ({ text, entities, attachments }));

    it('answers a question asked again in the same circumstances from the cache, with the same reply', async () => {
      const cache = new AnswerCache<CachedReply>(10);
      const question = 'list the monitoring visits to Worcestershire';
      const first = await harness(new MemoryStorage(), null, cache).turn(question);
      expect(cache.stats()).toEqual({ hits: 0, misses: 1 });
      const again = await harness(new MemoryStorage(), null, cache).turn(question);
      expect(cache.stats()).toEqual({ hits: 1, misses: 1 });
      expect(withoutIds(again)).toEqual(withoutIds(first));
      expect(messages(again)[0]!.attachments).toHaveLength(1);
      expect(withoutIds(again)).toEqual(withoutIds(await harness().turn(question)));
    });

    it('tells follow-ups after different questions apart, and remembers the answer given', async () => {
      const cache = new AnswerCache<CachedReply>(10);
      const uncached = harness();
      const steps = ['When was the last monitoring visit to Worcestershire?', 'who led it?', 'When was the last inspection of Oxfordshire?', 'who led it?', 'and before that?'];
      const cached = harness(new MemoryStorage(), null, cache);
      for (const step of steps) expect(withoutIds(await cached.turn(step))).toEqual(withoutIds(await uncached.turn(step)));
      // Asked again in a conversation of its own, the first steps come from the cache and say the same.
      const again = harness(new MemoryStorage(), null, cache);
      expect(textOf(await again.turn(steps[0]!))).toContain('8 and 9 January 2019');
      expect(textOf(await again.turn(steps[1]!))).toContain('Andy Waugh');
      expect(cache.stats().hits).toBe(2);
    });

    it('answers from the new index once it is swapped in, not from replies of the old one', async () => {
      const cache = new AnswerCache<CachedReply>(10);
      const holder = new IndexHolder(index);
      const question = 'Which authorities are on record?';
      const before = textOf(await harness(new MemoryStorage(), null, cache, holder).turn(question));
      holder.swap(await openFresh(join(FIXTURES, 'varied')));
      const after = textOf(await harness(new MemoryStorage(), null, cache, holder).turn(question));
      expect(after).not.toBe(before);
      expect(cache.stats()).toEqual({ hits: 0, misses: 2 });
    });

    it('keeps no replies at size 0', async () => {
      const cache = new AnswerCache<CachedReply>(0);
      const h = harness(new MemoryStorage(), null, cache);
      await h.turn('When was the last monitoring visit to Worcestershire?');
      await harness(new MemoryStorage(), null, cache).turn('When was the last monitoring visit to Worcestershire?');
      expect(cache.stats()).toEqual({ hits: 0, misses: 2 });
    });
  });

  describe('examples', () => {
    it.each(EXAMPLE_QUESTIONS.map((q) => [q]))('answers the example “%s” from the bundled reports', async (question) => {
      const [reply] = messages(await harness().turn(question));
      expect(reply!.text).not.toMatch(/not on record|could not find|Which authority/);
      expect(reply!.entities?.length).toBe(1);
    });
  });

  describe('welcome', () => {
    it('welcomes the conversation when the bot is added', async () => {
      const { turn, adapter } = harness();
      const sent = await turn({ type: ActivityTypes.ConversationUpdate, membersAdded: [adapter.conversation.bot] });
      expect(textOf(sent)).toMatch(/Ofsted/);
    });

    it('says nothing when someone else joins', async () => {
      const sent = await harness().turn({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'someone', name: 'Someone' }] });
      expect(messages(sent)).toHaveLength(0);
    });
  });

  describe('feedback', () => {
    const vote = (replyToId: string, reaction: string, feedback?: string): Partial<Activity> => ({
      type: ActivityTypes.Invoke, name: 'message/submitAction', replyToId,
      value: { actionName: 'feedback', actionValue: { reaction, ...(feedback === undefined ? {} : { feedback }) } },
    });

    it('records a vote with its question, answer and comment, and answers 200 with no body', async () => {
      const { turn, feedbackFile } = harness();
      const [reply] = messages(await turn('When was the last monitoring visit to Worcestershire?'));
      const sent = await turn(vote(reply!.id!, 'dislike', JSON.stringify({ feedbackText: 'Wrong date' })));
      const response = sent.find((a) => a.type === 'invokeResponse');
      expect(response?.value).toEqual({ status: 200 });
      const lines = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toEqual(expect.objectContaining({
        reaction: 'dislike', comment: 'Wrong date', replyId: reply!.id, question: 'When was the last monitoring visit to Worcestershire?',
      }));
      expect(String(lines[0]!.answer)).toContain('8 and 9 January 2019');
      expect(Date.parse(String(lines[0]!.time))).not.toBeNaN();
    });

    it('records the first REMEMBERED_ANSWER_CHARS characters of a long answer, cut at a word', async () => {
      const { turn, feedbackFile } = harness();
      const [reply] = messages(await turn('What areas for improvement did Ofsted identify for Oxfordshire?'));
      expect(reply!.text!.length).toBeGreaterThan(REMEMBERED_ANSWER_CHARS);
      await turn(vote(reply!.id!, 'like', JSON.stringify({ feedbackText: '' })));
      const [line] = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { answer: string });
      expect(line!.answer.length).toBeLessThanOrEqual(REMEMBERED_ANSWER_CHARS);
      expect(line!.answer).toMatch(/\S…$/);
      // The reply's text is the answer with markdown escaped.
      expect(reply!.text!.replace(/\\/g, '').startsWith(`${line!.answer.slice(0, -1)} `)).toBe(true);
    });

    it('records a vote on a reply it no longer remembers, without its question', async () => {
      const { turn, feedbackFile } = harness();
      await turn(vote('unknown-reply', 'like'));
      const [line] = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(line).toEqual(expect.objectContaining({ reaction: 'like', comment: '', replyId: 'unknown-reply', question: null }));
    });

    it('refuses a submitAction that is no vote, and records nothing', async () => {
      const { turn, feedbackFile } = harness();
      const sent = await turn({ type: ActivityTypes.Invoke, name: 'message/submitAction', value: { actionName: 'feedback', actionValue: { reaction: 'meh' } } });
      expect(sent.find((a) => a.type === 'invokeResponse')?.value).toEqual({ status: 400 });
      expect(existsSync(feedbackFile)).toBe(false);
    });
  });
});
