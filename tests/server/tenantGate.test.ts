import { type Activity, MemoryStorage } from 'botbuilder';
import { tenantOf } from '../../src/bot/tenantOf';
import { teamsMessage, teamsSearch, teamsTypeahead } from '../../src/cli/teamsActivities';
import { answers, type BotHarness, startBotHarness } from './botHarness';

/** The tenant teamsActivities puts on every activity. */
const HOME = '00000000-0000-4000-8000-00000000000a';
const PARTNER = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const STRANGER = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** An activity as from another tenant: Teams puts the tenant in channelData and in the conversation. */
function fromTenant(activity: Partial<Activity>, tenant: string | null): Partial<Activity> {
  const conversation: Partial<Activity['conversation']> = { ...activity.conversation };
  delete conversation.tenantId;
  const channelData: Record<string, unknown> = { ...(activity.channelData as Record<string, unknown>) };
  delete channelData['tenant'];
  return {
    ...activity,
    conversation: (tenant === null ? conversation : { ...conversation, tenantId: tenant }) as Activity['conversation'],
    channelData: tenant === null ? channelData : { ...channelData, tenant: { id: tenant } },
  };
}

describe('server/tenantGate', () => {
  describe('tenantOf', () => {
    it.each<[string, unknown, string | null]>([
      ['channelData.tenant.id first', { channelData: { tenant: { id: PARTNER } }, conversation: { tenantId: HOME } }, PARTNER],
      ['conversation.tenantId when channelData has none', { channelData: {}, conversation: { tenantId: HOME } }, HOME],
      ['in lower case, trimmed', { channelData: { tenant: { id: ` ${PARTNER.toUpperCase()} ` } } }, PARTNER],
      ['null for a blank tenant', { channelData: { tenant: { id: '  ' } } }, null],
      ['null for a tenant that is not text', { channelData: { tenant: { id: 42 } }, conversation: { tenantId: ['x'] } }, null],
      ['null for no activity at all', null, null],
      ['null for an array', [{ channelData: { tenant: { id: HOME } } }], null],
    ])('reads %s', (_case, activity, expected) => {
      expect(tenantOf(activity)).toBe(expected);
    });
  });

  describe('tenantGate, through the server', () => {
    let harness: BotHarness;
    let storage: MemoryStorage;
    const log: string[] = [];

    beforeAll(async () => {
      storage = new MemoryStorage();
      harness = await startBotHarness({ storage, allowedTenants: [HOME, PARTNER], log: (line) => log.push(line) });
    });
    afterAll(async () => harness.close());
    beforeEach(() => {
      log.length = 0;
    });

    it('answers a listed tenant, read from channelData or from the conversation alone', async () => {
      const where = harness.where('a:tenant-allowed');
      const home = await harness.post(teamsMessage('When was the last monitoring visit to Worcestershire?', where), true);
      expect(home.status).toBe(200);
      expect(answers(home.replies)[0]!.text).toContain('8 and 9 January 2019');
      const partner = fromTenant(teamsMessage('When was the last monitoring visit to Worcestershire?', where), PARTNER);
      const conversationOnly = { ...partner, channelData: {} };
      const res = await harness.post(conversationOnly, true);
      expect(res.status).toBe(200);
      expect(answers(res.replies)).toHaveLength(1);
    });

    it.each<[string, string | null, RegExp]>([
      ['another tenant', STRANGER, new RegExp(`^POST /api/messages: 403 tenant "${STRANGER}" is not allowed \\("message" activity\\)$`)],
      ['no tenant', null, /^POST \/api\/messages: 403 tenant \(none\) is not allowed \("message" activity\)$/],
    ])('refuses a message from %s with 403, before any turn or state read, logging one line without its text', async (_case, tenant, line) => {
      const read = jest.spyOn(storage, 'read');
      const where = harness.where('a:tenant-refused');
      const res = await harness.post(fromTenant(teamsMessage('What did the confidential review of Worcestershire find?', where), tenant));
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ code: 'Forbidden', message: expect.stringMatching(tenant ? /does not serve tenant.*ALLOWED_TENANTS/ : /names no tenant/) });
      expect(harness.connector.sent.filter((s) => s.path.includes('a:tenant-refused'))).toEqual([]);
      expect(read).not.toHaveBeenCalled();
      expect(log).toEqual([expect.stringMatching(line)]);
      expect(log.join('\n')).not.toContain('confidential');
      read.mockRestore();
    });

    it.each<[string, Partial<Activity>]>([
      ['a typeahead search', teamsTypeahead('worc', 'authorities')],
      ['a message-extension search', teamsSearch('worcestershire')],
    ])('refuses %s from another tenant with 403 too', async (_case, activity) => {
      const res = await harness.post(fromTenant(activity, STRANGER));
      expect(res.status).toBe(403);
      expect(log).toEqual([expect.stringContaining(`("invoke" activity)`)]);
    });

    it('keeps a refused tenant\'s id short and on one line in the log', async () => {
      const res = await harness.post(fromTenant(teamsMessage('hello'), `evil\n2026-01-01 forged line ${'x'.repeat(400)}`));
      expect(res.status).toBe(403);
      expect(log).toHaveLength(1);
      expect(log[0]).not.toContain('\n');
      expect(log[0]!.length).toBeLessThan(200);
    });
  });

  describe('without ALLOWED_TENANTS', () => {
    it('answers every tenant, and activities with none', async () => {
      const harness = await startBotHarness();
      try {
        for (const tenant of [STRANGER, null]) {
          const res = await harness.post(fromTenant(teamsMessage('When was the last monitoring visit to Worcestershire?', harness.where('a:open')), tenant), true);
          expect(res.status).toBe(200);
          expect(answers(res.replies)[0]!.text).toContain('8 and 9 January 2019');
        }
      } finally {
        await harness.close();
      }
    });
  });
});
