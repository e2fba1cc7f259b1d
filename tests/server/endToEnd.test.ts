import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main as check } from '../../src/cli/check';
import { teamsFeedback, teamsInstall, teamsMessage, type Where } from '../../src/cli/teamsActivities';
import { MAX_CITATION_ABSTRACT, MAX_CITATION_NAME, MAX_CITATIONS } from '../../src/teams/citationEntity';
import { answers, type BotHarness, startBotHarness } from './botHarness';

let harness: BotHarness;
let botUrl: string;
let connector: BotHarness['connector'];
let feedbackFile: string;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ botUrl, connector, feedbackFile } = harness);
});

afterAll(() => harness.close());

const where = (conversationId: string, conversationType?: Where['conversationType']): Where => harness.where(conversationId, conversationType);
const post: BotHarness['post'] = (activity, expectReplies) => harness.post(activity, expectReplies);

describe('end to end', () => {
  it('answers a question in a personal chat, replying through the Bot Connector to the question', async () => {
    const question = teamsMessage('When was the last monitoring visit to Worcestershire?', where('a:personal-1'));
    const before = connector.sent.length;
    const { status, replies } = await post(question);
    expect(status).toBe(200);
    expect(replies.map((r) => r.type)).toEqual(['message']);
    expect(connector.sent[before]!.path).toBe(`/v3/conversations/${encodeURIComponent('a:personal-1')}/activities/${question.id}`);
    expect(answers(replies)[0]!.text).toContain('8 and 9 January 2019');
  });

  it('carries exactly one citation entity within Teams’ limits, matching the markers in the text', async () => {
    const { replies } = await post(teamsMessage('List the monitoring visits to Worcestershire', where('a:personal-2')));
    const [reply] = answers(replies);
    const roots = (reply!.entities ?? []).filter((e) => e.type === 'https://schema.org/Message');
    expect(roots).toHaveLength(1);
    const citations = (roots[0] as unknown as { citation: { position: number; appearance: { name: string; abstract: string } }[] }).citation;
    expect(citations.length).toBeGreaterThan(0);
    expect(citations.length).toBeLessThanOrEqual(MAX_CITATIONS);
    for (const c of citations) {
      expect(c.appearance.name.length).toBeLessThanOrEqual(MAX_CITATION_NAME);
      expect(c.appearance.abstract.length).toBeLessThanOrEqual(MAX_CITATION_ABSTRACT);
    }
    const markers = [...new Set([...reply!.text!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    expect(citations.map((c) => c.position).sort((a, b) => a - b)).toEqual(markers);
    expect(JSON.stringify(roots[0])).not.toMatch(/AI generated|usageInfo/i);
  });

  it('sends a list as an Adaptive Card 1.5 with the full quotes', async () => {
    const { replies } = await post(teamsMessage('List the monitoring visits to Worcestershire', where('a:personal-3')));
    const card = answers(replies)[0]!.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    expect(card?.content).toEqual(expect.objectContaining({ type: 'AdaptiveCard', version: '1.5' }));
    expect(JSON.stringify(card!.content)).toContain('To date there have been seven such visits in May 2017');
  });

  it('reads a channel message addressed with an @mention', async () => {
    const { replies } = await post(teamsMessage('who led the seventh monitoring visit to Worcestershire?', where('19:channel@thread.tacv2;messageid=17', 'channel')));
    expect(answers(replies)[0]!.text).toContain('Andy Waugh');
  });

  it('follows up within the conversation', async () => {
    const w = where('a:personal-4');
    await post(teamsMessage('When was the last monitoring visit to Worcestershire?', w));
    const { replies } = await post(teamsMessage('who led it?', w));
    expect(answers(replies)[0]!.text).toContain('Andy Waugh');
    const earlier = await post(teamsMessage('and before that?', w));
    expect(answers(earlier.replies)[0]!.text).toContain('October 2018');
  });

  it('returns the replies in the response body with expectReplies', async () => {
    const { status, replies } = await post(teamsMessage('How many monitoring visits has Worcestershire had?', where('a:personal-5')), true);
    expect(status).toBe(200);
    expect(answers(replies)[0]!.text).toContain('7 monitoring visits');
  });

  it('welcomes the conversation when the bot is installed', async () => {
    const { status, replies } = await post(teamsInstall(where('a:personal-6')));
    expect(status).toBe(200);
    expect(answers(replies)[0]!.text).toMatch(/Ofsted/);
  });

  it('records a feedback vote on a reply and answers 200 with an empty body', async () => {
    const w = where('a:personal-7');
    const before = connector.sent.length;
    await post(teamsMessage('When was the last monitoring visit to Worcestershire?', w));
    const id = connector.sent.slice(before).find((s) => s.activity.type === 'message')!.id;
    const vote = await post(teamsFeedback(id, 'like', 'Exactly what I needed', w));
    expect(vote.status).toBe(200);
    expect(vote.body).toBe('');
    const lines = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[lines.length - 1]).toEqual(expect.objectContaining({
      reaction: 'like', comment: 'Exactly what I needed', replyId: id, question: 'When was the last monitoring visit to Worcestershire?',
    }));
  });

  it('answers 400 to malformed JSON and 413 to a body over 1 MB, and keeps serving', async () => {
    const bad = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type": "message",' });
    expect(bad.status).toBe(400);
    const big = await fetch(`${botUrl}/api/messages`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x'.repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    const { status } = await post(teamsMessage('help', where('a:personal-8')));
    expect(status).toBe(200);
  });

  it('passes the command-line check of a running bot, and fails it when nothing listens', async () => {
    const out: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(await check(['--url', botUrl])).toBe(0);
      expect(out.join('')).toContain('all 6 checks passed');
      out.length = 0;
      const free = createHttpServer();
      await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
      const port = (free.address() as AddressInfo).port;
      await new Promise<void>((resolve) => free.close(() => resolve()));
      expect(await check(['--url', `http://127.0.0.1:${port}`])).toBe(1);
      expect(out.join('')).toContain('nothing is listening');
    } finally {
      jest.restoreAllMocks();
    }
  });
});
