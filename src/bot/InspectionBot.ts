import {
  type Activity, ActivityTypes, type AppBasedLinkQuery, type ConversationState, type InvokeResponse, type MessagingExtensionQuery,
  type MessagingExtensionResponse, TeamsActivityHandler, TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import { answerTurn, type TurnResult } from '../answer/answerQuestion';
import type { PreviousTurn } from '../answer/followUp';
import { andList } from '../answer/words';
import { readableDate } from '../teams/citationEntity';
import type { CorpusIndex } from '../search/CorpusIndex';
import { currentIndex, type IndexSource } from '../search/IndexHolder';
import { answerMessage, escapeMarkdown, markdownText } from '../teams/answerMessage';
import { helpMessage, sourceCounts, welcomeMessage } from '../teams/helpMessage';
import type { AnswerCache } from './AnswerCache';
import type { FeedbackSink } from './FeedbackLog';
import { LookupInvokes } from './lookupInvokes';
import { type MemoryChange, MemoryStore } from './memoryStore';
import { charCount, linkQueryResponse, MAX_QUERY_LENGTH, searchQueryResponse, selectItemResponse } from './messageExtension';
import type { RateLimiter } from './RateLimiter';
import { readCommand } from './readCommand';
import { SendPace, sendReply } from './sendReply';
import { isSubscriptionCommand, subscriptionReply } from './subscriptionCommands';
import type { SubscriptionStore } from './subscriptions';
import { tenantOf } from './tenantOf';
import { unansweredEntry, type UnansweredSink } from './UnansweredLog';

/** How many replies a conversation remembers for the votes that may come on them. */
export const REMEMBERED_REPLIES = 20;

/**
 * How much of a reply's answer a conversation remembers for a vote's record, in characters: long answers (lists of
 * authorities) would make each remembered reply several times larger.
 */
export const REMEMBERED_ANSWER_CHARS = 500;

/** How many activity ids a conversation remembers, so that an activity Teams delivers again is answered once. */
export const REMEMBERED_ACTIVITY_IDS = 20;

/** The longest comment kept with a vote, in characters; a longer one is cut, and a longer raw value not parsed. */
export const MAX_FEEDBACK_COMMENT_CHARS = 1_000;

/**
 * The longest a vote's turn waits for the vote to be stored, in ms; past it the turn ends and the write goes on (a
 * failure then is logged).
 */
export const FEEDBACK_RECORD_WAIT_MS = 2_000;

/** What the bot says, once, when it cannot read a conversation's memory. */
export const MEMORY_UNAVAILABLE_NOTICE = 'I can\'t remember this conversation just now, so I am answering each message on its own: name the authority in your question.';

/** The longest question read when no other limit is given, in characters. */
export const MAX_QUESTION_CHARS = MAX_QUERY_LENGTH;

/**
 * What an activity takes from its user's rate-limit bucket: a message or an invoke one question; a search typed
 * into a box a quarter, as Teams sends one as the user types; anything else (a member added, a reaction) nothing.
 */
export function rateCost(type: string | undefined, name: string | undefined): number {
  if (type === ActivityTypes.Message) return 1;
  if (type !== ActivityTypes.Invoke) return 0;
  return name === 'application/search' || name === 'composeExtension/query' ? 0.25 : 1;
}

/**
 * What a conversation remembers between turns. Plain JSON: it lives in the bot's Storage, shared by every instance of
 * the bot, and is changed only through MemoryChange functions so that a turn's changes can be applied again.
 */
export interface ConversationMemory {
  /** The authority to use when a question names none: set with "use …", or the last one asked about. */
  authority: string | null;
  /** The last question answered, for follow-ups. */
  previous: PreviousTurn | null;
  /**
   * The latest replies, newest last, so a vote can be recorded with its question and answer: the reply's id, whose
   * question and answer are kept beside the memory (see replyName), or, as stored before, the whole reply.
   */
  replies: (string | RememberedReply)[];
  /** The ids of the latest activities answered, newest last (absent in memories stored before). */
  answered?: string[];
}

/** A reply as remembered for the votes that may come on it. */
export interface RememberedReply {
  id: string;
  question: string;
  answer: string;
}

/** The name a reply is kept under beside the conversation's memory. */
export function replyName(id: string): string {
  return `replies/${encodeURIComponent(id)}`;
}

export interface InspectionBotOptions {
  /** The index to answer from: fixed, or a holder whose index is swapped when the corpus is reloaded. */
  index: IndexSource;
  /** The conversation state whose Storage holds each conversation's memory. */
  conversationState: ConversationState;
  feedback: FeedbackSink;
  /** Where questions answered "not on record", "which authority?" or only by a quoted passage are recorded; absent for nowhere. */
  unanswered?: UnansweredSink | null;
  /** The authority to assume before a conversation has one. */
  defaultAuthority: string | null;
  log: (line: string) => void;
  /** Limits how often each user may ask; null or absent for no limit. */
  rateLimiter?: RateLimiter | null;
  /** The longest question read, in characters (default MAX_QUESTION_CHARS); also the message extension's search. */
  maxQuestionChars?: number;
  /** Replies already worked out, to answer a question asked again in the same circumstances; null or absent for none. */
  answerCache?: AnswerCache<CachedReply> | null;
  /** Where subscriptions to new events are kept; null or absent for a bot that takes none. */
  subscriptions?: SubscriptionStore | null;
  /** Keeps each conversation's sends under Teams' pace (default: a pace of its own). */
  sendPace?: SendPace;
  /** How the bot waits before sending again (default: a timer); tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** A question's answer and the message that says it, as the answer cache keeps them. */
export interface CachedReply {
  result: TurnResult;
  message: Partial<Activity>;
}

/** The message extension's invokes, which botbuilder routes to the handlers below. */
const MESSAGE_EXTENSION_INVOKES: ReadonlySet<string> = new Set(['composeExtension/query', 'composeExtension/selectItem', 'composeExtension/queryLink']);

/** The `message/submitAction` invoke Teams sends for a 👍/👎 on a reply. */
const feedbackInvoke = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z.enum(['like', 'dislike']),
    feedback: z.string().optional(),
  }),
});

