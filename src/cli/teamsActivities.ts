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
