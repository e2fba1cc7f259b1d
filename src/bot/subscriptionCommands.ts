/** The replies to "subscribe …", "unsubscribe …" and "subscriptions", and the changes they make. */
import type { Activity } from 'botbuilder';
import { andList } from '../answer/words';
import type { CorpusIndex } from '../search/CorpusIndex';
import { markdownText } from '../teams/answerMessage';
import { readableDate } from '../teams/citationEntity';
import type { Command } from './readCommand';
import type { SubscriptionStore } from './subscriptions';

/** The commands answered here. */
export type SubscriptionCommand = Extract<Command, { type: 'subscribe' | 'unsubscribe' | 'subscriptions' }>;

/** Whether a command is one of the subscription commands. */
export function isSubscriptionCommand(command: Command | null): command is SubscriptionCommand {
  return command?.type === 'subscribe' || command?.type === 'unsubscribe' || command?.type === 'subscriptions';
}

/** "this channel", "this chat": what the conversation is called in a reply. */
function here(activity: Partial<Activity>): string {
  const type = activity.conversation?.conversationType;
  return type === 'channel' ? 'this channel' : type === 'groupChat' ? 'this chat' : 'you';
}

/**
 * The reply to a subscription command, after making its change; null when the name it gives is no authority at all,
 * so that the message is read as a question after all ("follow up on the last visit"). When the subscriptions cannot
 * be read or kept (the store is down or past its deadline), the reply says so, and the failure is logged.
 */
export async function subscriptionReply(
  store: SubscriptionStore, index: CorpusIndex, activity: Partial<Activity>, command: SubscriptionCommand,
  log: (line: string) => void = () => undefined,
): Promise<string | null> {
  try {
    return await replyTo(store, index, activity, command);
  } catch (e) {
    log(`conversation ${activity.conversation?.id ?? '(none)'}: could not ${command.type === 'subscriptions' ? 'read' : 'change'} its subscriptions: ${e instanceof Error ? e.message : String(e)}`);
    if (command.type === 'subscriptions') return 'I cannot read the subscriptions just now, as my storage cannot be reached. Please ask again in a few minutes.';
    const what = command.type === 'subscribe' ? 'subscription' : 'change to the subscriptions';
    return `I could not keep that ${what} just now, as my storage cannot be reached: it may not have been saved. ` +
      `Please say “${command.type} ${markdownText(command.name)}” again in a few minutes, and “subscriptions” to check.`;
  }
}

async function replyTo(store: SubscriptionStore, index: CorpusIndex, activity: Partial<Activity>, command: SubscriptionCommand): Promise<string | null> {
  const who = here(activity);
  const current = await store.authoritiesOf(activity);
  if (command.type === 'subscriptions') {
    if (!current.length) return `No subscriptions: I post nothing to ${who} unasked. Say “subscribe Worcestershire” to have each new inspection or visit of an authority posted here.`;
    return `Subscribed to ${andList(current)}: I post each new inspection or visit of ${current.length === 1 ? 'it' : 'them'} here. Say “unsubscribe ${current[0]!}” to stop.`;
  }
  // An authority already subscribed to is taken as typed; otherwise the name is resolved as "use …" resolves it.
  const subscribed = command.type === 'unsubscribe' ? current.find((a) => index.authorities.exact(command.name).includes(a)) : undefined;
  const resolved = subscribed ? { matches: [subscribed], suggestions: [] } : index.authorities.resolve(command.name);
  const verb = command.type;
  if (resolved.matches.length > 1) {
    const succession = index.authorities.succession(command.name);
    const what = succession
      ? `${succession.former} was replaced${succession.formed ? ` on ${readableDate(succession.formed)}` : ''} by ${andList(succession.successors)}.`
      : `“${markdownText(command.name)}” could be ${andList(resolved.matches)}.`;
    return `${what} Which one? Say, for example, “${verb} ${resolved.matches[0]!}”.`;
  }
  if (resolved.matches.length === 0) {
    if (!resolved.suggestions.length) return null;
    return `“${markdownText(command.name)}” is not an English children's services authority I know. Did you mean ${andList(resolved.suggestions).replace(/ and ([^,]+)$/, ' or $1')}?`;
  }
  const authority = resolved.matches[0]!;
  const taking = authority.toLowerCase() === command.name.toLowerCase() || index.authorities.exact(command.name).includes(authority)
    ? '' : ` (Taking ${authority} for “${markdownText(command.name)}”.)`;
  if (command.type === 'unsubscribe') {
    const removed = await store.unsubscribe(activity, authority);
    if (!removed) return `${capitalised(who)} ${who === 'you' ? 'are' : 'is'} not subscribed to ${authority}.${taking}${current.length ? ` Subscribed to ${andList(current)}.` : ''}`;
    return `Unsubscribed: I will no longer post new inspections or visits of ${authority} to ${who}.${taking}`;
  }
  const added = await store.subscribe(activity, authority);
  if (!added) return `${capitalised(who)} ${who === 'you' ? 'are' : 'is'} already subscribed to ${authority}.${taking}`;
  const onRecord = index.authoritiesOnRecord().includes(authority) ? '' : ` None of my documents is about ${authority} yet; the first one will be posted.`;
  return `Subscribed: I will post each new inspection or visit of ${authority} to ${who} as it comes on record.${taking}${onRecord} ` +
    `Say “unsubscribe ${authority}” to stop, or “subscriptions” to list them.`;
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
