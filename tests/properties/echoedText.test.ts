/**
 * Text a user typed, or a document holds, comes back in replies, cards and message extension results as text: never
 * as a markdown link or image to an address the bot did not make, never as HTML. Questions, searches and lookups
 * of hostile text are asked of the seed reports and of a report of our own writing whose title, text, publisher and
 * address are hostile too.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import fc from 'fast-check';
import { resultDetail } from '../../src/answer/searchInspections';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import { INITIAL_RUN_PARAMETER, QUERY_PARAMETER, SEARCH_COMMAND_ID } from '../../src/bot/messageExtension';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { cardText, markdownLink } from '../../src/teams/answerCard';
import { escapeMarkdown, markdownText, withSourcesWrittenOut } from '../../src/teams/answerMessage';
import { LOOKUP_CARD, LOOKUP_VERB } from '../../src/teams/lookupCard';
import { notificationMessage } from '../../src/teams/notificationCard';
import { openFresh, SEED_DIR } from '../helpers';
import { PROPERTY_OPTIONS } from './runs';

/** Markdown and HTML a user might type to make a reply carry a link, an image or a script. */
const HOSTILE = [
  '[click](javascript:alert(1))', '![x](javascript:alert(1))', '[1](javascript:alert(1))', '[1]: javascript:alert(1)',
  '[a][1]', '[a]\n\n[a]: javascript:alert(1)', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  '<javascript:alert(1)>', '<https://evil.example/>', '\\[a](javascript:alert(1))', '\\\\[a](javascript:alert(1))',
  '[a](https://evil.example/)', '[a](<javascript:alert(1)>)', ']( javascript:alert(1) )', '`code`', '**bold**', '_it_',
  '[2]', '[', ']', '(', ')', '\\', '<', '>', '&lt;b&gt;', '#', '\n- [x](javascript:alert(1))', '\n   [1]: javascript:x',
];

/** The report of our own writing, about Leeds: hostile text in every field a reply or card shows. */
const HOSTILE_REPORT = `LEEDS [click](javascript:alert(1)) <script>alert(1)</script>

Monitoring visit to Leeds children's services ![i](javascript:alert(2))

1. Ofsted carried out a monitoring visit of Leeds children's services on 4 and 5 March 2020 [x](javascript:alert(3)). The visit was led by Her Majesty's Inspector Jane Doe <b>x</b>.

2. At the last inspection in 2019, overall effectiveness was judged requires improvement to be good [1]: javascript:alert(4) <img src=x onerror=alert(5)>.

3. Inspectors looked at [care leavers](javascript:alert(6)) and children in care \\[a](javascript:alert(7)).
`;

/** Its address: http, but with brackets and markdown in it. */
const HOSTILE_URL = 'https://example.org/reports/leeds_(2020)?q=[a](javascript:alert(8))';

/** The seed reports with the hostile one beside them. */
function hostileCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-corpus-'));
  for (const f of readdirSync(SEED_DIR).filter((n) => n.endsWith('.txt'))) copyFileSync(join(SEED_DIR, f), join(dir, f));
  writeFileSync(join(dir, 'leeds_letter.txt'), HOSTILE_REPORT);
  const catalog = JSON.parse(readFileSync(join(SEED_DIR, 'catalog.json'), 'utf8')) as object[];
  catalog.push({
    file: 'leeds_letter.txt', title: 'Leeds [monitoring](javascript:alert(9)) visit <i>letter</i>', authority: 'Leeds',
    publisher: 'Ofsted <b>**x**</b>', kind: 'committee report', date: '2020-04-01', url: HOSTILE_URL,
  });
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog, null, 2));
  return dir;
}

/** Words questions are made of, to reach the answers that quote a question back. */
const WORDS = [
  'when', 'was', 'the', 'last', 'who', 'led', 'what', 'judged', 'monitoring visit', 'inspection', 'Worcestershire', 'Leeds',
  'Oxfordshire', 'LBBD', 'Narnia', 'Worcestershre', 'in 2019', 'since 2020', 'care leavers', 'improve', 'lookup', 'use', 'it', '?',
];

