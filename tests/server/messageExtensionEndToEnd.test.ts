import { rmSync } from 'node:fs';
import type { MessagingExtensionResponse } from 'botbuilder';
import {
  teamsComposeInvoke, teamsQueryLink, teamsSearch, teamsSearchInitialRun, teamsSelectItem, type Where,
} from '../../src/cli/teamsActivities';
import { seedWithAddresses } from '../helpers';
import { type BotHarness, startBotHarness } from './botHarness';

/** The seed reports as downloaded from Ofsted's and the councils' sites: the catalog gives their addresses. */
const ADDRESSES: Record<string, string> = {
  '002_bafe8324dc1c07ae.txt': 'https://files.ofsted.gov.uk/v1/file/50223271',
  '000_86a8131df8e299f6.txt': 'https://reports.ofsted.gov.uk/provider/44/80617',
};

let harness: BotHarness;
let dir: string;
let where: Where;

beforeAll(async () => {
  dir = seedWithAddresses(ADDRESSES);
  harness = await startBotHarness(dir);
  where = harness.where('19:compose@thread.v2', 'groupChat');
});

afterAll(async () => {
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Posts an invoke as Teams does and reads the invoke response from the HTTP body. */
async function invoke(activity: Parameters<BotHarness['post']>[0]): Promise<{ status: number; body: MessagingExtensionResponse }> {
  const before = harness.connector.sent.length;
  const { status, body } = await harness.post(activity);
  // An invoke is answered in the HTTP response; nothing goes through the Bot Connector.
  expect(harness.connector.sent.length).toBe(before);
  return { status, body: JSON.parse(body) as MessagingExtensionResponse };
}

const titles = (r: MessagingExtensionResponse): string[] =>
  (r.composeExtension?.attachments ?? []).map((a) => ((a.content as { body: { text: string }[] }).body[0]!.text));

describe('message extension end to end', () => {
  it('answers a search with cards and previews in the HTTP response', async () => {
    const { status, body } = await invoke(teamsSearch('worcs inadequate', { skip: 0, count: 25 }, where));
    expect(status).toBe(200);
    expect(body.composeExtension).toEqual(expect.objectContaining({ type: 'result', attachmentLayout: 'list' }));
    const [attachment] = body.composeExtension!.attachments!;
    expect(attachment!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachment!.content)).toContain("In 2016 the local authority was judged 'inadequate'");
    expect(attachment!.preview).toEqual(expect.objectContaining({ contentType: 'application/vnd.microsoft.card.thumbnail' }));
  });

  it('lists the most recent events on the initial run', async () => {
    const { body } = await invoke(teamsSearchInitialRun({ skip: 0, count: 2 }, where));
    expect(titles(body)).toEqual(['Standard inspection of Oxfordshire', 'Standard inspection of Worcestershire']);
  });

  it('pages with skip and count', async () => {
    const first = titles((await invoke(teamsSearch('worcestershire', { skip: 0, count: 4 }, where))).body);
    const second = titles((await invoke(teamsSearch('worcestershire', { skip: 4, count: 4 }, where))).body);
    const all = titles((await invoke(teamsSearch('worcestershire', { skip: 0, count: 25 }, where))).body);
    expect([...first, ...second]).toEqual(all.slice(0, 8));
    expect(second[0]).not.toBe(first[0]);
  });

  it('gives the full card of the result picked', async () => {
    const listed = (await invoke(teamsSearch('exploitation', { skip: 0, count: 25 }, where))).body;
    const tap = (listed.composeExtension!.attachments![0]!.preview!.content as { tap: { value: unknown } }).tap.value;
    const { status, body } = await invoke(teamsSelectItem(tap, where));
    expect(status).toBe(200);
    expect(titles(body)).toEqual(['Seventh monitoring visit to Worcestershire']);
    expect(JSON.stringify(body)).toContain('Andy Waugh');
  });

  it('says so when nothing matches', async () => {
    const { status, body } = await invoke(teamsSearch('xyzzy', { skip: 0, count: 25 }, where));
    expect(status).toBe(200);
    expect(body.composeExtension?.type).toBe('message');
    expect(body.composeExtension?.text).toContain('Nothing on record matches “xyzzy”');
  });

  it('unfolds a pasted link to a report it holds', async () => {
    const { status, body } = await invoke(teamsQueryLink('https://REPORTS.ofsted.gov.uk/provider/44/80617/', where));
    expect(status).toBe(200);
    const [attachment] = body.composeExtension!.attachments!;
    expect((attachment!.content as { version: string }).version).toBe('1.3');
    const shown = JSON.stringify(attachment!.content);
    expect(shown).toContain('"text":"Standard inspection"');
    expect(shown).toContain('"text":"Good","weight":"bolder","wrap":true,"color":"good"');
    expect(shown).toContain('"text":"15 to 26 May 2023"');
    expect(attachment!.preview?.contentType).toBe('application/vnd.microsoft.card.thumbnail');
  });

  it('shows no card for a link to a report it does not hold', async () => {
    const { status, body } = await invoke(teamsQueryLink('https://files.ofsted.gov.uk/v1/file/11111111', where));
    expect(status).toBe(200);
    expect(body).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } });
  });

  it.each([
    ['a search that is not an object', teamsComposeInvoke('composeExtension/query', ['worcs'])],
    ['a search without parameters', teamsComposeInvoke('composeExtension/query', { commandId: 'searchInspections' })],
    ['another command', teamsSearch('worcs', { skip: 0, count: 25 }, undefined, 'searchCats')],
    ['a pick without an id', teamsComposeInvoke('composeExtension/selectItem', { type: 'event' })],
    ['a link without a url', teamsComposeInvoke('composeExtension/queryLink', {})],
  ])('answers %s with a message, and keeps serving', async (_, activity) => {
    const { status, body } = await invoke({ ...activity, conversation: { ...activity.conversation!, id: where.conversationId }, serviceUrl: where.serviceUrl });
    expect(status).toBe(200);
    expect(body.composeExtension?.type).toBe('message');
    expect(body.composeExtension?.text).toMatch(/\S/);
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|Error:/);
    const after = await invoke(teamsSearch('lbbd', { skip: 0, count: 25 }, where));
    expect(titles(after.body)).toHaveLength(2);
  });
});
