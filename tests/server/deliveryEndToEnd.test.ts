import { teamsCardSubmit, teamsMessage } from '../../src/cli/teamsActivities';
import { MAX_SEND_ATTEMPTS } from '../../src/bot/sendReply';
import { TURN_ERROR_REPLY } from '../../src/server/createAdapter';
import { MAX_CITATIONS } from '../../src/teams/citationEntity';
import { EXAMPLE_QUESTIONS, helpMessage } from '../../src/teams/helpMessage';
import { answers, type BotHarness, startBotHarness } from './botHarness';

let harness: BotHarness;
const logged: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness({ log: (line) => logged.push(line) });
});

afterAll(() => harness.close());

beforeEach(() => {
  harness.connector.refuse = null;
  harness.connector.refused.length = 0;
  harness.waits.length = 0;
  logged.length = 0;
});

const HISTORY = 'Show the inspection history of Worcestershire';
const PLAYGROUND_REFUSAL = { status: 400, body: { error: { code: 'BadArgument', message: 'Array must contain at most 10 element(s)' } } };

async function ask(question: string, conversation: string): Promise<ReturnType<typeof answers>> {
  const { status, replies } = await harness.post(teamsMessage(question, harness.where(conversation)));
  expect(status).toBe(200);
  return answers(replies);
}

describe('replies the connector refuses', () => {
  it('sends a history of many sources whole, with at most MAX_CITATIONS citations', async () => {
    const [reply] = await ask(HISTORY, 'a:deliver-0');
    const citations = (reply!.entities![0] as unknown as { citation: unknown[] }).citation;
    expect(citations.length).toBeGreaterThan(1);
    expect(citations.length).toBeLessThanOrEqual(MAX_CITATIONS);
    expect(harness.connector.refused).toEqual([]);
  });

  it('sends the text with its sources written out when the citation entity is refused, and logs why', async () => {
    harness.connector.refuse = (a) => (a.entities?.length ? PLAYGROUND_REFUSAL : null);
    const replies = await ask(HISTORY, 'a:deliver-1');
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply!.text).toMatch(/inspection history/);
    expect(reply!.text).toMatch(/Sources:\n\n1\. .+: “.+”/);
    expect(reply!.entities ?? []).toEqual([]);
    expect(reply!.attachments ?? []).toEqual([]);
    expect(reply!.text).not.toContain(TURN_ERROR_REPLY);
    expect(logged.some((l) => /refused the full reply \(400: .*at most 10 element/.test(l) && /sending the text with its sources written out/.test(l))).toBe(true);
  });

  it('sends the text alone when the written-out sources are refused too', async () => {
    harness.connector.refuse = (a) => (a.entities?.length || a.attachments?.length || /Sources:/.test(a.text ?? '') ? { status: 400 } : null);
    const [reply] = await ask(HISTORY, 'a:deliver-2');
    expect(reply!.text).toMatch(/inspection history/);
    expect(reply!.text).not.toMatch(/\[\d+\]|Sources:/);
    expect(harness.connector.refused.map((r) => r.status)).toEqual([400, 400]);
    expect(logged.filter((l) => /refused/.test(l))).toHaveLength(2);
  });

  it('sends a simpler form when the message is refused as too large (413)', async () => {
    harness.connector.refuse = (a) => (a.attachments?.length || a.entities?.length ? { status: 413 } : null);
    const [reply] = await ask(HISTORY, 'a:deliver-3');
    expect(reply!.text).toMatch(/Sources:/);
    expect(logged.some((l) => /refused the full reply \(413/.test(l))).toBe(true);
  });

  it('waits out a busy connector (429, 412), doubling the wait, and then sends the reply whole', async () => {
    const statuses = [429, 412, 429];
    harness.connector.refuse = () => {
      const status = statuses.shift();
      return status ? { status } : null;
    };
    const [reply] = await ask(HISTORY, 'a:deliver-4');
    expect(reply!.entities).toHaveLength(1);
    expect(harness.connector.refused.map((r) => r.status)).toEqual([429, 412, 429]);
    expect(harness.waits).toEqual([500, 1000, 2000]);
    expect(logged.filter((l) => /the connector answered (429|412); trying again/.test(l))).toHaveLength(3);
  });

  it.each([502, 504])('sends the reply whole after a gateway error (%i), which the connector client retries', async (status) => {
    let first = true;
    harness.connector.refuse = () => {
      if (!first) return null;
      first = false;
      return { status };
    };
    const [reply] = await ask(HISTORY, `a:deliver-gw-${status}`);
    expect(reply!.entities).toHaveLength(1);
    expect(harness.connector.refused).toHaveLength(1);
  });

  it(`gives up on a connector that stays busy after ${MAX_SEND_ATTEMPTS} tries, without resending other forms`, async () => {
    harness.connector.refuse = (a) => (a.text === TURN_ERROR_REPLY ? null : { status: 412 });
    const replies = await ask(HISTORY, 'a:deliver-6');
    expect(harness.connector.refused).toHaveLength(MAX_SEND_ATTEMPTS);
    expect(replies.map((r) => r.text)).toEqual([TURN_ERROR_REPLY]);
    expect(logged.some((l) => /turn error/.test(l))).toBe(true);
  });

  it('does not send another form when the connector fails for another reason (403)', async () => {
    harness.connector.refuse = (a) => (a.text === TURN_ERROR_REPLY ? null : { status: 403 });
    const replies = await ask(HISTORY, 'a:deliver-7');
    expect(harness.connector.refused).toHaveLength(1);
    expect(replies.map((r) => r.text)).toEqual([TURN_ERROR_REPLY]);
  });
});

describe('buttons of the welcome card', () => {
  // Some clients (the Agents Playground among them) send an Action.Submit's data as the message's value, with no text.
  const buttons = (): { title: string; data: Record<string, unknown> }[] => {
    type Button = { title: string; data: Record<string, unknown> };
    const card = helpMessage().attachments![0]!.content as { body: { actions?: Button[]; selectAction?: Button }[] };
    return card.body.flatMap((e) => e.actions ?? (e.selectAction ? [e.selectAction] : []));
  };

  it('answers an example question sent as card data, saying what was asked', async () => {
    const button = buttons().find((b) => b.title === EXAMPLE_QUESTIONS[0])!;
    const { replies } = await harness.post(teamsCardSubmit(button.data, harness.where('a:button-1')));
    const [reply] = answers(replies);
    expect(reply!.text).toMatch(/^You asked: “When was the last monitoring visit to Worcestershire\?”/);
    expect(reply!.text).toContain('8 and 9 January 2019');
  });

  it('answers Teams’ imBack data alone the same way', async () => {
    const { replies } = await harness.post(teamsCardSubmit({ msteams: { type: 'imBack', value: EXAMPLE_QUESTIONS[0] } }, harness.where('a:button-2')));
    expect(answers(replies)[0]!.text).toContain('8 and 9 January 2019');
  });

  it('opens the lookup form from “Look up the timeline”', async () => {
    const button = buttons().find((b) => b.title === 'Look up the timeline')!;
    const { replies } = await harness.post(teamsCardSubmit(button.data, harness.where('a:button-3')));
    const [reply] = answers(replies);
    expect(JSON.stringify(reply!.attachments)).toMatch(/Input\.ChoiceSet/);
  });
});