/** Where a turn keeps the index it was started with. */
const TURN_INDEX = Symbol('index');

const feedbackText = z.object({ feedbackText: z.string().optional() });

/** Answers questions about inspections in Teams chats and channels, with cited sources and follow-ups. */
export class InspectionBot extends TeamsActivityHandler {
  private readonly memory: MemoryStore<ConversationMemory>;
  private readonly lookup: LookupInvokes;
  private readonly pace: SendPace;
  /** The activities this instance is answering now, by conversation and id, so that one delivered again meanwhile waits its turn out. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly options: InspectionBotOptions) {
    super();
    this.memory = new MemoryStore<ConversationMemory>({
      conversationState: options.conversationState,
      property: 'memory',
      initial: () => ({ authority: null, previous: null, replies: [] }),
      log: options.log,
    });
    this.lookup = new LookupInvokes(options.index, options.log);
    this.pace = options.sendPace ?? new SendPace();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      if (added.some((m) => m.id === context.activity.recipient.id)) {
        await this.rememberConversation(context);
        await this.send(context, welcomeMessage());
      }
      await next();
    });
  }

  /**
   * Runs a turn, then saves what the conversation remembers (re-applying its changes if another turn saved first);
   * over the user's rate limit, says when to try again.
   */
  override async run(context: TurnContext): Promise<void> {
    if (await this.refusedByRateLimit(context)) return;
    // One index for the whole turn, even if a reload swaps in a new one while it awaits.
    context.turnState.set(TURN_INDEX, currentIndex(this.options.index));
    const id = answeredOnce(context.activity) ? context.activity.id : undefined;
    const turnKey = id ? `${context.activity.conversation?.id ?? ''}\u0000${id}` : undefined;
    // Claimed before the first await, so that the same activity arriving meanwhile on this instance sees it.
    const repeated = turnKey !== undefined && this.inFlight.has(turnKey);
    if (turnKey && !repeated) this.inFlight.add(turnKey);
    try {
      if (repeated || (id && (await this.answeredBefore(context, id)))) {
        this.options.log(`${context.activity.type} ${id!.slice(0, 80)}: delivered again; answered already, so not again`);
        if (context.activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
        return;
      }
      await super.run(context);
    } finally {
      if (turnKey && !repeated) this.inFlight.delete(turnKey);
    }
    await this.memory.save(context);
  }

  /**
   * Whether activity `id` was answered (or is being answered) before, on any instance: the conversation's stored
   * memory holds its id, written there before the turn's work (see MemoryStore.claim).
   */
  private async answeredBefore(context: TurnContext, id: string): Promise<boolean> {
    const outcome = await this.memory.claim(context, (m) => m.answered?.includes(id) ?? false, (m) => {
      const answered = (m.answered ?? []).filter((a) => a !== id);
      answered.push(id);
      m.answered = answered.slice(-REMEMBERED_ACTIVITY_IDS);
    });
    return outcome === 'taken';
  }

  /** True when the user is over the rate limit; then a message was told when to try again, and an invoke got a 429. */
  private async refusedByRateLimit(context: TurnContext): Promise<boolean> {
    const { rateLimiter } = this.options;
    const a = context.activity;
    const cost = rateCost(a.type, a.name);
    if (!rateLimiter || cost === 0) return false;
    // The user across conversations: their Entra object id, else their channel id, within their tenant.
    const user = a.from?.aadObjectId || a.from?.id || a.conversation?.id || '(unknown)';
    const decision = rateLimiter.take(`${tenantOf(a) ?? ''}|${user}`, cost);
    if (decision.allowed) return false;
    const wait = waitText(decision.retryAfterMs);
    this.options.log(`rate limit: ${a.type}${a.name ? ` ${a.name}` : ''} ${a.id ?? '(no id)'} refused; the user may ask again in ${wait}`);
    if (a.type === ActivityTypes.Invoke) {
      const body = { statusCode: 429, type: 'application/vnd.microsoft.error', value: { code: 'TooManyRequests', message: `Too many requests: try again in ${wait}.` } };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 429, body } });
    } else {
      await this.send(context, { type: 'message', text: `You are asking faster than I can answer. Please wait ${wait} and ask again.` });
    }
    return true;
  }

  /**
   * Teams' feedback votes arrive as `message/submitAction`, which botbuilder does not route. The lookup card's
   * typeahead (`application/search`) and Action.Execute (`adaptiveCard/action`) are answered here too, on every
   * channel: botbuilder's own handling refuses a search without `kind` outside Teams, and an empty search text.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'application/search') return this.lookup.search(context.activity.value, context.activity.id);
    if (context.activity.name === 'adaptiveCard/action') return this.lookup.action(context.activity.value, context.activity.id);
    if (context.activity.name === 'message/submitAction') {
      const vote = feedbackInvoke.safeParse(context.activity.value);
      if (!vote.success) {
        this.options.log(`feedback ${context.activity.id ?? ''}: not a feedback vote: ${vote.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        return { status: 400 };
      }
      await this.recordVote(context, vote.data.actionValue.reaction, vote.data.actionValue.feedback);
      return { status: 200 };
    }
    // botbuilder's handlers of the other invokes read the value unchecked (a null submitAction value throws), and
    // this app implements none of them: Teams sends only those of the features the app's manifest declares.
    const name = context.activity.name ?? '';
    if (!MESSAGE_EXTENSION_INVOKES.has(name)) {
      this.options.log(`invoke ${context.activity.id ?? '(no id)'}: ${JSON.stringify(name.slice(0, 80))} is not an invoke this bot answers`);
      const message = `This bot does not answer ${JSON.stringify(name.slice(0, 80))} invokes.`;
      return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } } };
    }
    return super.onInvokeActivity(context);
  }

  private async recordVote(context: TurnContext, reaction: 'like' | 'dislike', feedback: string | undefined): Promise<void> {
    const memory = await this.memory.recall(context);
    const replyId = context.activity.replyToId ?? null;
    const reply = replyId ? await this.rememberedReply(context, memory, replyId) : undefined;
    const recorded = this.options.feedback.record({
      time: new Date().toISOString(),
      reaction,
      comment: commentOf(feedback),
      replyId,
      conversationId: context.activity.conversation?.id ?? null,
      question: reply?.question ?? null,
      answer: reply?.answer ?? null,
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), FEEDBACK_RECORD_WAIT_MS);
    });
    const outcome = await Promise.race([recorded, late]).finally(() => clearTimeout(timer));
    if (outcome === 'late') {
      this.options.log(`feedback ${context.activity.id ?? ''}: the vote is still being written after ${FEEDBACK_RECORD_WAIT_MS} ms; answering now`);
      recorded.catch((e: unknown) => this.options.log(`feedback ${context.activity.id ?? ''}: could not record the vote: ${(e as Error).message}`));
    }
  }

  /** The reply `id` with its question and answer, if the conversation still remembers it. */
  private async rememberedReply(context: TurnContext, memory: ConversationMemory, id: string): Promise<RememberedReply | undefined> {
    const entry = memory.replies.find((r) => (typeof r === 'string' ? r : r.id) === id);
    if (typeof entry !== 'string') return entry;
    const kept = await this.memory.kept(context, replyName(id));
    return typeof kept?.question === 'string' && typeof kept.answer === 'string' ? { id, question: kept.question, answer: kept.answer } : undefined;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    if (LookupInvokes.isSubmit(context.activity.value)) {
      // A lookup card's submit from a client without universal actions.
      await this.send(context, this.lookup.submit(context.activity.value, context.activity.id));
      return;
    }
    const asked = questionText(context);
    const { text } = asked;
    const max = this.options.maxQuestionChars ?? MAX_QUESTION_CHARS;
    const length = charCount(text);
    if (length > max) {
      await this.send(context, { type: 'message', text: `That message is ${length} characters long, and I read questions of up to ${max} characters. Please ask a shorter question, for example “When was the last monitoring visit to Worcestershire?”` });
      return;
    }
    const memory = await this.memory.recall(context);
    if (this.memory.tellUnreadable(context)) await this.send(context, { type: 'message', text: MEMORY_UNAVAILABLE_NOTICE });
    if (!text) {
      await this.send(context, helpMessage(sourceCounts(this.indexOf(context))));
      return;
    }
    const command = readCommand(text);
    if (command?.type === 'help' || command?.type === 'greeting') {
      await this.send(context, helpMessage(sourceCounts(this.indexOf(context))));
      return;
    }
    if (command?.type === 'acknowledgement') {
      // "thanks", a bare 👍: a short reply, no search, and the conversation's memory as it was.
      await this.send(context, { type: 'message', text: command.reply });
      return;
    }
    if (command?.type === 'forget') {
      await this.memory.change(context, (m) => {
        m.authority = null;
        m.previous = null;
      });
      const kept = await this.memory.save(context);
      await this.send(context, { type: 'message', text: kept.saved
        ? 'Done: I have forgotten the authority and the last question. Name an authority in your next question, or say “use Worcestershire”.'
        : 'I could not change what this conversation remembers just now. Name the authority in each question meanwhile, and say “forget” again later.' });
      return;
    }
    if (command?.type === 'lookup') {
      // "lookup Worcs" fills in the authority; "look up the last inspection" is a question.
      const named = command.name ? this.indexOf(context).authorities.exact(command.name) : [];
      if (!command.name || named.length === 1) {
        await this.send(context, this.lookup.form(named[0] ?? memory.authority ?? this.options.defaultAuthority));
        return;
      }
    }
    if (isSubscriptionCommand(command) && this.options.subscriptions) {
      const reply = await subscriptionReply(this.options.subscriptions, this.indexOf(context), context.activity, command, this.options.log);
      if (reply !== null) {
        await this.send(context, { type: 'message', text: reply });
        return;
      }
      // Not an authority's name: read the message as a question after all.
    }
    if (command?.type === 'use') {
      const said = this.useAuthority(this.indexOf(context), command.name);
      if (said) {
        let reply = said.reply;
        if (said.change) {
          // Saved before saying so: the bot never confirms a setting it did not keep.
          await this.memory.change(context, said.change);
          if (!(await this.memory.save(context)).saved) {
            reply = `I could not keep that setting just now, so I will not remember it: name ${escapeMarkdown(said.authority ?? 'the authority')} in each question meanwhile, or say “use …” again later.`;
          }
        }
        await this.send(context, { type: 'message', text: reply });
        return;
      }
      // Not an authority's name: read the message as a question after all.
    }

    // No typing indicator: an answer takes milliseconds, and each indicator is one more call to the Bot Connector.
    const index = this.indexOf(context);
    const authorityAsked = memory.authority ?? this.options.defaultAuthority;
    const work = (): CachedReply => {
      const result = answerTurn(index, text, { authority: authorityAsked, previous: memory.previous });
      return { result, message: answerMessage(result.answer) };
    };
    // Everything the answer depends on besides the index: the words, the authority by default, the previous turn.
    const cache = this.options.answerCache;
    const { result, message } = cache ? cache.get(index, JSON.stringify([text, authorityAsked, memory.previous]), work) : work();
    const { answer } = result;
    const gap = this.options.unanswered ? unansweredEntry(context.activity, index, text, result) : null;
    if (gap) this.options.unanswered!.record(gap).catch((e: unknown) => this.options.log(`unanswered log: cannot record a question: ${(e as Error).message}`));
    const authority = answer.authority && index.authoritiesOnRecord().includes(answer.authority) ? answer.authority : null;
    await this.memory.change(context, (m) => {
      m.previous = result.turn;
      if (authority) m.authority = authority;
    });
    // botbuilder sends a copy of the message, so the one kept in the cache is sent as it was made. A question sent by
    // a card's button in a client that does not show it as the user's message is said at the top of the answer.
    const sent = await this.send(context, asked.fromCard ? { ...message, text: `You asked: “${markdownText(text)}”\n\n${message.text ?? ''}` } : message);
    if (sent?.id) {
      const id = sent.id;
      // The question and answer are kept beside the memory, written once; the memory, read on every turn, has the id.
      this.memory.keep(context, replyName(id), { question: text, answer: clip(answer.answer, REMEMBERED_ANSWER_CHARS) });
      await this.memory.change(context, (m) => {
        m.replies.push(id);
        const forgotten = m.replies.splice(0, Math.max(0, m.replies.length - REMEMBERED_REPLIES));
        return forgotten.filter((r) => typeof r === 'string').map(replyName);
      });
    }
  }

  /** Keeps the reference to post to a conversation the bot was added to, for subscriptions; a failure is logged. */
  private async rememberConversation(context: TurnContext): Promise<void> {
    try {
      await this.options.subscriptions?.remember(context.activity);
    } catch (e) {
      this.options.log(`conversation ${context.activity.conversation?.id ?? '(none)'}: could not keep its reference for notifications: ${(e as Error).message}`);
    }
  }

  /** Sends a reply so that it arrives: at Teams' pace, retried, and in a simpler form when the connector refuses it. */
  private send(context: TurnContext, message: Partial<Activity>): ReturnType<typeof sendReply> {
    return sendReply(context, message, { log: this.options.log, pace: this.pace, ...(this.options.sleep ? { sleep: this.options.sleep } : {}) });
  }

  /**
   * "use NAME": the reply, with the change that sets the conversation's authority when NAME is one; null when the name
   * is no authority at all.
   */
  private useAuthority(index: CorpusIndex, name: string): { reply: string; authority?: string; change?: MemoryChange<ConversationMemory> } | null {
    const resolved = index.authorities.resolve(name);
    const onRecord = index.authoritiesOnRecord();
    if (resolved.matches.length === 1) {
      const authority = resolved.matches[0]!;
      const change = (m: ConversationMemory): void => {
        m.authority = authority;
        m.previous = null;
      };
      if (!onRecord.includes(authority)) {
        return { change, authority, reply: `I will answer about ${authority} when a question names no authority, but none of my documents is about ${authority} yet. The documents on record cover ${andList(onRecord)}.` };
      }
      return { change, authority, reply: `OK: I will answer about ${authority} when a question names no authority. Ask, for example, “When was the last inspection?”` };
    }
    if (resolved.matches.length > 1) {
      const succession = index.authorities.succession(name);
      const what = succession
        ? `${succession.former} was replaced${succession.formed ? ` on ${readableDate(succession.formed)}` : ''} by ${andList(succession.successors)}.`
        : `“${markdownText(name)}” could be ${andList(resolved.matches)}.`;
      return { reply: `${what} Which one? Say, for example, “use ${resolved.matches[0]!}”.` };
    }
    if (resolved.suggestions.length) return { reply: `“${markdownText(name)}” is not an English children's services authority I know. Did you mean ${andList(resolved.suggestions).replace(/ and ([^,]+)$/, ' or $1')}?` };
    return null;
  }

  /** The index this turn answers from. */
  private indexOf(context: TurnContext): CorpusIndex {
    return (context.turnState.get(TURN_INDEX) as CorpusIndex | undefined) ?? currentIndex(this.options.index);
  }

  /** A search typed in the message extension's box: matching facts as cards, or a message saying what to try. */
  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const log = (line: string): void => this.options.log(`composeExtension/query ${context.activity.id ?? ''}: ${line}`);
    return searchQueryResponse(this.indexOf(context), query, log, this.options.maxQuestionChars ?? MAX_QUESTION_CHARS);
  }

  /** A result picked from the message extension's list: its full card. */
  protected override async handleTeamsMessagingExtensionSelectItem(context: TurnContext, query: unknown): Promise<MessagingExtensionResponse> {
    return selectItemResponse(this.indexOf(context), query, (line) => this.options.log(`composeExtension/selectItem ${context.activity.id ?? ''}: ${line}`));
  }

  /** A pasted link to a report: its card when the corpus holds the report, else none. */
  protected override async handleTeamsAppBasedLinkQuery(context: TurnContext, query: AppBasedLinkQuery): Promise<MessagingExtensionResponse> {
    return linkQueryResponse(this.indexOf(context), query, (line) => this.options.log(`composeExtension/queryLink ${context.activity.id ?? ''}: ${line}`));
  }
}

