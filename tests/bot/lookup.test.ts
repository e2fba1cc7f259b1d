import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import { checkLookup } from '../../src/bot/lookupInvokes';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../src/teams/answerCard';
import { MAX_AUTHORITY_TEXT_LENGTH } from '../../src/search/authorityTypeahead';
import { LOOKUP_CARD, MAX_WORDS_LENGTH } from '../../src/teams/lookupCard';
import { cardNodes } from '../teams/cardProblems';
import { lookupCardProblems } from '../teams/lookupCardProblems';
import { directory, openFresh, SEED_DIR } from '../helpers';

let index: CorpusIndex;
beforeAll(async () => {
  index = await openFresh(SEED_DIR);
});

type Node = Record<string, unknown>;

interface Harness {
  logged: string[];
  turn: (input: string | Partial<Activity>) => Promise<Partial<Activity>[]>;
}

function harness(channelId = 'msteams'): Harness {
  const logged: string[] = [];
  const bot = new InspectionBot({
    index,
    conversationState: new ConversationState(new MemoryStorage()),
    feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'lookup-')), 'feedback.jsonl')),
    defaultAuthority: null,
    log: (line) => logged.push(line),
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId });
  const turn = async (input: string | Partial<Activity>): Promise<Partial<Activity>[]> => {
    await adapter.processActivity(typeof input === 'string' ? { type: ActivityTypes.Message, text: input } : input);
    return adapter.activeQueue.splice(0);
  };
  return { logged, turn };
}

const messages = (sent: Partial<Activity>[]): Partial<Activity>[] => sent.filter((a) => a.type === ActivityTypes.Message);
const cardOf = (sent: Partial<Activity>[]): Node => {
  const [reply] = messages(sent);
  expect(reply?.attachments?.[0]?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  return reply!.attachments![0]!.content as Node;
};
const byId = (card: unknown, id: string): Node | undefined => cardNodes(card).find((n) => n.id === id);
const texts = (card: unknown): string[] => cardNodes(card).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));

/** The invoke's response, as the adapter returns it to the channel: its HTTP status and body. */
async function invoke(h: Harness, name: string, value: unknown): Promise<{ status: number; body: Node }> {
  const sent = await h.turn({ type: ActivityTypes.Invoke, name, value });
  const response = sent.find((a) => a.type === 'invokeResponse');
  expect(response).toBeDefined();
  return response!.value as { status: number; body: Node };
}

const search = (queryText: unknown, extra: Node = {}): Node => ({ queryText, dataset: 'authorities', queryOptions: { skip: 0, top: 15 }, ...extra });
const execute = (verb: string, data: Node): Node => ({ action: { type: 'Action.Execute', id: verb, verb, data }, trigger: 'manual' });
const lookupData = (values: Node): Node => ({ card: LOOKUP_CARD, kind: 'any', fromYear: '', toYear: '', words: '', ...values });

