import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot, MAX_QUESTION_CHARS, rateCost } from '../../src/bot/InspectionBot';
import { RateLimiter } from '../../src/bot/RateLimiter';
import { teamsFeedback, teamsMessage, teamsSearch, teamsTypeahead, type Where } from '../../src/cli/teamsActivities';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openFresh, SEED_DIR } from '../helpers';
import { answers, startBotHarness } from '../server/botHarness';

let index: CorpusIndex;
beforeAll(async () => {
  index = await openFresh(SEED_DIR);
});

const QUESTION = 'When was the last monitoring visit to Worcestershire?';

/** A bot on a TestAdapter with the given limits; `turn` returns the messages it sent back. */
function bot(options: { rateLimiter?: RateLimiter; maxQuestionChars?: number } = {}) {
  const log: string[] = [];
  const storage = new MemoryStorage();
  const made = new InspectionBot({
    index, conversationState: new ConversationState(storage), feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'limits-')), 'fb.jsonl')),
    defaultAuthority: null, log: (line) => log.push(line), ...options,
  });
  const adapter = new TestAdapter(async (context) => made.run(context), { channelId: 'msteams' });
  const turn = async (input: Partial<Activity>): Promise<string[]> => {
    await adapter.processActivity(input);
    return adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message).map((a) => a.text ?? '');
  };
  return { turn, log, storage };
}

/** A message from one user of one tenant. */
function from(user: string, text: string, tenant = 'tenant-a'): Partial<Activity> {
  return {
    type: ActivityTypes.Message, text, from: { id: `29:${user}`, name: user, aadObjectId: `aad-${user}` },
    channelData: { tenant: { id: tenant } },
  };
}

/** A limiter on a clock the test moves by hand. */
function clockedLimiter(perMinute: number, burst: number): { limiter: RateLimiter; advance: (ms: number) => void } {
  let now = 1_700_000_000_000;
  return { limiter: new RateLimiter({ perMinute, burst, now: () => now }), advance: (ms) => { now += ms; } };
}

