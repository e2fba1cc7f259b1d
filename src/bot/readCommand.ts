import { ACKNOWLEDGEMENT_REPLY, isAcknowledgement } from '../answer/acknowledgement';

/** What the bot is told to do, as opposed to asked: help, a default authority, forgetting, the lookup card. */
export type Command =
  | { type: 'help' }
  | { type: 'greeting' }
  /** "thanks", "ok", a bare 👍: answered with `reply` alone, no search, no card, the conversation left as it was. */
  | { type: 'acknowledgement'; reply: string }
  | { type: 'use'; name: string }
  | { type: 'forget' }
  /** The lookup form; `name` is what followed "lookup" (an authority to fill in, if it is one), or null. */
  | { type: 'lookup'; name: string | null }
  /** "subscribe Worcestershire": post to this conversation when new events about `name` are on record. */
  | { type: 'subscribe'; name: string }
  /** "unsubscribe Worcestershire": stop posting about `name` here. */
  | { type: 'unsubscribe'; name: string }
  /** "subscriptions": the authorities this conversation is told about. */
  | { type: 'subscriptions' };

const HELP = /^(?:help|\?|menu|commands|what can you do|how does this work|how do i use (?:this|you)|examples?|usage)$/;
const GREETING = /^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))(?: there)?(?: bot)?$/;
const USE = /^(?:please\s+)?(?:use|set (?:the )?(?:default )?(?:authority|council|la) (?:to|as)|switch to|default (?:authority|council|la)(?: is)?|my (?:authority|council|la) is|i work (?:for|at))\s+(.+)$/i;
const LOOKUP = /^(?:(?:open|show|start|new|give me)(?: (?:a|the|me the))? )?(?:timeline )?(?:lookup|look-up|look up)(?: (?:card|form))?$/;
/** "lookup Worcs": the lookup form for a name. Whether the name is an authority is for the caller to decide. */
const LOOKUP_NAME = /^(?:lookup|look-up|look up)\s+(?:for\s+)?(.+)$/i;
/** "subscribe Worcestershire", "notify us about Worcs", "follow Oxfordshire". Whether the name is an authority is for the caller. */
const SUBSCRIBE = /^(?:please\s+)?(?:subscribe(?: (?:us|me|this (?:chat|channel)))?(?: to)?|follow(?![ -]?up\b)|(?:notify|alert) (?:us|me)(?: (?:about|of|on))?(?: new reports (?:for|on|about))?|send (?:us|me) (?:news|updates|notifications) (?:about|of|on|for))\s+(.+)$/i;
/** "unsubscribe Worcestershire", "unfollow Worcs", "stop notifying us about Oxfordshire". */
const UNSUBSCRIBE = /^(?:please\s+)?(?:unsubscribe(?: (?:us|me|this (?:chat|channel)))?(?: from)?|unfollow|stop following|stop (?:notifying|alerting) (?:us|me)(?: (?:about|of|on))?|stop (?:news|updates|notifications) (?:about|of|on|for))\s+(.+)$/i;
const SUBSCRIPTIONS = /^(?:(?:list |show |my |our |the )?(?:the )?subscriptions|subscribe|unsubscribe|what (?:are|do) (?:we|i|you) (?:subscribed to|following|follow)|who (?:are|do) (?:we|i|you) (?:follow|following))$/;
const FORGET = /^(?:forget|reset|clear|start again|start over|new conversation)(?: (?:that|it|everything|the authority|memory))?$/;

/** Reads a message as a command, or returns null when it is a question. */
export function readCommand(text: string): Command | null {
  if (isAcknowledgement(text)) return { type: 'acknowledgement', reply: ACKNOWLEDGEMENT_REPLY };
  const raw = text.trim().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');
  const t = raw.toLowerCase();
  if (HELP.test(t)) return { type: 'help' };
  if (GREETING.test(t)) return { type: 'greeting' };
  if (FORGET.test(t)) return { type: 'forget' };
  if (LOOKUP.test(t)) return { type: 'lookup', name: null };
  const lookup = LOOKUP_NAME.exec(raw);
  if (lookup) return { type: 'lookup', name: lookup[1]!.replace(/^the\s+/i, '').trim() };
  if (SUBSCRIPTIONS.test(t)) return { type: 'subscriptions' };
  const subscribe = SUBSCRIBE.exec(raw);
  if (subscribe) return { type: 'subscribe', name: subscribe[1]!.replace(/^the\s+/i, '').trim() };
  const unsubscribe = UNSUBSCRIBE.exec(raw);
  if (unsubscribe) return { type: 'unsubscribe', name: unsubscribe[1]!.replace(/^the\s+/i, '').trim() };
  const use = USE.exec(raw);
  if (use) return { type: 'use', name: use[1]!.replace(/^the\s+/i, '').trim() };
  return null;
}
