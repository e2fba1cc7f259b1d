import { teamsCardAction, teamsCardSubmit, teamsMessage, teamsTypeahead, type Where } from '../../src/cli/teamsActivities';
import { LOOKUP_CARD } from '../../src/teams/lookupCard';
import { cardNodes } from '../teams/cardProblems';
import { lookupCardProblems } from '../teams/lookupCardProblems';
import { answers, type BotHarness, startBotHarness } from './botHarness';

let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness();
});

afterAll(() => harness.close());

const where = (conversationId: string, conversationType?: Where['conversationType']): Where => harness.where(conversationId, conversationType);
const texts = (card: unknown): string[] => cardNodes(card).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));

describe('lookup end to end', () => {
  it('sends the form for “lookup”, through the Bot Connector', async () => {
    const { status, replies } = await harness.post(teamsMessage('lookup', where('a:lookup-1')));
    expect(status).toBe(200);
    const [reply] = answers(replies);
    const card = reply!.attachments![0]!.content as Record<string, unknown>;
    expect(cardNodes(card).find((n) => n.id === 'authority')).toEqual(expect.objectContaining({
      'choices.data': { type: 'Data.Query', dataset: 'authorities' },
    }));
    expect(lookupCardProblems(card)).toEqual([]);
  });

  it('answers the typeahead invoke in the HTTP response, sending nothing to the conversation', async () => {
    const before = harness.connector.sent.length;
    const { status, body } = await harness.post(teamsTypeahead('barking and dag', 'authorities', { skip: 0, top: 15 }, where('a:lookup-2')));
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.search.searchResponse',
      value: { results: [{ title: 'Barking and Dagenham', value: 'Barking and Dagenham' }] },
    });
    expect(harness.connector.sent.length).toBe(before);
  });

  it('answers an empty typeahead search with the authorities on record first', async () => {
    const { status, body } = await harness.post(teamsTypeahead('', 'authorities', { skip: 0, top: 15 }, where('a:lookup-3')));
    expect(status).toBe(200);
    const { results } = (JSON.parse(body) as { value: { results: { value: string }[] } }).value;
    expect(results.slice(0, 3).map((r) => r.value)).toEqual(['Barking and Dagenham', 'Oxfordshire', 'Worcestershire']);
    expect(results).toHaveLength(15);
  });

  it('answers the Action.Execute invoke with the result card in the HTTP response', async () => {
    const before = harness.connector.sent.length;
    const { status, body } = await harness.post(teamsCardAction('lookup', {
      card: LOOKUP_CARD, authority: 'Worcestershire', kind: 'monitoring', fromYear: '2019', toYear: '', words: '',
    }, where('a:lookup-4')));
    expect(status).toBe(200);
    const response = JSON.parse(body) as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(response.statusCode).toBe(200);
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(response.value)).toEqual(expect.arrayContaining(['Worcestershire: monitoring visits, from 2019', 'Monitoring visit no. 7']));
    expect(texts(response.value).some((t) => t.startsWith('8 and 9 January 2019'))).toBe(true);
    expect(lookupCardProblems(response.value)).toEqual([]);
    expect(harness.connector.sent.length).toBe(before);
  });

  it('answers a submit from a client without universal actions with the result card as a reply', async () => {
    const { status, replies } = await harness.post(teamsCardSubmit({
      card: LOOKUP_CARD, verb: 'lookup', authority: 'Oxfordshire', kind: 'standard', fromYear: '', toYear: '', words: '',
    }, where('a:lookup-5')));
    expect(status).toBe(200);
    const [reply] = answers(replies);
    const card = reply!.attachments![0]!.content;
    expect(texts(card)).toEqual(expect.arrayContaining(['Oxfordshire: standard inspections', '2 on record, oldest first.']));
    expect(texts(card).some((t) => t.startsWith('April 2018'))).toBe(true);
    expect(texts(card).some((t) => t.startsWith('February 2024'))).toBe(true);
  });

  it('refuses a malformed typeahead invoke with a 400 error response, and keeps serving', async () => {
    const bad = { ...teamsTypeahead('worcs', 'authorities', { skip: 0, top: 15 }, where('a:lookup-6')), value: { queryText: 'worcs', dataset: 'authorities', queryOptions: { skip: -3 } } };
    const { status, body } = await harness.post(bad);
    expect(status).toBe(400);
    expect(JSON.parse(body)).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'The search request is not valid: value.queryOptions.skip is negative.' },
    });
    const again = await harness.post(teamsTypeahead('oxon', 'authorities', { skip: 0, top: 15 }, where('a:lookup-6')));
    expect(again.status).toBe(200);
  });

  it('refuses a malformed card action with a 400 error response', async () => {
    const bad = { ...teamsCardAction('lookup', {}, where('a:lookup-7')), value: { action: 'lookup' } };
    const { status, body } = await harness.post(bad);
    expect(status).toBe(400);
    expect(JSON.parse(body)).toEqual(expect.objectContaining({ statusCode: 400, type: 'application/vnd.microsoft.error' }));
    expect(body).not.toMatch(/\bat .+\.[jt]s:\d+/);
  });

  it('answers a bad year in the card with the form again, saying what to fix', async () => {
    const { status, body } = await harness.post(teamsCardAction('lookup', { card: LOOKUP_CARD, authority: 'Worcestershire', fromYear: 'abc' }, where('a:lookup-8')));
    expect(status).toBe(200);
    const response = JSON.parse(body) as { value: unknown };
    expect(texts(response.value)).toContain('From year "abc" is not a year: type four digits, e.g. 2019, or leave it empty.');
  });
});
