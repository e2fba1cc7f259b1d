/** Follow-up questions read against the previous answer: "and before that?", "who led it?", "what about Oxon?". */
import type { CorpusIndex } from '../search/CorpusIndex';
import { eventDate, eventSortKey } from '../timeline/buildTimeline';
import { type PartialDate, sortKey } from '../timeline/dates';
import { KIND_LABELS } from '../search/describeEvent';
import type { Intent, Query } from './types';

/** What a conversation keeps of its last answered question, to read the next one against. Plain JSON. */
export interface PreviousTurn {
  /** The question as the user asked it. */
  question: string;
  /** The query that was answered, with the authority it was answered for. */
  query: Query;
  /** The events the answer was about, oldest first. */
  eventIds: string[];
}

/** How a follow-up relates to the previous turn. */
export type FollowUpKind = 'earlier' | 'same-event' | 'other-authority';

export interface FollowUp {
  kind: FollowUpKind;
  query: Query;
}

/** Questions about one event, which a pronoun can carry over to the event of the previous answer. */
const EVENT_INTENTS: Intent[] = ['when', 'judgement', 'lead', 'focus', 'improve', 'improveCount', 'published', 'number'];

// "and before that?", "the one before?", "what came before it", "previous one?"
const EARLIER = /^(?:and\s+|so\s+|ok(?:ay)?,?\s+)?(?:what\s+about\s+|how\s+about\s+|what\s+came\s+|what\s+was\s+|and\s+)?(?:the\s+(?:one|visit|inspection)\s+)?(?:before\s+(?:that|this|it|then)(?:\s+one)?|the\s+one\s+before|previous(?:\s+one)?|the\s+previous(?:\s+one)?|earlier(?:\s+one)?|before)$/;
// A question about "it": the event just answered.
const ABOUT_IT = /\b(?:it|that|this|then|they|them|the (?:visit|inspection|letter|report|outcome|judge?ment|result|focus|one))\b/;
// A kind of event named in the question itself ("the judgement" alone names none).
const OWN_KIND = /\b(?:monitoring|focused|visits?|inspections?|inspected|jtai|mv|fv|ilacs|sif|short|standard|full|joint targeted)\b/;
// Words left around an authority's name in "what about Oxfordshire?", "and for Worcs?", "same for BCP".
const FILLER = /\b(?:and|what|how|about|for|the|same|same question|please|then|instead|in|at|of|with|ok|okay|so|council|county|borough|city)\b/g;

/**
 * Reads `question` as a follow-up of `previous`, or returns null when it stands on its own. `parsed` is the
 * question as parsed with the previous authority as its default.
 */
export function readFollowUp(index: CorpusIndex, question: string, parsed: Query, previous: PreviousTurn | null): FollowUp | null {
  if (!previous) return null;
  const lower = question.toLowerCase().replace(/[?!.,;:]+/g, ' ').replace(/\s+/g, ' ').trim();
  // A name typed with a slip ("what about Oxfordsire?") is the one the question was read to name.
  const slip = parsed.spelling && parsed.authority === parsed.spelling.authority ? parsed.spelling : null;
  const named = namedAuthority(index, question) ?? slip?.authority ?? null;

  // "what about Oxfordshire?": the previous question, for another authority.
  if (named && leftover(lower, question, index, slip?.typed ?? null) === '') {
    // The previous question asked afresh, not about the previous answer's events.
    const unknownAuthority = parsed.unknownAuthority === named ? named : null;
    return {
      kind: 'other-authority',
      query: {
        ...previous.query, text: previous.question, authority: named, unknownAuthority, notAnAuthority: null, eventIds: null,
        authorityFrom: 'question', spelling: slip, authorityChoices: null,
      },
    };
  }
  if (named && named !== previous.query.authority) return null;
  const events = previous.eventIds.map((id) => index.event(id)).filter((e) => e !== undefined).sort((a, b) => eventSortKey(a) - eventSortKey(b));

  // "and before that?": the same kind of question about the event before the earliest one just answered.
  if (EARLIER.test(lower)) {
    const first = events[0];
    const date = first ? eventDate(first)?.start ?? null : null;
    if (!date) return null;
    const single = previous.query.intents.filter((i) => EVENT_INTENTS.includes(i));
    return {
      kind: 'earlier',
      query: {
        ...previous.query, text: question, intents: single.length ? single : ['when'], selector: { type: 'last' },
        before: earliest(date, previous.query.before), during: null, since: null, eventIds: null, beforeGrade: null,
      },
    };
  }

  // "who led it?", "what was the judgement?": another question about the event just answered. A question that
  // names its own kind of event, its own period or which one it means stands on its own.
  const asks = parsed.intents.filter((i) => EVENT_INTENTS.includes(i));
  const ownsEvent = OWN_KIND.test(lower.replace(/\b(?:the|that|this|its) (?:visit|inspection)\b/g, ' '));
  // "ever" asks of every event on record, not of the one just answered.
  const standsAlone = ownsEvent || parsed.ever || parsed.selector !== null || parsed.during !== null || parsed.since !== null || parsed.before !== null;
  const short = lower.split(' ').length <= 8;
  if (events.length > 0 && asks.length > 0 && asks.length === parsed.intents.length && !standsAlone && (ABOUT_IT.test(lower) || short)) {
    const latest = events[events.length - 1]!;
    return {
      kind: 'same-event',
      query: {
        ...parsed, authority: latest.authority, unknownAuthority: null,
        kind: { kinds: [latest.kind], label: KIND_LABELS[latest.kind] }, selector: { type: 'last' }, eventIds: [latest.id],
      },
    };
  }
  return null;
}

/** The one authority a question names, by name or short form. */
function namedAuthority(index: CorpusIndex, question: string): string | null {
  const found = [...new Set(index.authorities.find(question).map((m) => m.authority))];
  if (found.length === 1) return found[0]!;
  if (found.length > 1) return null;
  const bare = question.replace(/^\s*(?:and|what about|how about|same for|and for)\s+/i, '').replace(/[?!.]+\s*$/, '').trim();
  const exact = index.authorities.exact(bare);
  return exact.length === 1 ? exact[0]! : null;
}

/** What is left of a question once its authority's name (as typed, slips and all) and the filler words are taken out. */
function leftover(lower: string, question: string, index: CorpusIndex, typed: string | null): string {
  let rest = lower;
  for (const m of index.authorities.find(question)) rest = rest.replace(m.text.toLowerCase(), ' ');
  if (typed) rest = rest.replace(typed.toLowerCase(), ' ');
  const bare = question.replace(/^\s*(?:and|what about|how about|same for|and for)\s+/i, '').replace(/[?!.]+\s*$/, '').trim().toLowerCase();
  if (index.authorities.exact(bare).length) rest = rest.replace(bare, ' ');
  return rest.replace(FILLER, ' ').replace(/[^a-z0-9]+/g, ' ').trim();
}

function earliest(a: PartialDate, b: PartialDate | null): PartialDate {
  return b && sortKey(b) < sortKey(a) ? b : a;
}
