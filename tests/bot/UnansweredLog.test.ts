import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import type { Answer } from '../../src/answer/types';
import { AnswerCache } from '../../src/bot/AnswerCache';
import { BlobUnansweredLog, openUnansweredLog, unansweredBlobName } from '../../src/bot/BlobUnansweredLog';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { type CachedReply, InspectionBot } from '../../src/bot/InspectionBot';
import { type UnansweredEntry, UnansweredLog, type UnansweredSink, unansweredStatus } from '../../src/bot/UnansweredLog';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { type Azurite, startAzurite } from '../server/azurite';
import { openFresh, SEED_DIR } from '../helpers';

let index: CorpusIndex;
beforeAll(async () => {
  index = await openFresh(SEED_DIR);
});

/** A sink that keeps what it is given. */
class Kept implements UnansweredSink {
  readonly entries: UnansweredEntry[] = [];
  record(entry: UnansweredEntry): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }
}

// Who asks: values that must never reach the log.
const USER = { id: '29:1a2b3c-user-id', name: 'Priya Sharma', aadObjectId: '6f1c2d3e-aaaa-bbbb-cccc-0123456789ab' };
const TENANT = '5e7c1b7a-1111-2222-3333-444455556666';
const CHANNEL_CONVERSATION = '19:scrutiny-panel@thread.tacv2;messageid=17';

function harness(cache: AnswerCache<CachedReply> | null = null): { kept: Kept; ask: (text: string, where?: 'personal' | 'groupChat' | 'channel') => Promise<void> } {
  const kept = new Kept();
  const bot = new InspectionBot({
    index, conversationState: new ConversationState(new MemoryStorage()), defaultAuthority: null, log: () => undefined, answerCache: cache,
    feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'unanswered-')), 'feedback.jsonl')), unanswered: kept,
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  const ask = async (text: string, where: 'personal' | 'groupChat' | 'channel' = 'personal'): Promise<void> => {
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message, text, from: { ...USER, role: 'user' },
      conversation: { id: where === 'channel' ? CHANNEL_CONVERSATION : `a:${where}-chat`, isGroup: where !== 'personal', conversationType: where, tenantId: TENANT, name: '' },
      channelData: { tenant: { id: TENANT.toUpperCase() } },
    };
    await adapter.processActivity(activity);
    adapter.activeQueue.splice(0);
  };
  return { kept, ask };
}

const answer = (over: Partial<Answer>): Answer => ({ status: 'answered', answer: 'x', authority: null, facts: [], citations: [], ...over });
const fact = (label: string, eventId: string | null) => ({ label, value: 'v', date: null, eventId, kind: null, judgement: null, citations: [1] });