describe('InspectionBot lookups', () => {
  describe('the lookup command', () => {
    it.each(['lookup', 'Look up', 'open the lookup card', 'new lookup'])('answers “%s” with the form', async (text) => {
      const card = cardOf(await harness().turn(text));
      expect(byId(card, 'authority')).toEqual(expect.objectContaining({ type: 'Input.ChoiceSet', 'choices.data': { type: 'Data.Query', dataset: 'authorities' } }));
      expect(byId(card, 'authority')!.value).toBeUndefined();
      expect(lookupCardProblems(card)).toEqual([]);
    });

    it('fills in the authority named after “lookup”', async () => {
      expect(byId(cardOf(await harness().turn('lookup worcs')), 'authority')!.value).toBe('Worcestershire');
    });

    it('fills in the conversation’s authority', async () => {
      const h = harness();
      await h.turn('use Oxon');
      expect(byId(cardOf(await h.turn('lookup')), 'authority')!.value).toBe('Oxfordshire');
    });

    it('reads “look up …” that names no authority as a question', async () => {
      const [reply] = messages(await harness().turn('look up the last monitoring visit to Worcestershire'));
      expect(reply!.text).toContain('8 and 9 January 2019');
    });

    it('offers the lookup on the help card', async () => {
      const [reply] = messages(await harness().turn('help'));
      expect(reply!.text).toContain('**lookup**');
      const buttons = cardNodes(reply!.attachments![0]!.content).filter((n) => n.type === 'Action.Submit').map((n) => n.title);
      expect(buttons).toContain('Look up the timeline');
    });
  });

  describe('the authority typeahead (application/search)', () => {
    it.each(['msteams', 'emulator'])('answers on %s, where the value has no kind', async (channel) => {
      const { status, body } = await invoke(harness(channel), 'application/search', search('worcs'));
      expect(status).toBe(200);
      expect(body).toEqual({
        statusCode: 200,
        type: 'application/vnd.microsoft.search.searchResponse',
        value: { results: [{ title: 'Worcestershire (Worcs)', value: 'Worcestershire' }] },
      });
    });

    it.each(['msteams', 'webchat'])('lists the authorities on record first for empty text on %s, a page at a time', async (channel) => {
      const h = harness(channel);
      const first = await invoke(h, 'application/search', search(''));
      expect(first.status).toBe(200);
      const results = (first.body.value as { results: { value: string }[] }).results;
      expect(results).toHaveLength(15);
      expect(results.slice(0, 3).map((r) => r.value)).toEqual(['Barking and Dagenham', 'Oxfordshire', 'Worcestershire']);
      const next = await invoke(h, 'application/search', search('', { queryOptions: { skip: 15, top: 15 } }));
      const more = (next.body.value as { results: { value: string }[] }).results.map((r) => r.value);
      expect(more).toHaveLength(15);
      expect(more.some((v) => results.some((r) => r.value === v))).toBe(false);
    });

    it('treats missing text and options as an empty search for the first page', async () => {
      const { status, body } = await invoke(harness('emulator'), 'application/search', { dataset: 'authorities' });
      expect(status).toBe(200);
      expect((body.value as { results: unknown[] }).results).toHaveLength(15);
    });

    it('refuses 40,000 characters at once, reading none of them', async () => {
      const started = performance.now();
      const { status, body } = await invoke(harness(), 'application/search', search('worcestershire '.repeat(2_700).slice(0, 40_000)));
      expect(status).toBe(400);
      expect((body.value as { message: string }).message).toBe(`The search request is not valid: value.queryText is longer than ${MAX_AUTHORITY_TEXT_LENGTH} characters.`);
      expect(performance.now() - started).toBeLessThan(200);
    });

    it('answers text of the longest length it reads', async () => {
      const text = `Worcestershire${' '.repeat(MAX_AUTHORITY_TEXT_LENGTH - 14)}`;
      const { status, body } = await invoke(harness(), 'application/search', search(text));
      expect(status).toBe(200);
      expect((body.value as { results: { value: string }[] }).results[0]?.value).toBe('Worcestershire');
    });

    it('shows at most 15 however many are asked for', async () => {
      const { body } = await invoke(harness(), 'application/search', search('', { queryOptions: { skip: 0, top: 100 } }));
      expect((body.value as { results: unknown[] }).results).toHaveLength(15);
    });

    it.each([
      ['an unknown dataset', search('worcs', { dataset: 'schools' }), 'There is no dataset "schools" to search: the only one is "authorities".'],
      ['no dataset', { queryText: 'worcs' }, 'The search request is not valid: value.dataset is missing.'],
      ['text that is not text', search(42), 'The search request is not valid: value.queryText is not text.'],
      ['a negative skip', search('w', { queryOptions: { skip: -1, top: 15 } }), 'The search request is not valid: value.queryOptions.skip is negative.'],
      ['a top that is not a number', search('w', { queryOptions: { top: 'lots' } }), 'The search request is not valid: value.queryOptions.top is not a whole number.'],
      ['a value that is not an object', 'worcs', 'The search request is not valid: value is not an object.'],
      ['no value', undefined, 'The search request is not valid: value is missing.'],
      ['text longer than any authority’s name', search('Worcestershire '.repeat(7)), 'The search request is not valid: value.queryText is longer than 100 characters.'],
      ['a dataset of 40,000 characters', search('worcs', { dataset: 'd'.repeat(40_000) }), 'The search request is not valid: value.dataset is longer than 500 characters.'],
    ])('refuses %s with a 400 error response', async (_, value, message) => {
      const h = harness();
      const { status, body } = await invoke(h, 'application/search', value);
      expect(status).toBe(400);
      expect(body).toEqual({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } });
      expect(h.logged.join('\n')).toContain(message);
    });
  });

  describe('the lookup (adaptiveCard/action)', () => {
    it('answers with the result card, to replace the form in place', async () => {
      const { status, body } = await invoke(harness(), 'adaptiveCard/action', execute('lookup', lookupData({ authority: 'Worcestershire', kind: 'monitoring', fromYear: '2018', toYear: '2018' })));
      expect(status).toBe(200);
      expect(body.statusCode).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      const card = body.value as Node;
      expect(card).toEqual(expect.objectContaining({ type: 'AdaptiveCard', version: '1.5' }));
      expect(texts(card)).toEqual(expect.arrayContaining(['Worcestershire: monitoring visits, in 2018', '4 on record, oldest first.']));
      expect(texts(card)).toEqual(expect.arrayContaining(['Monitoring visit no. 3', 'Monitoring visit no. 6']));
      expect(lookupCardProblems(card)).toEqual([]);
    });

    it('takes years sent as numbers, and a short form for the authority', async () => {
      const { body } = await invoke(harness('emulator'), 'adaptiveCard/action', execute('lookup', lookupData({ authority: 'Oxon', fromYear: 2024, toYear: 2024 })));
      expect(texts(body.value)).toEqual(expect.arrayContaining(['Oxfordshire: inspections and visits, in 2024', '1 on record, oldest first.']));
    });

    it('says when nothing matches, and what is on record', async () => {
      const { body } = await invoke(harness(), 'adaptiveCard/action', execute('lookup', lookupData({ authority: 'Barking and Dagenham', kind: 'focused' })));
      expect(texts(body.value)).toContain('Nothing on record for Barking and Dagenham matches this lookup (focused visits).');
      expect(texts(body.value)).toContain('What is on record for Barking and Dagenham (2 inspections and visits, oldest first):');
    });

    it.each([
      ['a year that is not one', { authority: 'Worcestershire', fromYear: 'abc' }, 'From year "abc" is not a year: type four digits, e.g. 2019, or leave it empty.'],
      ['a year out of range', { authority: 'Worcestershire', toYear: '3019' }, 'To year 3019 is out of range: give a year from 1990 to 2100.'],
      ['years the wrong way round', { authority: 'Worcestershire', fromYear: '2020', toYear: '2018' }, 'From year 2020 is after to year 2018: swap them, or leave one empty.'],
      ['an unknown kind', { authority: 'Worcestershire', kind: 'annual' }, 'The kind "annual" is not one I know: choose one of'],
      ['no authority', { authority: '' }, 'Choose an authority: start typing its name, e.g. “Worcestershire” or “LBBD”.'],
      ['a missing authority', { authority: undefined }, 'Choose an authority'],
      ['an unknown authority', { authority: 'Worcestershrie Shire' }, '“Worcestershrie Shire” is not an English children\'s services authority I know. Did you mean'],
      ['a region, not an authority', { authority: 'Yorkshire' }, '“Yorkshire” is not an English children\'s services authority I know.'],
      ['an authority that is not text', { authority: { name: 'Worcestershire' } }, 'The lookup could not be read (value.authority is not text). Fill in the form again.'],
      ['an authority longer than any name', { authority: 'Worcestershire '.repeat(7) }, 'The authority is 105 characters long, and no authority\'s name is over 100: choose one from the list as you type.'],
      ['words of 40,000 characters', { authority: 'Worcestershire', words: 'care '.repeat(8_000) }, 'The lookup could not be read (value.words is longer than 500 characters). Fill in the form again.'],
    ])('answers %s with the form again, saying what to fix', async (_, values, message) => {
      const { status, body } = await invoke(harness(), 'adaptiveCard/action', execute('lookup', lookupData(values)));
      expect(status).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      const card = body.value as Node;
      const error = cardNodes(card).find((n) => n.type === 'TextBlock' && n.color === 'attention');
      expect(String(error?.text)).toContain(message);
      expect(byId(card, 'authority')).toBeDefined();
      expect(JSON.stringify(card)).not.toMatch(/\bat .+\.ts:\d+|Error:/);
      expect(lookupCardProblems(card)).toEqual([]);
    });

    it('refuses an action whose verb is 40,000 characters long, without echoing it', async () => {
      const h = harness();
      const { status, body } = await invoke(h, 'adaptiveCard/action', execute('v'.repeat(40_000), lookupData({ authority: 'Worcestershire' })));
      expect(status).toBe(400);
      expect((body.value as { message: string }).message).toBe('The card action is not valid: value.action.verb is longer than 500 characters.');
      expect(h.logged.join('\n').length).toBeLessThan(1_000);
    });

    it('keeps what was typed in the form it shows again', async () => {
      const { body } = await invoke(harness(), 'adaptiveCard/action', execute('lookup', lookupData({ authority: 'Worcestershire', kind: 'monitoring', fromYear: 'abc', words: 'visit' })));
      const card = body.value as Node;
      expect(byId(card, 'authority')!.value).toBe('Worcestershire');
      expect(byId(card, 'kind')!.value).toBe('monitoring');
      expect(byId(card, 'words')!.value).toBe('visit');
    });

    it('shows the form again, filled in, for “Change this lookup”, and empty for “New lookup”', async () => {
      const h = harness();
      const change = await invoke(h, 'adaptiveCard/action', execute('newLookup', { card: LOOKUP_CARD, authority: 'Oxfordshire', kind: 'standard', fromYear: '2018', toYear: '', words: '' }));
      expect(byId(change.body.value, 'authority')!.value).toBe('Oxfordshire');
      expect(byId(change.body.value, 'kind')!.value).toBe('standard');
      expect(byId(change.body.value, 'fromYear')!.value).toBe(2018);
      const fresh = await invoke(h, 'adaptiveCard/action', execute('newLookup', { card: LOOKUP_CARD }));
      expect(byId(fresh.body.value, 'authority')!.value).toBeUndefined();
      expect(byId(fresh.body.value, 'kind')!.value).toBe('any');
    });

    it.each([
      ['an unknown verb', execute('delete', {}), 'The card action "delete" is not one this bot knows: it knows "lookup" and "newLookup".'],
      ['an Action.Submit', { action: { type: 'Action.Submit', verb: 'lookup', data: {} } }, 'The card action is not valid: value.action.type is not "Action.Execute".'],
      ['no action', { trigger: 'manual' }, 'The card action is not valid: value.action is missing.'],
      ['data that is not an object', execute('lookup', 'Worcestershire' as unknown as Node), 'The card action is not valid: value.action.data is not an object.'],
      ['no value', undefined, 'The card action is not valid: value is missing.'],
    ])('refuses %s with a 400 error response', async (_, value, message) => {
      const { status, body } = await invoke(harness(), 'adaptiveCard/action', value);
      expect(status).toBe(400);
      expect(body).toEqual({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } });
    });
  });

  describe('the lookup from clients without universal actions (a message with the card’s values)', () => {
    it('replies with the result card', async () => {
      const sent = await harness('webchat').turn({ type: ActivityTypes.Message, value: lookupData({ verb: 'lookup', authority: 'Worcestershire', words: 'exploitation' }) });
      const card = cardOf(sent);
      expect(texts(card)).toEqual(expect.arrayContaining(['Worcestershire: inspections and visits, mentioning “exploitation”', '1 on record, oldest first.']));
      expect(texts(card)).toContain('Monitoring visit no. 7');
      expect(lookupCardProblems(card)).toEqual([]);
    });

    it('replies with the form, saying what to fix, for a bad value', async () => {
      const card = cardOf(await harness().turn({ type: ActivityTypes.Message, value: lookupData({ verb: 'lookup', authority: 'Worcestershire', fromYear: '2019', toYear: '2017' }) }));
      expect(texts(card)).toContain('From year 2019 is after to year 2017: swap them, or leave one empty.');
    });

    it('replies with a new form for “New lookup”', async () => {
      const card = cardOf(await harness().turn({ type: ActivityTypes.Message, value: { card: LOOKUP_CARD, verb: 'newLookup', authority: 'Worcestershire' } }));
      expect(byId(card, 'authority')!.value).toBe('Worcestershire');
      expect(texts(card).some((t) => t.includes('not'))).toBe(false);
    });

    it('replies with the form for a verb it does not know', async () => {
      const card = cardOf(await harness().turn({ type: ActivityTypes.Message, value: { card: LOOKUP_CARD, verb: 'print' } }));
      expect(texts(card)).toContain('The card asked for "print", which this bot does not do. Press “Look up” to look up.');
    });

    it('still reads a question submitted from another card', async () => {
      const [reply] = messages(await harness().turn({ type: ActivityTypes.Message, value: { question: 'How many monitoring visits has Worcestershire had?' } }));
      expect(reply!.text).toContain('7');
    });
  });
});