describe('InspectionBot limits', () => {
  describe('rateCost', () => {
    it.each<[string, string | undefined, number]>([
      ['message', undefined, 1],
      ['invoke', 'adaptiveCard/action', 1],
      ['invoke', 'message/submitAction', 1],
      ['invoke', 'composeExtension/selectItem', 1],
      ['invoke', 'application/search', 0.25],
      ['invoke', 'composeExtension/query', 0.25],
      ['conversationUpdate', undefined, 0],
      ['messageReaction', undefined, 0],
    ])('charges a %s %s %d', (type, name, cost) => {
      expect(rateCost(type, name)).toBe(cost);
    });
  });

  describe('rate limit', () => {
    it('answers a burst, then tells the user politely when to try again, and answers again after that', async () => {
      const { limiter, advance } = clockedLimiter(6, 2);
      const { turn, log } = bot({ rateLimiter: limiter });
      expect((await turn(from('priya', QUESTION)))[0]).toContain('8 and 9 January 2019');
      expect((await turn(from('priya', QUESTION)))[0]).toContain('8 and 9 January 2019');
      expect(await turn(from('priya', QUESTION))).toEqual(['You are asking faster than I can answer. Please wait 10 seconds and ask again.']);
      expect(log).toEqual([expect.stringMatching(/^rate limit: message .* refused; the user may ask again in 10 seconds$/)]);
      expect(log[0]).not.toContain('Worcestershire');
      advance(4000);
      expect(await turn(from('priya', QUESTION))).toEqual(['You are asking faster than I can answer. Please wait 6 seconds and ask again.']);
      advance(6000);
      expect((await turn(from('priya', QUESTION)))[0]).toContain('8 and 9 January 2019');
    });

    it('limits each user on their own, by tenant and Entra object id', async () => {
      const { limiter } = clockedLimiter(6, 1);
      const { turn } = bot({ rateLimiter: limiter });
      await turn(from('priya', QUESTION));
      expect((await turn(from('priya', QUESTION)))[0]).toMatch(/^You are asking faster/);
      expect((await turn(from('tom', QUESTION)))[0]).toContain('8 and 9 January 2019');
      expect((await turn(from('priya', QUESTION, 'tenant-b')))[0]).toContain('8 and 9 January 2019');
    });

    it('does not count a member being added', async () => {
      const { limiter } = clockedLimiter(6, 1);
      const { turn } = bot({ rateLimiter: limiter });
      const added = { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user1', name: 'User' }], from: { id: '29:priya', name: 'priya' } };
      for (let i = 0; i < 3; i++) await turn(added);
      expect((await turn(from('priya', QUESTION)))[0]).toContain('8 and 9 January 2019');
    });

    it('reads no conversation state for a refused message', async () => {
      const { limiter } = clockedLimiter(6, 1);
      const { turn, storage } = bot({ rateLimiter: limiter });
      await turn(from('priya', QUESTION));
      const read = jest.spyOn(storage, 'read');
      const write = jest.spyOn(storage, 'write');
      await turn(from('priya', 'use Leeds'));
      expect(read).not.toHaveBeenCalled();
      expect(write).not.toHaveBeenCalled();
    });

    it('answers invokes over the limit with 429 through the server, and lets four typeahead searches cost one question', async () => {
      const harness = await startBotHarness({ rateLimiter: new RateLimiter({ perMinute: 1, burst: 2 }) });
      try {
        const where: Where = harness.where('a:rate-limited');
        const first = await harness.post(teamsMessage(QUESTION, where), true);
        expect(answers(first.replies)[0]!.text).toContain('8 and 9 January 2019');
        for (const typed of ['w', 'wo', 'wor', 'worc']) expect((await harness.post(teamsTypeahead(typed, 'authorities', { skip: 0, top: 15 }, where))).status).toBe(200);
        for (const activity of [teamsTypeahead('worce', 'authorities', { skip: 0, top: 15 }, where), teamsSearch('worcestershire', { skip: 0, count: 25 }, where), teamsFeedback('reply-1', 'like', '', where)]) {
          const res = await harness.post(activity);
          expect(res.status).toBe(429);
          expect(JSON.parse(res.body)).toEqual({
            statusCode: 429, type: 'application/vnd.microsoft.error', value: { code: 'TooManyRequests', message: expect.stringMatching(/^Too many requests: try again in \d+ seconds\.$/) },
          });
        }
        const refused = await harness.post(teamsMessage(QUESTION, where), true);
        expect(refused.status).toBe(200);
        expect(answers(refused.replies).map((a) => a.text)).toEqual([expect.stringMatching(/^You are asking faster than I can answer\. Please wait (?:[2-5]\d|60) seconds and ask again\.$/)]);
      } finally {
        await harness.close();
      }
    });
  });

  describe('question length', () => {
    it.each<[string, number | undefined, number]>([
      ['the default limit', undefined, MAX_QUESTION_CHARS],
      ['a configured limit', 80, 80],
    ])('answers a question of %s, and asks for a shorter one past it, naming the limit', async (_case, configured, limit) => {
      const { turn, log } = bot(configured === undefined ? {} : { maxQuestionChars: configured });
      const longest = `${QUESTION} ${'Please look carefully. '.repeat(40)}`.slice(0, limit);
      expect((await turn(from('priya', longest)))[0]).toContain('8 and 9 January 2019');
      const over = `${longest}x`;
      expect(await turn(from('priya', over))).toEqual([
        `That message is ${limit + 1} characters long, and I read questions of up to ${limit} characters. Please ask a shorter question, for example “When was the last monitoring visit to Worcestershire?”`,
      ]);
      expect(log).toEqual([]);
    });

    it('counts an emoji as one character, and the @mention and markup not at all', async () => {
      const { turn } = bot({ maxQuestionChars: QUESTION.length + 2 });
      const reply = await turn({ ...from('priya', `<at>Ofsted history</at> <p>${QUESTION} 👍</p>`), recipient: { id: 'bot', name: 'Ofsted history' } });
      expect(reply[0]).toContain('8 and 9 January 2019');
    });

    it('reads a long text of "<" in linear time', async () => {
      const { turn } = bot();
      const started = Date.now();
      const reply = await turn(from('priya', '<'.repeat(500_000)));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(reply).toEqual([expect.stringMatching(/^That message is 500000 characters long/)]);
    });

    it('answers a message-extension search past the limit with a message naming it, and no results', async () => {
      const harness = await startBotHarness({ maxQuestionChars: 40 });
      try {
        const ok = JSON.parse((await harness.post(teamsSearch('worcestershire monitoring 2019'))).body) as { composeExtension: { type: string } };
        expect(ok.composeExtension.type).toBe('result');
        const res = await harness.post(teamsSearch('worcestershire monitoring visit letters from 2019'));
        expect(res.status).toBe(200);
        expect(JSON.parse(res.body)).toEqual({
          composeExtension: { type: 'message', text: 'That search is 49 characters long: I read searches of up to 40 characters. Type fewer words, such as "worcestershire monitoring 2019".' },
        });
      } finally {
        await harness.close();
      }
    });
  });
});