describe('bot/UnansweredLog', () => {
  describe('unansweredStatus', () => {
    it.each<[string, Answer, number | null, string | null]>([
      ['nothing on record', answer({ status: 'not_found' }), 3, 'not_found'],
      ['a question that asks which authority', answer({ status: 'ambiguous', choices: ['Oxfordshire', 'Worcestershire'] }), null, 'ambiguous'],
      ['an answer that only quotes passages', answer({ facts: [fact('source', null), fact('source', null)] }), 3, 'passage'],
      ['an answer about an authority of which no document is held', answer({ facts: [fact('judgement', 'cornwall-2024')] }), 0, 'no_documents'],
      ['an answer from the timeline', answer({ facts: [fact('judgement', 'worcs-2023'), fact('source', null)] }), 3, null],
      ['a national answer, about no one authority', answer({ facts: [fact('authority', 'e1')] }), null, null],
    ])('reads %s', (_, a, documents, status) => {
      expect(unansweredStatus(a, documents)).toBe(status);
    });
  });

  describe('InspectionBot with an unanswered log', () => {
    it('records a question not on record with its time, authority, status, kind asked, conversation type and tenant', async () => {
      const { kept, ask } = harness();
      const before = Date.now();
      await ask('What colour is the sky in Worcestershire?', 'channel');
      expect(kept.entries).toEqual([{
        time: expect.any(String),
        question: 'What colour is the sky in Worcestershire?',
        authority: 'Worcestershire',
        status: 'not_found',
        asked: 'other',
        documents: index.documentsOf('Worcestershire').length,
        conversationType: 'channel',
        tenant: TENANT,
      }]);
      expect(Date.parse(kept.entries[0]!.time)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('records “which authority?”, a passage answer and an authority with no documents, each as such', async () => {
      const { kept, ask } = harness();
      await ask('When was the last inspection?', 'groupChat');
      await ask('How much extra funding did Worcestershire get?');
      await ask('When was the last monitoring visit to Cornwall?');
      expect(kept.entries.map((e) => [e.status, e.authority, e.asked, e.documents, e.conversationType])).toEqual([
        ['ambiguous', null, 'when · inspection', null, 'groupChat'],
        ['passage', 'Worcestershire', 'other', index.documentsOf('Worcestershire').length, 'personal'],
        ['not_found', 'Cornwall', 'when · monitoring visit', 0, 'personal'],
      ]);
    });

    it('records nothing for a question answered from the timeline, nor for help', async () => {
      const { kept, ask } = harness();
      await ask('When was the last monitoring visit to Worcestershire?');
      await ask('help');
      expect(kept.entries).toEqual([]);
    });

    it('records a question asked again even when its reply comes from the answer cache', async () => {
      const { kept, ask } = harness(new AnswerCache(10));
      await ask('What colour is the sky in Worcestershire?');
      await ask('What colour is the sky in Worcestershire?');
      expect(kept.entries.map((e) => e.status)).toEqual(['not_found', 'not_found']);
    });

    it('never records the user’s id, name or Entra object id, nor the conversation’s id', async () => {
      const { kept, ask } = harness();
      await ask('What colour is the sky in Worcestershire?', 'channel');
      await ask('When was the last inspection?');
      const written = JSON.stringify(kept.entries);
      expect(kept.entries).toHaveLength(2);
      for (const secret of [USER.id, USER.name, USER.aadObjectId, CHANNEL_CONVERSATION, 'a:personal-chat']) expect(written).not.toContain(secret);
      for (const e of kept.entries) expect(Object.keys(e).sort()).toEqual(['asked', 'authority', 'conversationType', 'documents', 'question', 'status', 'tenant', 'time']);
    });

    it('answers as usual when the log cannot be written, and says so in the log', async () => {
      const lines: string[] = [];
      const bot = new InspectionBot({
        index, conversationState: new ConversationState(new MemoryStorage()), defaultAuthority: null, log: (l) => lines.push(l),
        feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'unanswered-')), 'feedback.jsonl')),
        unanswered: { record: () => Promise.reject(new Error('disk full')) },
      });
      const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
      await adapter.processActivity({ type: ActivityTypes.Message, text: 'What colour is the sky in Worcestershire?' });
      expect(adapter.activeQueue.map((a) => a.text).join('\n')).toContain('do not say that');
      await new Promise((r) => setImmediate(r));
      expect(lines).toContain('unanswered log: cannot record a question: disk full');
    });
  });

  describe('UnansweredLog', () => {
    it('appends entries from concurrent turns as whole JSON lines, in order, making the folder', async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'unanswered-')), 'feedback', 'unanswered.jsonl');
      const log = new UnansweredLog(path);
      const entries = Array.from({ length: 25 }, (_v, i): UnansweredEntry => ({
        time: `2026-03-05T10:00:${String(i).padStart(2, '0')}.000Z`, question: `Question ${i} about “Kent”?`, authority: 'Kent', status: 'not_found',
        asked: 'when', documents: 0, conversationType: 'personal', tenant: TENANT,
      }));
      await Promise.all(entries.map((e) => log.record(e)));
      expect(readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as UnansweredEntry)).toEqual(entries);
    });

    it('is the file beside the votes with STATE_STORAGE=memory', () => {
      const opened = openUnansweredLog({ stateStorage: 'memory', storageConnectionString: null, stateContainer: 'bot-state', unansweredFile: '/var/log/bot/unanswered.jsonl' });
      expect(opened.sink).toBeInstanceOf(UnansweredLog);
      expect(opened.description).toBe('unanswered questions in /var/log/bot/unanswered.jsonl');
    });
  });

  describe('BlobUnansweredLog', () => {
    let azurite: Azurite;
    beforeAll(async () => {
      azurite = await startAzurite();
    });
    afterAll(() => azurite?.stop());

    it('appends to one append blob a day, from two instances at once', async () => {
      const container = new ContainerClient(azurite.connectionString, 'gaps');
      await container.create();
      const settings = { stateStorage: 'blob' as const, storageConnectionString: azurite.connectionString, stateContainer: 'gaps', unansweredFile: '/unused' };
      const [a, b] = [openUnansweredLog(settings), openUnansweredLog(settings)];
      expect(a.sink).toBeInstanceOf(BlobUnansweredLog);
      expect(a.description).not.toContain('AccountKey');
      const entries = Array.from({ length: 10 }, (_v, i): UnansweredEntry => ({
        time: `2026-03-05T23:59:0${i}.000Z`, question: `Who chairs the board in Slough? (${i})`, authority: 'Slough', status: 'not_found',
        asked: 'other', documents: 0, conversationType: 'channel', tenant: null,
      }));
      await Promise.all(entries.map((e, i) => (i % 2 ? a : b).sink.record(e)));
      await a.sink.record({ ...entries[0]!, time: '2026-03-06T00:00:00.000Z' });
      const lines = async (day: string): Promise<UnansweredEntry[]> => (await container.getBlobClient(unansweredBlobName(day)).downloadToBuffer())
        .toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as UnansweredEntry);
      expect((await lines('2026-03-05')).sort((x, y) => x.time.localeCompare(y.time))).toEqual(entries);
      expect(await lines('2026-03-06')).toHaveLength(1);
      expect((await container.getBlobClient('unanswered/2026-03-05.jsonl').getProperties()).blobType).toBe('AppendBlob');
    });
  });
});