/**
 * The message's question: without the bot's @mention and markup; or, when it has no text, the question a card's
 * button sent as data (`question`, or Teams' imBack and messageBack), which some clients do not show as the user's.
 */
function questionText(context: TurnContext): { text: string; fromCard: boolean } {
  const activity = context.activity;
  let text = typeof activity.text === 'string' ? withoutRecipientMention(activity) : '';
  let fromCard = false;
  if (!text.trim()) {
    const submitted = submittedQuestion(activity.value);
    if (submitted) {
      text = submitted;
      fromCard = true;
    }
  }
  const clean = withoutTags(text.replace(/<at>[^<]*<\/at>/gi, ' '))
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return { text: clean, fromCard: fromCard && clean !== '' };
}

const cardData = z.object({
  question: z.string().optional(),
  msteams: z.object({ type: z.string().optional(), value: z.unknown().optional(), text: z.string().optional() }).optional(),
});

/** The question in a card's submitted data: its `question`, an imBack's value or a messageBack's text. */
function submittedQuestion(value: unknown): string | null {
  const data = cardData.safeParse(value);
  if (!data.success) return null;
  const { question, msteams } = data.data;
  if (question?.trim()) return question;
  if (msteams?.type === 'imBack' && typeof msteams.value === 'string') return msteams.value;
  if (msteams?.type === 'messageBack' && msteams.text?.trim()) return msteams.text;
  return null;
}