describe('lookupInvokes module', () => {
  describe('checkLookup', () => {
    it('gives canonical criteria for good values', () => {
      expect(checkLookup({ authority: 'LBBD', kind: 'graded', fromYear: '2014', toYear: '2019', words: '  care   leavers ' }, directory())).toEqual({
        ok: true, criteria: { authority: 'Barking and Dagenham', kind: 'graded', fromYear: 2014, toYear: 2019, words: 'care leavers' },
      });
      expect(checkLookup({ authority: 'Worcestershire' }, directory())).toEqual({
        ok: true, criteria: { authority: 'Worcestershire', kind: 'any', fromYear: null, toYear: null, words: '' },
      });
    });

    it('says every problem at once', () => {
      const checked = checkLookup({ authority: '', kind: 'weekly', fromYear: '19', words: 'x'.repeat(201) }, directory());
      expect(checked.ok).toBe(false);
      const { message } = checked as { message: string };
      expect(message).toContain('Choose an authority');
      expect(message).toContain('The kind "weekly" is not one I know');
      expect(message).toContain('From year "19" is not a year');
      expect(message).toContain('The words are 201 characters long: 200 at most.');
    });

    it('refuses an authority or words over their limits unread, spaces and all', () => {
      const started = performance.now();
      const checked = checkLookup({ authority: 'Worcestershire '.repeat(2_700), words: `${' '.repeat(MAX_WORDS_LENGTH)}care` }, directory());
      expect(performance.now() - started).toBeLessThan(50);
      expect(checked).toEqual({
        ok: false,
        message: `The authority is 40500 characters long, and no authority's name is over ${MAX_AUTHORITY_TEXT_LENGTH}: choose one from the list as you type. The words are 204 characters long: ${MAX_WORDS_LENGTH} at most.`,
      });
    });

    it('asks which one a name shared by several authorities means', () => {
      const checked = checkLookup({ authority: 'Cumbria' }, directory());
      expect(checked).toEqual({ ok: false, message: '“Cumbria” could be Cumberland or Westmorland and Furness: choose one.' });
    });
  });
});