const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(...WORDS)), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
  fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '<', '>', '!', '\\', ':', '*', '_', '`', ' ', '\n', 'a', '1', 'javascript:'), maxLength: 40 }),
);

const question: fc.Arbitrary<string> = fc.oneof(
  hostileText,
  fc.tuple(fc.constantFrom(
    'What was %s’s last Ofsted judgement?', 'when was %s last inspected', 'who led the %s inspection?', 'use %s', 'lookup %s',
    'what did Ofsted say %s must improve', 'Worcestershire %s', 'what’s new for %s', '%s', 'subscribe %s',
  ), hostileText).map(([form, text]) => form.replace('%s', text)),
);

/** True when the character at `i` is escaped by an odd run of backslashes before it. */
function escaped(text: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) n += 1;
  return n % 2 === 1;
}

/**
 * What in markdown `text` is not plain text: an unescaped `<` (HTML or an autolink), a link definition, or a link
 * or image whose address is not one the bot makes (`allowed`).
 */
function markupProblems(text: string, allowed: (url: string) => boolean): string[] {
  const problems: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' && !escaped(text, i)) problems.push(`raw "<" at ${i}`);
    if (c === ']' && !escaped(text, i)) {
      if (text[i + 1] === ':') problems.push(`a link definition at ${i}`);
      if (text[i + 1] === '(') {
        const target = /^\s*<?([^\s)>]*)/.exec(text.slice(i + 2))![1]!;
        if (!allowed(target)) problems.push(`a link to ${JSON.stringify(target)} at ${i}`);
      }
    }
  }
  return problems.map((p) => `${p} in ${JSON.stringify(text.slice(0, 300))}`);
}

let index: CorpusIndex;
let urls: string[];
beforeAll(async () => {
  index = await openFresh(hostileCorpus());
  urls = index.corpus.documents.map((d) => d.url).filter((u): u is string => u !== null);
});

/** A link the bot made: http(s), to a document's own address (percent-encoded as the bot writes it). */
const allowed = (target: string): boolean => /^https?:\/\//.test(target) && urls.some((u) => {
  try {
    return decodeURIComponent(target).startsWith(u);
  } catch {
    return false;
  }
});