/**
 * The text without the mention of the bot that its mention entity gives. Unlike TurnContext.removeRecipientMention,
 * it takes entities as sent, which may lack `mentioned` or `text`.
 */
function withoutRecipientMention(activity: TurnContext['activity']): string {
  const text = activity.text;
  const botId: unknown = activity.recipient?.id;
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  for (const e of entities) {
    if (typeof e !== 'object' || e === null) continue;
    const { type, mentioned, text: mentionText } = e as Record<string, unknown>;
    const id = typeof mentioned === 'object' && mentioned !== null ? (mentioned as Record<string, unknown>).id : undefined;
    if (type === 'mention' && id === botId && typeof mentionText === 'string' && mentionText !== '') return text.replace(mentionText, '');
  }
  return text;
}

/** The text with every <tag> replaced by a space, in one pass (a regular expression is quadratic on "<<<<…"). */
function withoutTags(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<', from);
    const close = open < 0 ? -1 : text.indexOf('>', open + 1);
    // No '>' after this '<' means no tag further on either.
    if (close < 0) return out + text.slice(from);
    out += close === open + 1 ? text.slice(from, close + 1) : `${text.slice(from, open)} `;
    from = close + 1;
  }
}

/** "1 second", "12 seconds", rounded up. */
function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/**
 * The comment inside a vote: Teams sends a JSON string holding `feedbackText`. At most MAX_FEEDBACK_COMMENT_CHARS
 * characters; a value too long to hold no more than that (each character escaped as \uXXXX) is not parsed, but cut.
 */
