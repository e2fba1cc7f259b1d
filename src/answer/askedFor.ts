/**
 * What kind of fact a question asks for, beyond the event it is about: a person in a role ("who was the cabinet
 * member…"), a count of something ("how many inspectors", "how long"), a date, a grade, or words from the documents.
 */
import type { RoleKey } from '../reading/people';
import { processTerm, tokenize } from '../search/searchOptions';
import type { Query } from './types';

export type AnswerType = 'person' | 'count' | 'date' | 'grade' | 'text';

export interface AskedFor {
  type: AnswerType;
  /** For a person: the roles that answer (empty: anyone named). */
  roles: RoleKey[];
  /** For a count: the words of what is counted ("inspectors", "recommendations"), folded. */
  nouns: string[];
  /** "How long…", "how much notice": a span of time. */
  duration: boolean;
  /** "What % of…". */
  percent: boolean;
  /** The question's own words that say what it is about, folded, without the authority's name. */
  terms: string[];
}

/** Role words of a question, and the roles they ask for. */
const ROLE_WORDS: [RegExp, RoleKey[]][] = [
  [/\bregional\s+director\b|\bnational\s+director\b|\bwho\s+(?:at|from)\s+ofsted\b|\bofsted['’]?s?\s+director\b/i, ['regional director', 'lead inspector', 'inspector']],
  [/\blead\s+(?:inspector|hmi)\b|\bwho\s+led\b|\bled\s+(?:it|the|our)\b/i, ['lead inspector', 'inspector']],
  [/\binspectors?\b|\bhmis?\b|\bwho\s+(?:inspected|carried\s+out|conducted|did|undertook|visited)\b/i, ['inspector', 'lead inspector']],
  [/\bcabinet\s+(?:lead\s+)?member\b|\bportfolio\s+holder\b|\blead\s+member\b|\bexecutive\s+(?:member|councillor)\b/i, ['cabinet member']],
  [/\bmayor\b/i, ['mayor']],
  [/\b(?:council\s+)?leader\s+of\b|\bcouncil\s+leader\b|\bwho\s+(?:was|is)\s+(?:the\s+)?leader\b|\bleader\b(?!s|ship)/i, ['leader']],
  [/\bchief\s+exec(?:utive)?\b|\bceo\b/i, ['chief executive']],
  [/\bdcs\b|\b(?:strategic\s+|executive\s+)?director\b/i, ['director']],
  [/\bchair(?:ed|s|man|woman|person)?\b/i, ['chair']],
  [/\bminister\b|\bsecretary\s+of\s+state\b/i, ['minister']],
  [/\bcommissioner\b/i, ['commissioner']],
  [/\bmp\b|\bmember\s+of\s+parliament\b/i, ['member of parliament']],
];

/** Words after "how many" that say nothing of what is counted. */
const COUNT_STOP = new Set(['the', 'a', 'an', 'our', 'their', 'its', 'we', 'they', 'of', 'more', 'other', 'different', 'separate', 'new', 'such']);

/** Verbs that ask "who" of an organisation, not a person ("who owns the trust?", "who delivers…"). */
const WHO_ORGANISATION = /\bwho(?:'s|\s+is|\s+are)?\s+(?:owns?|delivers?|runs?|provides?|manages?|is\s+(?:our|the)\s+(?:improvement\s+)?partner|(?:our|the)\s+(?:improvement\s+)?partner)\b|\bimprovement\s+partner\b/i;

/** Words of no help in finding the sentence that answers. */
const QUESTION_WORDS = new Set(['what', 'when', 'who', 'whom', 'whose', 'which', 'how', 'why', 'where', 'did', 'does', 'do', 'was', 'were', 'is', 'are',
  'has', 'have', 'had', 'we', 'our', 'us', 'they', 'their', 'it', 'its', 'the', 'a', 'an', 'of', 'in', 'on', 'at', 'for', 'to', 'and', 'or', 'by',
  'from', 'with', 'about', 'pls', 'please', 'tell', 'me', 'get', 'got', 'say', 'said', 'says', 'many', 'much', 'long', 'ofsted', 'council',
  'councils', 'authority', 'la', 'this', 'that', 'there', 'any', 'ever', 'been', 'be', 'according', 'documents', 'document', 'children', 'childrens',
  'services', 'service', 'social', 'care', 'name', 'named', 'kind', 'type', 'most', 'current', 'currently', 'now',
  'mv', 'fv', 'ilacs', 'sif', 'jtai', 'one']);

/** A word folded as the index folds it, and short plurals and verbs it leaves ("owns", "kids", "HMIs") too. */
export function foldWord(word: string): string | null {
  const p = processTerm(word);
  return p && p.length <= 5 && /[^s]s$/.test(p) ? p.slice(0, -1) : p;
}

/** Question words folded as the search index folds them, the authority's own name and the grammar left out. */
export function questionTerms(text: string, authority: string | null): string[] {
  const own = new Set((authority ?? '').toLowerCase().split(/[^a-z]+/).filter(Boolean));
  const out: string[] = [];
  for (const t of tokenize(text.replace(/\b\d{4}\b/g, ' '))) {
    const lower = t.toLowerCase().replace(/['’]s$/, '');
    if (QUESTION_WORDS.has(lower) || own.has(lower)) continue;
    const p = foldWord(t);
    if (p && p.length > 1 && !out.includes(p)) out.push(p);
  }
  return out;
}

/** What a question asks for. */
export function askedFor(q: Query): AskedFor {
  const text = q.text;
  const lower = text.toLowerCase();
  const terms = questionTerms(text, q.authority);
  const roles: RoleKey[] = [];
  for (const [re, keys] of ROLE_WORDS) if (re.test(text)) for (const k of keys) if (!roles.includes(k)) roles.push(k);
  const count = /\bhow\s+(?:many|much|long|often)\b|\bwhat\s+(?:%|(?:per\s*cent|percent|percentage|proportion|number)\b)|\bnumber\s+of\b|\bhow\s+many\s+times\b|\bin\s+a\s+row\b/i.test(text);
  const who = /^\s*who\b|\bwhich\s+(?:\w+\s+)?(?:councillor|minister|cabinet\s+member|inspectors?|hmis?|director|officer|mp|mayor|regional\s+director|person|people|commissioner|chair)\b|\bwho(?:['’]s|\s+is|\s+was|\s+were|\s+are|\s+sent|\s+presented|\s+wrote|\s+chaired|\s+led|\s+welcomed|\s+commented)\b|\bwhich\s+(?:councillor|minister|cabinet\s+member|inspector|director|officer|mp|mayor|regional\s+director|person)\b/i.test(text);
  let type: AnswerType = 'text';
  if (who && !WHO_ORGANISATION.test(text)) type = 'person';
  else if (count) type = 'count';
  // "cabinet member for children in 2022?", "DCS?": a role named, asking who held it.
  else if (roles.length && !roles.includes('inspector') && !/\b(?:when|what\s+did|how|why|did|was|were)\b/i.test(text)) type = 'person';
  else if (roles.length && /\b(?:name|named|who)\b/i.test(text)) type = 'person';
  else if (/\bwhen\b|\bwhat\s+(?:date|day|month|year)\b|\bdates?\b|\bdeadline\b|\bdue\s+by\b|\bby\s+when\b/i.test(text)) type = 'date';
  else if (q.intents.includes('judgement')) type = 'grade';
  // What is counted: the words after "how many" up to a verb or a preposition.
  const nouns: string[] = [];
  const many = /\bhow\s+many\s+((?:[a-z'’-]+\s+){0,4}?[a-z'’-]+?)(?=\s+(?:did|do|does|was|were|is|are|have|has|had|can|could|will|would|in|at|for|of|since|between|before|after|came|got)\b|[?.,]|$)/i.exec(text);
  if (many) for (const w of many[1]!.split(/\s+|\band\b/)) {
    const p = foldWord(w);
    if (p && p !== 'and' && !COUNT_STOP.has(p)) nouns.push(p);
  }
  if (/\bhow\s+many\s+times\b|\bin\s+a\s+row\b|\bconsecutive\b/i.test(lower)) nouns.push('time');
  return {
    type, roles, nouns,
    duration: /\bhow\s+long\b|\bhow\s+much\s+notice\b|\bnotice\b.*\bhow\s+(?:much|long)\b/i.test(text),
    percent: /%|\bper\s*cent\b|\bpercent(?:age)?\b|\bproportion\b/i.test(text),
    terms,
  };
}

/** Words that name events, grades, areas and times: what the timeline reads, not what a sentence must hold. */
const EVENT_WORDS = /^(?:inspect\w*|visit\w*|focus\w*|monitor\w*|joint|target\w*|area|areas|judge?\w*|rat(?:ed|ing|ings)|grade\w*|good|outstanding|inadequate|requir\w*|improvement|overall|leader\w*|care|leaver\w*|child\w*|protection|help|ofsted|latest|last|first|recent|previous|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|full|standard|short|report|letter|find|found|get|got|done|give|given|we|they|council|year|years|ever|still|again|mv|fv|jtai|ilac|ilacs|sif|services|service|result|results|outcome|outcomes|publish\w*|effectiveness|judgement|letter|grade|overall)$/i;

/** The question's words beyond its event, grade, area and time: what it asks about ("homeless", "site", "pilot"). */
export function contentTerms(q: Query): string[] {
  return questionTerms(q.text, q.authority).filter((t) => !EVENT_WORDS.test(t) && !/^\d/.test(t) && t.length > 2);
}

/** "Was…", "Did…", "Has…": a question answered yes or no. */
export function isYesNo(text: string): boolean {
  return /^\s*(?:was|were|did|does|do|is|are|has|have|had|can|could|will)\b/i.test(text);
}