/** Every problem in what the bot sent, each with where it stands: each message's markdown, card text, preview, link. */
function problemsIn(value: unknown, messages: (o: Record<string, unknown>) => boolean = () => true): string[] {
  const problems: string[] = [];
  const visit = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${path}[${i}]`));
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    const at = (found: string[]): string[] => found.map((p) => `${path}: ${p}`);
    if (o.type === 'message' && typeof o.text === 'string' && messages(o)) problems.push(...at(markupProblems(o.text, allowed)));
    if (o.type === 'TextBlock' && typeof o.text === 'string') problems.push(...at(markupProblems(o.text, allowed)));
    if (o.type === 'Action.OpenUrl' && !(typeof o.url === 'string' && allowed(o.url))) problems.push(`${path}: a button to ${JSON.stringify(o.url)}`);
    if (o.contentType === 'application/vnd.microsoft.card.thumbnail') {
      const content = o.content as { title?: string; text?: string };
      problems.push(...at(markupProblems(content.title ?? '', allowed)), ...at(markupProblems(content.text ?? '', allowed)));
    }
    for (const [k, x] of Object.entries(o)) visit(x, `${path}.${k}`);
  };
  visit(value, '');
  return problems;
}

function harness(): (activity: Partial<Activity>) => Promise<Partial<Activity>[]> {
  const bot = new InspectionBot({
    index, conversationState: new ConversationState(new MemoryStorage()),
    feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'echo-')), 'fb.jsonl')), defaultAuthority: null, log: () => undefined,
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  return async (activity) => {
    await adapter.processActivity({ channelData: { tenant: { id: '00000000-0000-4000-8000-00000000000a' } }, ...activity });
    return adapter.activeQueue.splice(0);
  };
}

/**
 * An answer's message (answerMessage asks for votes on each), as against the replies to commands ("use …",
 * "subscribe …"), which the bot writes itself.
 */
const isAnswer = (a: Partial<Activity> | Record<string, unknown>): boolean => a.type === ActivityTypes.Message
  && (a.channelData as { feedbackLoop?: unknown } | undefined)?.feedbackLoop !== undefined;

const message = (text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text });
const invoke = (name: string, value: unknown): Partial<Activity> => ({ type: ActivityTypes.Invoke, name, value });

describe('properties: text that comes back to the user', () => {
  it('replies to any question, and a follow-up, with no link, image or HTML of a user’s or a document’s making', async () => {
    await fc.assert(fc.asyncProperty(question, question, async (first, second) => {
      const turn = harness();
      const sent = [...await turn(message(first)), ...await turn(message(second))];
      expect(problemsIn(sent, isAnswer)).toEqual([]);
      // The form a reply takes when a connector refuses its entity or card.
      for (const a of sent) if (isAnswer(a)) expect(problemsIn(withSourcesWrittenOut(a))).toEqual([]);
    }), PROPERTY_OPTIONS);
  });

  it('answers searches, picks, pasted links, lookups and typeahead of hostile text the same way', async () => {
    await fc.assert(fc.asyncProperty(hostileText, fc.constantFrom('Leeds', 'Worcestershire', 'worcs', ''), async (text, authority) => {
      const turn = harness();
      const searched = await turn(invoke('composeExtension/query', { commandId: SEARCH_COMMAND_ID, parameters: [{ name: QUERY_PARAMETER, value: `${authority} ${text}` }] }));
      const sent = [...searched];
      const picks = sent.flatMap((a) => ((a.value as { body?: { composeExtension?: { attachments?: { preview?: { content?: { tap?: { value?: unknown } } } }[] } } })?.body?.composeExtension?.attachments ?? []))
        .map((att) => att.preview?.content?.tap?.value).filter(Boolean).slice(0, 3);
      for (const pick of picks) sent.push(...await turn(invoke('composeExtension/selectItem', pick)));
      sent.push(...await turn(invoke('composeExtension/query', { commandId: SEARCH_COMMAND_ID, parameters: [{ name: INITIAL_RUN_PARAMETER, value: true }] })));
      sent.push(...await turn(invoke('composeExtension/queryLink', { url: HOSTILE_URL })));
      sent.push(...await turn(invoke('composeExtension/queryLink', { url: text })));
      const data = { card: LOOKUP_CARD, authority: authority || text, kind: 'any', fromYear: '', toYear: '', words: text };
      sent.push(...await turn(invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: LOOKUP_VERB, data } })));
      sent.push(...await turn(message('')), ...await turn({ type: ActivityTypes.Message, value: { ...data, verb: LOOKUP_VERB } }));
      sent.push(...await turn(invoke('application/search', { queryText: text, dataset: 'authorities' })));
      expect(problemsIn(sent, isAnswer)).toEqual([]);
    }), PROPERTY_OPTIONS);
  });

  it('sends a notification of a hostile report with no link, image or HTML of its making', () => {
    const events = index.timeline.events.filter((e) => e.authority === 'Leeds');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const detail = resultDetail(index, { type: 'event', id: e.id })!;
      for (const authority of ['Leeds', ...HOSTILE]) expect(problemsIn(notificationMessage(detail, authority))).toEqual([]);
    }
  });

  it('leaves the bot’s own markers and links as they are, and hostile text inert, in each escape', () => {
    expect(escapeMarkdown('Judged good [1][2]. [click](javascript:alert(1)) [3](javascript:x) [4]: javascript:y')).toBe(
      'Judged good [1][2]. \\[click\\](javascript:alert(1)) [3]\\(javascript:x) [4]\\: javascript:y',
    );
    expect(markdownText('[1] <b>')).toBe('\\[1\\] &lt;b&gt;');
    expect(cardText('001_2d1b.txt _it_ [a](b) <b>')).toBe('001_2d1b.txt \\_it\\_ \\[a\\](b) \\<b\\>');
    expect(markdownLink('Open the document', HOSTILE_URL)).toBe('[Open the document](https://example.org/reports/leeds_%282020%29?q=[a]%28javascript:alert%288%29%29)');
    expect(markdownLink('Open the document', 'javascript:alert(1)')).toBe('Open the document');
  });
});