function commentOf(feedback: string | undefined): string {
  if (!feedback) return '';
  if (feedback.length > MAX_FEEDBACK_COMMENT_CHARS * 6 + 64) return clip(longCommentOf(feedback.slice(0, MAX_FEEDBACK_COMMENT_CHARS * 6 + 64)).trim(), MAX_FEEDBACK_COMMENT_CHARS);
  try {
    const parsed = feedbackText.safeParse(JSON.parse(feedback));
    return parsed.success ? clip((parsed.data.feedbackText ?? '').trim(), MAX_FEEDBACK_COMMENT_CHARS) : '';
  } catch {
    // Not JSON: keep what was written.
    return clip(feedback.trim(), MAX_FEEDBACK_COMMENT_CHARS);
  }
}

/** The start of an over-long vote value: the start of its `feedbackText` when it is Teams' JSON, else the text as sent. */
function longCommentOf(head: string): string {
  const start = /^\s*\{\s*"feedbackText"\s*:\s*"/.exec(head);
  if (!start) return head;
  // The string's characters up to its closing quote, without an escape cut in half at the end.
  const body = /^(?:[^"\\]|\\.)*/.exec(head.slice(start[0].length))![0].replace(/\\u[0-9a-fA-F]{0,3}$/, '');
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

/** Whether an activity is answered once however often it is delivered: a message, or a vote. */
function answeredOnce(activity: TurnContext['activity']): boolean {
  if (!activity.id || !activity.conversation?.id) return false;
  return activity.type === ActivityTypes.Message || (activity.type === ActivityTypes.Invoke && activity.name === 'message/submitAction');
}

/** The text up to `max` characters, cut at a word with "…" when longer. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
