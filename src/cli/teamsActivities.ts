/** Activities shaped as Teams sends them through the Bot Connector, for checking a running bot from outside. */
import type { Activity } from 'botbuilder';

/** Who is talking to whom, and where. */
export interface Where {
  conversationId: string;
  /** personal (1:1 chat), groupChat or channel. */
  conversationType: 'personal' | 'groupChat' | 'channel';
  botId: string;
  botName: string;
  /** Where the bot would send replies; unused with expectReplies, which returns them in the HTTP response. */
  serviceUrl: string;
}

export const LOCAL_WHERE: Where = {
  conversationId: 'a:1-local-check',
  conversationType: 'personal',
  botId: '28:ofsted-history-bot',
  botName: 'Ofsted history',
  serviceUrl: 'http://127.0.0.1:1/',
};

let counter = 0;

function base(where: Where): Partial<Activity> {
  counter += 1;
  const channel = where.conversationType === 'channel';
  return {
    id: `${Date.now()}${String(counter).padStart(3, '0')}`,
    timestamp: new Date(),
    localTimestamp: new Date(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: { id: '29:1-local-user', name: 'Local User', aadObjectId: '00000000-0000-4000-8000-000000000001' },
    recipient: { id: where.botId, name: where.botName },
    conversation: {
      id: where.conversationId, isGroup: where.conversationType !== 'personal', conversationType: where.conversationType,
      tenantId: '00000000-0000-4000-8000-00000000000a', name: '',
    },
    channelData: {
      tenant: { id: '00000000-0000-4000-8000-00000000000a' },
      ...(channel ? { team: { id: '19:local-team@thread.tacv2' }, channel: { id: '19:local-channel@thread.tacv2' } } : {}),
    },
    locale: 'en-GB',
    deliveryMode: 'expectReplies',
  };
}

/** A message; in a channel it starts with the bot's @mention, as Teams requires there. */
export function teamsMessage(text: string, where: Where = LOCAL_WHERE): Partial<Activity> {
  const mention = `<at>${where.botName}</at>`;
  const channel = where.conversationType === 'channel';
  return {
    ...base(where),
    type: 'message',
    text: channel ? `${mention} ${text}` : text,
    textFormat: 'plain',
    entities: [
      ...(channel ? [{ type: 'mention', mentioned: { id: where.botId, name: where.botName }, text: mention }] : []),
      { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' },
    ],
  };
}

/** A 👍/👎 vote on one of the bot's replies, with an optional comment. */
export function teamsFeedback(replyToId: string, reaction: 'like' | 'dislike', comment = '', where: Where = LOCAL_WHERE): Partial<Activity> {
  return {
    ...base(where),
    type: 'invoke',
    name: 'message/submitAction',
    replyToId,
    value: { actionName: 'feedback', actionValue: { reaction, feedback: JSON.stringify({ feedbackText: comment }) } },
  };
}

/** The bot being added to a conversation. */
export function teamsInstall(where: Where = LOCAL_WHERE): Partial<Activity> {
  return { ...base(where), type: 'conversationUpdate', membersAdded: [{ id: where.botId, name: where.botName }] };
}

/**
 * A typeahead search from an Adaptive Card's Data.Query input, as Teams sends it: no `kind`, and not `expectReplies`
 * (the answer is the HTTP response's body).
 */
export function teamsTypeahead(queryText: string, dataset: string, queryOptions = { skip: 0, top: 15 }, where: Where = LOCAL_WHERE): Partial<Activity> {
  return { ...base(where), deliveryMode: undefined, type: 'invoke', name: 'application/search', value: { queryText, queryOptions, dataset } };
}

/** An Adaptive Card's Action.Execute: its verb, and its data merged with the card's inputs. The answer is the HTTP body. */
export function teamsCardAction(verb: string, data: Record<string, unknown>, where: Where = LOCAL_WHERE): Partial<Activity> {
  return {
    ...base(where),
    deliveryMode: undefined,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', id: verb, verb, data }, trigger: 'manual' },
  };
}

/** An Adaptive Card's Action.Submit on a client without universal actions: a message whose value holds data and inputs. */
export function teamsCardSubmit(value: Record<string, unknown>, where: Where = LOCAL_WHERE): Partial<Activity> {
  return {
    ...base(where),
    type: 'message',
    value,
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }],
  };
}

/** Where a message extension invoke comes from: the compose box of the conversation. */
function composeInvoke(where: Where, name: string, value: unknown): Partial<Activity> {
  const activity = base(where);
  return {
    ...activity,
    deliveryMode: undefined,
    type: 'invoke',
    name,
    value,
    channelData: { ...(activity.channelData as Record<string, unknown>), source: { name: 'compose' } },
  };
}

/** A search typed in the message extension's box (`composeExtension/query`). The answer is the HTTP body. */
export function teamsSearch(query: string, queryOptions = { skip: 0, count: 25 }, where: Where = LOCAL_WHERE, commandId = 'searchInspections'): Partial<Activity> {
  return composeInvoke(where, 'composeExtension/query', { commandId, parameters: [{ name: 'query', value: query }], queryOptions });
}

/** The search Teams sends as the message extension opens, when its command has `initialRun`. */
export function teamsSearchInitialRun(queryOptions = { skip: 0, count: 25 }, where: Where = LOCAL_WHERE, commandId = 'searchInspections'): Partial<Activity> {
  return composeInvoke(where, 'composeExtension/query', { commandId, parameters: [{ name: 'initialRun', value: 'true' }], queryOptions });
}

/** A result picked from the message extension's list: the value of its preview's tap (`composeExtension/selectItem`). */
export function teamsSelectItem(value: unknown, where: Where = LOCAL_WHERE): Partial<Activity> {
  return composeInvoke(where, 'composeExtension/selectItem', value);
}

/** A link pasted in the compose box on a domain the app unfurls (`composeExtension/queryLink`). */
export function teamsQueryLink(url: string, where: Where = LOCAL_WHERE): Partial<Activity> {
  return composeInvoke(where, 'composeExtension/queryLink', { url });
}

/** Any `composeExtension/…` invoke with a value as given, for checking how the bot takes values Teams never sends. */
export function teamsComposeInvoke(name: string, value: unknown, where: Where = LOCAL_WHERE): Partial<Activity> {
  return composeInvoke(where, name, value);
}
