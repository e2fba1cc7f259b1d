import type { AuthorityDirectory } from '../corpus/authorities';
import { ILACS_FIRST } from '../timeline/buildTimeline';
import { findDates, type PartialDate, sortKey } from '../timeline/dates';
import { correctTypos, isDomainWord } from './correctTypos';
import { findDistrictCouncil } from './districtCouncils';
import { REFORM_DATE } from './judgements';
import { GRADED_KINDS, type Area, type EventKind, type Grade } from '../timeline/types';
import { findKindMentions, mentionNumber } from '../timeline/vocabulary';
import type { Intent, KindFilter, Query, Selector } from './types';

/** What the caller knows besides the question: the conversation's authority, and the authorities on record. */
export interface QuestionContext {
  authorities: AuthorityDirectory;
  defaultAuthority?: string | null | undefined;
  onRecord: string[];
  /** Whether the documents use a word (lower case): such a word is taken as typed, never as a misspelling. */
  knownWord?: (word: string) => boolean;
  /**
   * The date of the newest source on record: a "what's new?" question's dates without a year ("since March", "last
   * month") are read as the latest such before it. Other questions read them as they always have.
   */
  newest?: PartialDate | null | undefined;
}

const ALL_VISITS: EventKind[] = ['monitoring', 'focused'];

const AREA_WORDS: [Area, RegExp][] = [
  ['care leavers', /\bcare leavers?\b|\bleaving care\b/i],
  ['children in care', /\bchildren in care\b|\blooked[- ]after\b|\bchildren looked after\b/i],
  ['help and protection', /\bhelp and protection\b|\bneed(?:ing)? help\b/i],
  ['leaders', /\bleaders(?:hip)?\b|\bmanagement\b/i],
  ['adoption', /\badoption\b/i],
  ['overall', /\boverall\b/i],
];

const GRADE_WORDS: [Grade, RegExp][] = [
  ['requires improvement', /\brequires? improvement\b|\bRI\b/i],
  ['inadequate', /\binadequate\b|\bfailing\b/i],
  ['outstanding', /\boutstanding\b/i],
  ['good', /\bgood\b/i],
];

/** Reads a question: its intents, the authority, the kind of event, which one of them, and the period. */
export function parseQuestion(question: string, ctx: QuestionContext): Query {
  // "MV2", "fv3": a visit's number written on its name.
  const text = correctTypos(question.trim(), ctx.knownWord).replace(/\b(MV|FV|mv|fv)(\d{1,2})\b/g, '$1 $2');
  const lower = text.toLowerCase();
  const { authority, unknown, notAnAuthority, from, spelling, choices, typed } = findAuthority(text, ctx);
  // Grade phrases are not requests: "judged requires improvement" is not "what to improve".
  // "How many MVs since going inadequate?", "since the inadequate judgement": a bound in time, not a grade to match
  // nor a question about judgements.
  // "When did we go from inadequate to good?": the first event of the second grade after the last of the first.
  const fromTo = /\bfrom\s+['‘"“]?(inadequate|requires?\s+improvement|good|outstanding)['’"”]?\s+to\s+['‘"“]?(inadequate|requires?\s+improvement|good|outstanding)\b/i.exec(text);
  const sinceGradeMatch = fromTo ? Object.assign([fromTo[0], fromTo[1]], { index: fromTo.index, input: text }) as RegExpExecArray : SINCE_GRADE.exec(text);
  const sinceGrade: Grade | null = sinceGradeMatch ? gradeWord(sinceGradeMatch[1]!) : null;
  const withoutBound = sinceGradeMatch ? lower.replace(sinceGradeMatch[0].toLowerCase(), ' ') : lower;
  const withoutGrades = withoutBound.replace(/\brequires? improvement(?: to be good)?\b/g, 'ri-grade');

  // "Was St Helens good or outstanding?" asks for the judgement, whichever it was; "which councils are good or
  // outstanding?" keeps a grade to count by (the national answer reads both).
  const either = GRADE_WORDS.filter(([, re]) => re.test(text)).length > 1 && authority !== null &&
    /\b(?:outstanding|good|improvement|RI|inadequate)\s+or\s+(?:outstanding|good|requires?|RI|inadequate)\b/i.test(text);
  const grade = fromTo ? gradeWord(fromTo[2]!) : either ? null : GRADE_WORDS.find(([, re]) => re.test(withoutBound))?.[0] ?? null;
  const area = AREA_WORDS.find(([, re]) => re.test(text))?.[0] ?? null;
  const news = newsOf(text);
  const { during, since, before } = periodOf(text, lower, news ? ctx.newest ?? null : null);
  const kind = beforeIlacs(kindOf(text, lower), during);
  const selector = fromTo ? { type: 'first' as const } : selectorOf(text, lower);
  // "What was Sandwell rated before it went inadequate?": the graded event before the one with that grade.
  const beforeGradeMatch = /\bbefore\s+(?:it|we|they|the (?:council|authority|service|services)|\w+)\s+(?:went|was|were|became|got|being|fell)\s+(?:judged\s+|rated\s+)?(?:to\s+)?(inadequate|good|outstanding|requires? improvement)/i.exec(text) ??
    // "rating before the 2020 good?": the grade names the later inspection, it is no grade to look for.
    /\bbefore\s+(?:the|our|its|their)\s+(?:(?:19|20)\d\d\s+)(['‘"“]?(?:inadequate|good|outstanding|requires? improvement))/i.exec(text);
  const beforeGrade: Grade | null = beforeGradeMatch ? gradeWord(beforeGradeMatch[1]!.replace(/^['‘"“]/, '')) : null;

  // "Which councils have been judged inadequate?" asks about any time, "which are" about now.
  const ever = /\b(?:have|has)\s+(?:ever\s+)?(?:been|had|received|got)\b|\bever\b|\bwere\b|\bat any time\b/.test(lower);

  const intents: Intent[] = [];
  const add = (i: Intent): void => {
    if (!intents.includes(i)) intents.push(i);
  };
  if (/\b(?:which|what|list(?: the| all)?|how many)\s+(?:other\s+)?(?:councils?|authorities|local authorities|las|areas of england|(?:london\s+|metropolitan\s+)?boroughs|(?:shire\s+)?counties|county councils|unitar(?:y|ies)(?:\s+(?:authorities|councils))?)\b|\bwho\s+(?:else\s+)?(?:is|are)\s+(?:rated|judged)\b/.test(lower) ||
      (grade !== null && /\b(?:councils|authorities|las)\s+(?:are|were|have been|judged|rated|graded)\b/.test(lower))) add('authorities');
  if (/\bwhat (?:has )?happened\b|\bhistory\b|\btimeline\b|\bsummar(?:y|ise|ize)\b.*\binspections?\b|\ball (?:the )?(?:inspections|events|ofsted activity)\b/.test(lower)) add('history');
  if (/\bhow many\b|\bnumber of\b|\bhow often has\b|\bcount\b/.test(withoutGrades) && !intents.includes('authorities')) {
    add(/\b(?:areas?|things|points|issues|aspects)\b.*\b(?:improv|address|develop)|\brecommendations\b|\bimprovements?\b/.test(withoutGrades) ? 'improveCount' : 'count');
  }
  // "What inspections has Kent had?", "which visits have there been?": the list of them.
  if (/\blist\b|\ball (?:the )?\w*\s*(?:dates|visits|inspections)\b|\bwhat (?:are|were) the (?:dates|visits|inspections)\b|\b(?:what|which)\s+(?:\w+\s+)?(?:inspections|visits)\s+(?:has|have|had|did)\b(?![^?]*\b(?:judged|rated|graded|found|say|said|led|focus\w*|look\w*)\b)/.test(lower) && !intents.includes('history')) add('list');
  if (/\bwho\b.*\b(?:led|lead|leads|leading|inspectors?|inspected|carried out|conducted|did)\b|\blead inspector\b|\binspectors?\b.*\bwho\b|\bwhich inspector\b|\bwho was the inspector\b/.test(lower)) add('lead');
  if (/\bfocus(?!s?ed visit|s{0,2}ed visit)|\btheme\b|\bwhat did (?:the |it |they |inspectors |ofsted )?(?:\w+ )*(?:look at|looked at|cover|covered|examine|consider|review|reviewed|inspect|assess|evaluate|explore|check)\b|\bwhat was (?:the )?(?:\w+ )*(?:visit|inspection|mv|fv|jtai) about\b|\bwhat (?:areas|services) did\b.*\b(?:review|cover|look|inspect)/.test(lower)) add('focus');
  if (/\b(?:need|needs|needed|must|should|has to|have to|to)\s+(?:\w+\s+)?improv(?:e|ing)\b|\bareas? (?:for|of|to|that need(?:s|ed)?(?: to)?) (?:improve|improvement|development)|\b(?:areas? for )?priority action|\bareas? for (?:further )?(?:improvement|development)|\bimprovements? (?:needed|required|to make)\b|\bwhat to improve\b|\brecommendations?\b|\bweakness|\bmust (?:do|change)\b|\bneeds? to (?:do|change)\b|\bwhat (?:needs|need) improving\b|\b(?:get|do|be)\s+better\b|\bstill\s+needs?\s+(?:work|to)\b|\b(?:further|more)\s+work\b|\bneeds?\s+work\b|\bneeded\s+work\b/.test(withoutGrades) && !intents.includes('improveCount')) add('improve');
  // "List the areas for improvement" asks what to improve, not for a list of events.
  if (intents.includes('improve') && intents.includes('list')) intents.splice(intents.indexOf('list'), 1);
  if (/\bwhat number\b|\bwhich number\b|\bwhich (?:one|visit) in the series\b|\bhow many(?:th)?\b[^?]*\bwas (?:it|this|that)\b/.test(lower)) add('number');
  if (/\bpublish|\breleased?\b|\bcame out\b|\bletter (?:was )?(?:sent|issued)\b/.test(lower)) add('published');
  // "When is the next inspection due?", "when is the reinspection expected?"; not "what result did the council expect?".
  if (/\bnext\b|\bupcoming\b|\bforthcoming\b|\b(?:inspection|visit|re-?inspection|ilacs|mv|fv|jtai)s?\s+(?:\w+\s+){0,2}(?:due|expected)\b|\bexpect\w*\s+(?:\w+\s+){0,2}(?:inspection|visit|re-?inspection)\b|\bwhen\b[^?]*\b(?:due|expected)\b/.test(lower) && !/\bbefore the next\b/.test(lower)) add('next');
  if (!intents.includes('authorities') && !(intents.includes('improve') && /\bget\s+better\b/.test(lower)) && /\bjudge?ments?\b|\bjudged\b|\bjudge\b(?=.*\b(?:overall|care leavers|children|help and protection|leaders(?:hip)?|management|in (?:19|20)\d\d|at (?:its|the|their)|last|latest|most recent)\b)|\brated\b|\brate\b|\bratings?\b|\bwhat did\b.*\b(?:get|receive|achieve|score)\b|\bwhat did\b.*\b(?:give|award)\b[^?]*\bfor\b|\bgrades?\b|\bgraded\b|\boutcome\b|\bresult\b|\bverdict\b|\boverall effectiveness\b|\bhow (?:did|do|does|are|is)\b.*\b(?:do|doing|perform|rated)\b|\bwhat (?:were|was|are|is) (?:we|they|it|\w+shire|\w+)\s+(?:judged|rated)\b/.test(withoutGrades) ||
      (grade !== null && !intents.includes('authorities') && /\bwhich\b.*\b(?:area|judge?ment)\b/.test(lower)) ||
      /\bwhich area\b/.test(lower) || either) add('judgement');
  if (/\bwhen\b|\bwhat (?:date|day|month|year)\b|\bdates?\b|\bhow long ago\b/.test(lower) &&
      !intents.some((i) => i === 'next' || i === 'published' || i === 'list' || i === 'history')) add('when');
  if (/\bwhen\b/.test(lower) && intents.includes('published') && !intents.includes('when')) {
    // "when was the report published" asks for the publication date only.
  }
  if (intents.length === 0 && (kind || selector) && /\b(?:last|latest|most recent|first|previous)\b/.test(lower)) add('when');
  // "monitoring visits worcs": a kind and nothing else asks for the list.
  if (intents.length === 0 && kind && !/\b(?:how|why|what|who|which|whose|where)\b/.test(lower)) add('list');
  if (intents.length === 0 && grade && kind) add('when');
  // "Has Worcestershire ever been outstanding?", "Was Oxfordshire good in 2018?": a grade asked of an authority.
  if (intents.length === 0 && grade && /^(?:has|have|had|was|were|is|are|did)\b/.test(lower)) add('judgement');
  // "Worcestershire", "Oxfordsire": a name alone asks what is on record for it.
  if (intents.length === 0 && typed && !text.replace(typed, ' ').replace(/['’]s\b/g, ' ').replace(/\b(?:ofsted|council|children['’]?s services)\b/gi, ' ').replace(/[^\p{L}\p{N}]+/gu, '')) add('history');
  if (intents.length === 0) add('other');

  // "Is Worcestershire still inadequate?" asks for the current judgement, whatever it is.
  const current = grade !== null && /^(?:is|are)\b/.test(lower) && !intents.includes('authorities');
  if (current) {
    intents.splice(0, intents.length, 'judgement');
  }
  return {
    text, intents, authority, unknownAuthority: unknown, notAnAuthority, authorityFrom: from, spelling, authorityChoices: choices, kind: current ? { kinds: [...GRADED_KINDS], label: 'inspection' } : kind,
    selector: current ? { type: 'last' } : selector, during, since, before, grade: current || beforeGrade || (sinceGrade && !fromTo) ? null : grade, area,
    beforeGrade, sinceGrade, topic: topicOf(text, authority), ever, eventIds: null, news,
  };
}

/**
 * "What's new?" and the ways it is asked. Each line is one phrasing, with the questions it exists for above it.
 */
const NEWS_WORDS: RegExp[] = [
  // EXAMPLE: "what's new?", "whats new for Worcestershire since March?", "what is new in 2026?", "what has been new lately?"
  /\bwhat(?:['’]?s|\s+is|\s+has\s+been)\s+new\b/i,
  // EXAMPLE: "anything new since the last visit?", "is there anything else new for Oxfordshire?"
  /\b(?:anything|something)\s+(?:else\s+)?new\b/i,
  // EXAMPLE: "any news for Oxfordshire?", "what news is there?", "latest news for Worcs"
  /\bany\s+news\b|\bwhat\s+news\b|\b(?:latest|recent)\s+news\b/i,
  // EXAMPLE: "any new inspections since June?", "any new monitoring visits for Kent?", "are there any new reports?"
  /\bany\s+new\s+(?:ofsted\s+)?(?:inspections?|visits?|reports?|letters?|events?|documents?|papers?|judge?ments?|monitoring|focused|jtais?|mvs?|fvs?|ilacs|short|standard)\b/i,
];

// "since the last visit", "after our latest inspection": the event whose latest one opens the period.
const SINCE_LAST = /\b(?:since|after)\s+(?:the|our|its|their|your|my)\s+(?:last|latest|most\s+recent|previous)\s+([^?.!;,]+)/i;

/** A "what's new?" question, and the kind of event it counts from ("since the last visit"); null for any other. */
function newsOf(text: string): Query['news'] {
  if (!NEWS_WORDS.some((re) => re.test(text))) return null;
  const m = SINCE_LAST.exec(text);
  return { after: m ? kindOf(m[1]!, m[1]!.toLowerCase()) : null };
}

const SINCE_GRADE = /\b(?:since|after)\s+(?:(?:we|it|they|the\s+(?:council|authority|service|services|la))\s+(?:went|was|were|became|got|fell)\s+|going\s+|being\s+|becoming\s+|(?:the|our|its|their)\s+(?:(?:[a-z]+\s+)?(?:19|20)\d\d\s+)?(?:last\s+|latest\s+|most\s+recent\s+)?)?(?:judged\s+|rated\s+|graded\s+|found\s+)?(?:to\s+be\s+|as\s+)?['‘"“]?(inadequate|requires?\s+improvement|good|outstanding)\b['’"”]?(?:\s+(?:judge?ment|rating|grade|outcome))?/i;

/** The first day after a date's period: "February 2022" → 1 March 2022, "2022" → 1 January 2023. */
export function dayAfter(d: PartialDate): PartialDate {
  if (d.month === undefined) return { year: d.year + 1, month: 1, day: 1 };
  if (d.day === undefined) return d.month === 12 ? { year: d.year + 1, month: 1, day: 1 } : { year: d.year, month: d.month + 1, day: 1 };
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function gradeWord(word: string): Grade {
  const w = word.toLowerCase();
  return w.startsWith('req') ? 'requires improvement' : (w as Grade);
}

/** Words that say nothing of a visit's subject. */
const TOPIC_STOP = new Set([...'the a an of in on for to and about into at our their its we they it this that was is were did do does when what who how which ofsted visit inspection focused monitoring joint targeted area ilacs jtai mv fv council children services service last latest most recent previous prior earlier first second third fourth fifth next new current final ever'.split(' ')]);

/**
 * "the focused visit on care leavers", "the JTAI into exploitation": the words after the event that name its subject,
 * for telling apart events of one kind by what they looked at. Null when the question names none.
 */
function topicOf(text: string, authority: string | null): string[] | null {
  // "the focused visit on care leavers", or before the name: "Wirral's care leavers focused visit".
  const m = /\b(?:visits?|inspections?|JTAIs?|MVs?|FVs?)\s+(?:on|about|into|looking\s+at|that\s+looked\s+at|which\s+looked\s+at|focus(?:s|ed|sed|ing)?\s+on)\s+([^?.;]+)/i.exec(text) ??
    /(?:['’]s|\b(?:our|the|their))\s+((?:[a-z][a-z'’-]+\s+){1,3}?)(?:focus(?:s)?ed\s+visit|monitoring\s+visit|visit|jtai|fv|mv)\b/i.exec(text);
  if (!m) return null;
  const own = new Set((authority ?? '').toLowerCase().split(/[^a-z]+/));
  const words = m[1]!.toLowerCase().split(/[^a-z'’-]+/)
    .map((w) => w.replace(/['’]s?$/, ''))
    .filter((w) => w.length > 2 && !TOPIC_STOP.has(w) && !own.has(w) && !/^(?:19|20)\d\d$/.test(w));
  return words.length ? words : null;
}

function kindOf(text: string, lower: string): KindFilter {
  // Typed questions use lower case: "mv", "jtai" count as well as "MV", "JTAI".
  const mentions = findKindMentions(text.replace(/\b(mv|fv|jtai|sif|ilacs)s?\b/gi, (w) => w.toUpperCase()));
  const explicit = mentions.find((m) => m.kind !== null && m.kind !== 'standard');
  if (explicit?.kind === 'jtai') return { kinds: ['jtai'], label: 'joint targeted area inspection' };
  if (explicit?.kind === 'monitoring') return { kinds: ['monitoring'], label: 'monitoring visit' };
  if (explicit?.kind === 'focused') return { kinds: ['focused'], label: 'focused visit' };
  if (explicit?.kind === 'short') return { kinds: ['short'], label: 'short inspection' };
  if (explicit?.kind === 'sif') return { kinds: ['sif'], label: 'single inspection' };
  // "Standard inspection" said in so many words is that framework; "ILACS" or "full inspection" may be either.
  if (/\bstandard (?:ilacs )?inspections?\b/.test(lower)) return { kinds: ['standard'], label: 'standard inspection' };
  if (mentions.some((m) => m.kind === 'standard')) return { kinds: ['standard', 'short', 'sif', 'inspection', 'older'], label: 'inspection' };
  const generic = (family: string): boolean => mentions.some((m) => m.kind === null && m.family === family);
  // "List Worcestershire's inspections and visits": every kind.
  if (generic('visit') && generic('inspection')) return null;
  if (generic('visit')) return { kinds: ALL_VISITS, label: 'visit' };
  // "Who inspected Worcestershire in September 2017?" asks who came, on any kind of inspection or visit.
  const inspectedBy = /\bwho\s+(?:has\s+|have\s+|had\s+|last\s+)?inspect(?:ed|s)?\b/.test(lower);
  if (generic('inspection') || (!inspectedBy && /\binspect(?:ed)?\b/.test(lower)) || /\bjudged\b|\brated?\b|\brating\b|\bjudge?ment\b|\bgraded\b/.test(lower)) {
    return { kinds: [...GRADED_KINDS], label: 'inspection' };
  }
  return null;
}

/**
 * "The May 2016 standard inspection": no ILACS inspection took place before they began, so the words mean the graded
 * inspection of that time (a single inspection, or one of an older framework).
 */
function beforeIlacs(kind: KindFilter, during: Query['during']): KindFilter {
  if (!kind || !during || kind.kinds.some((k) => k !== 'standard' && k !== 'short')) return kind;
  if (sortKey(during.end, 'end') >= sortKey(ILACS_FIRST, 'start')) return kind;
  return { kinds: ['sif', 'inspection', 'older'], label: 'inspection' };
}

function selectorOf(text: string, lower: string): Selector | null {
  if (/\bbefore (?:the )?(?:last|latest|most recent|previous|current)(?: one| inspection| visit)?\b|\bbefore that\b|\bthe one before\b|\bpenultimate\b|\bsecond (?:to )?last\b|\bprior to the (?:last|latest)\b/.test(lower)) {
    return { type: 'beforeLast' };
  }
  const typed = text.replace(/\b(mv|fv)s?\b/gi, (w) => w.toUpperCase());
  for (const m of findKindMentions(typed)) {
    const n = mentionNumber(typed, m);
    // Only visits are numbered in a series; "the first inspection" is the earliest one.
    if (n && n.value === 1 && m.kind !== 'monitoring' && m.family === 'inspection') return { type: 'first' };
    if (n && n.value > 0) return { type: 'nth', n: n.value };
    if (n && n.final) return { type: 'last' };
  }
  if (/\b(?:last|latest|most recent|recent|current|currently|now|previous|present)\b/.test(lower)) return { type: 'last' };
  if (/\b(?:first|earliest|initial)\b/.test(lower)) return { type: 'first' };
  // "Who has led inspections of Leeds?": every one, as the plural asks.
  if (/\ball\b|\blist\b|\bevery\b/.test(lower) || (/^who\b/.test(lower) && findKindMentions(typed).some((m) => m.plural && !m.future))) return { type: 'all' };
  return null;
}

/** The period a question names; `ref` is the date its dates without a year are read against (none: not read). */
function periodOf(text: string, lower: string, ref: PartialDate | null): { during: Query['during']; since: PartialDate | null; before: PartialDate | null } {
  let during: Query['during'] = null;
  let since: PartialDate | null = null;
  let before: PartialDate | null = null;
  const found = findDates(text, ref, 'past', true);
  for (const d of found) {
    const lead = lower.slice(Math.max(0, d.index - 30), d.index);
    if (/\b(?:since|after|from)\s+(?:the\s+|its\s+|their\s+|our\s+|his\s+|her\s+)?$/.test(lead)) since = d.start;
    else if (/\bbefore\s+(?:the\s+|its\s+|their\s+|our\s+)?$/.test(lead)) before = d.start;
    // "by February 2022": up to the end of it.
    else if (/\b(?:by|up\s+to|until)\s+(?:the\s+end\s+of\s+)?$/.test(lead)) before = dayAfter(d.end);
    else if (!during) during = { start: d.start, end: d.end };
  }
  // "How did the grade change between the 2017 and 2022 inspections?": both, and what lies between.
  const plain = found.filter((d) => !/\b(?:since|after|before|from)\s+(?:the\s+|its\s+|their\s+|our\s+)?$/.test(lower.slice(Math.max(0, d.index - 30), d.index)));
  if (plain.length >= 2 && /\bbetween\b|\bchange[ds]?\b|\bcompare|\bversus\b|\bvs\.?\b|\band\b/.test(lower) && /\bbetween\b|\bchange|\bcompare|\bversus\b|\bvs\b|\bboth\b/.test(lower)) {
    during = { start: plain[0]!.start, end: plain[plain.length - 1]!.end };
  }
  // The framework of 1 April 2026 (four judgements, no overall grade): "under the new framework", "since the reform".
  if (!since && !before && /\b(?:under|with|in)\s+the\s+(?:new|current|latest|reformed|2026)\s+framework\b|\b(?:since|after)\s+the\s+(?:\w+\s+){0,2}(?:reform|framework\s+change)|\bpost[- ]reform\b/.test(lower)) {
    since = REFORM_DATE;
  } else if (!since && !before && /\b(?:under|with|in)\s+the\s+(?:old|previous|former)\s+framework\b|\bbefore\s+the\s+(?:\w+\s+){0,2}(?:reform|framework\s+change)|\bpre[- ]reform\b/.test(lower)) {
    before = REFORM_DATE;
  }
  return { during, since, before };
}

const STOP = new Set(['the', 'a', 'an', 'of', 'in', 'for', 'to', 'and', 'was', 'is', 'what', 'when', 'who', 'how',
  'last', 'first', 'next', 'visit', 'inspection', 'ofsted', 'council', 'rated', 'judged', 'did', 'does', 'were', 'we',
  'our', 'they', 'their', 'it', 'its', 'there', 'been', 'have', 'has', 'many', 'which', 'any', 'all', 'list', 'show',
  'me', 'about', 'on', 'at', 'by', 'with', 'from', 'mv', 'fv', 'jtai', 'ilacs', 'sif', 'good', 'inadequate',
  'outstanding', 'requires', 'improvement', 'since', 'before', 'after', 'most', 'recent', 'latest']);

/** What a question was read to say of its authority. */
interface FoundAuthority {
  authority: string | null;
  /** The words that name it, as typed; null for the default. */
  typed?: string;
  unknown: string | null;
  notAnAuthority: Query['notAnAuthority'];
  from: Query['authorityFrom'];
  spelling: Query['spelling'];
  choices: Query['authorityChoices'];
}

const MONTHS = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter)$/i;

/**
 * The authority a question names (also lower-case short forms: "worcs", and names typed with a slip:
 * "Worcestershre"), else the context's default. A name several authorities answer to ("Cumbria", which two
 * replaced) gives them as choices and no authority.
 */
function findAuthority(text: string, ctx: QuestionContext): FoundAuthority {
  const none = { unknown: null, notAnAuthority: null, spelling: null, choices: null };
  const named = (authority: string, typed: string, spelling: Query['spelling'] = null): FoundAuthority => ({
    ...none, authority, typed, unknown: ctx.onRecord.includes(authority) ? null : authority, from: 'question', spelling,
  });
  const several = (typed: string, choices: string[]): FoundAuthority => ({
    ...none, authority: null, from: null, choices: { typed, choices, succession: ctx.authorities.succession(typed) },
  });
  const mentions = ctx.authorities.find(text);
  const first = mentions[0];
  if (first) {
    // One name for several authorities (a former county, a shared company): which is meant is the user's to say.
    const same = [...new Set(mentions.filter((m) => m.start === first.start && m.end === first.end).map((m) => m.authority))];
    return same.length > 1 ? several(first.text, same) : named(first.authority, first.text);
  }
  // Short forms typed in lower case: try each run of up to four words as an exact name or alias.
  const words = text.split(/[^\p{L}&'’-]+/u).filter((w) => w.length > 0);
  for (let len = Math.min(4, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const run = words.slice(i, i + len);
      if (run.every((w) => STOP.has(w.toLowerCase())) || (len === 1 && (STOP.has(run[0]!.toLowerCase()) || run[0]!.length < 3))) continue;
      const name = run.join(' ').replace(/['’]s$/i, '');
      let hits = ctx.authorities.exact(name);
      // "somersets 2026 inspection": a possessive typed without its apostrophe.
      if (hits.length === 0 && name.length > 4 && /[^s'’]s$/i.test(name)) hits = ctx.authorities.exact(name.slice(0, -1));
      if (hits.length > 1) return several(name, hits);
      if (hits.length === 1) return named(hits[0]!, name);
    }
  }
  // "When was Cherwell last inspected?": a district council, whose children's services its county runs.
  const district = findDistrictCouncil(text);
  if (district) return { ...none, authority: null, from: null, notAnAuthority: { name: district.name, suggestions: [district.authority] } };
  // "Worcestershre", "Oxfordsire", "Kentt": a word the documents never use, spelt close to an authority's name.
  const slip = misspeltName(text, ctx);
  if (slip) {
    if (slip.matches.length === 1) return named(slip.matches[0]!, slip.typed, { typed: slip.typed, authority: slip.matches[0]! });
    return several(slip.typed, slip.matches.length > 1 ? slip.matches : slip.suggestions);
  }
  // "What was Narnia's last judgement?": a capitalised name that is no English authority.
  const place = /\b(?:for|in|of|about|at|was|were|did|has|is|does)\s+([A-Z][\p{L}-]+(?:\s+(?:and|upon|on)?\s*[A-Z][\p{L}-]+)*)|\b([A-Z][\p{L}-]{2,}(?:\s+[A-Z][\p{L}-]+)*)['’]s\b/u.exec(text.slice(1));
  // "what about narnia?": a follow-up that can only be naming a place, in any case.
  const about = /^(?:and\s+|so\s+)?(?:what|how)\s+about\s+([\p{L}][\p{L} '’-]*?)\s*[?!.]*$/iu.exec(text.trim());
  const aboutName = about && about[1]!.split(/\s+/).every((w) => unknownWord(w, ctx)) ? about[1]! : undefined;
  const name = place?.[1] ?? place?.[2] ?? aboutName;
  // An acronym ("TfC", "DfE", "MASH") names an organisation or a service, not a place.
  const acronym = name !== undefined && /^(?:[A-Z][a-z]?){1,2}[A-Z]+s?$|^[A-Z]{2,6}s?$/.test(name);
  if (name && !acronym && !/^(?:Ofsted|ILACS|JTAI|HMI|SIF|MV|FV|I|January|February|March|April|May|June|July|August|September|October|November|December)$/.test(name)) {
    const r = ctx.authorities.resolve(name);
    if (r.matches.length === 0) return { ...none, authority: null, from: null, notAnAuthority: { name, suggestions: r.suggestions } };
  }
  const fallback = ctx.defaultAuthority ? (ctx.authorities.resolve(ctx.defaultAuthority).matches[0] ?? null) : null;
  return { ...none, authority: fallback, unknown: fallback && !ctx.onRecord.includes(fallback) ? fallback : null, from: fallback ? 'default' : null };
}

/**
 * Whether a typed word may be part of a misspelt name: not a word of the question's grammar or of the domain, not
 * a month, not a word the documents use; a word under six letters only when capitalised ("Kentt"), as a name is.
 */
function unknownWord(word: string, ctx: QuestionContext): boolean {
  const w = word.replace(/['’]s$/i, '');
  const lower = w.toLowerCase();
  if (w.length < 4 || STOP.has(lower) || isDomainWord(lower) || MONTHS.test(w) || /[^\p{L}'’-]/u.test(w)) return false;
  if (ctx.knownWord?.(lower)) return false;
  return w.length >= 6 || /^\p{Lu}/u.test(w);
}

/**
 * The run of up to four words, longest first, that holds a word unknown to the documents and is spelt near an
 * authority's name (`AuthorityDirectory.near`): the one authority, or the several equally near. A short word at the
 * start of the question ("Full inspection…") is taken only when it is the whole question.
 */
function misspeltName(text: string, ctx: QuestionContext): { typed: string; matches: string[]; suggestions: string[] } | null {
  const words = [...text.matchAll(/[\p{L}][\p{L}'’-]*/gu)];
  const whole = words.length === 1;
  for (let len = Math.min(4, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const run = words.slice(i, i + len);
      const edge = [run[0]![0], run[run.length - 1]![0]].map((w) => w.toLowerCase().replace(/['’]s$/, ''));
      if (edge.some((w) => STOP.has(w) || isDomainWord(w))) continue;
      const slips = run.filter((m) => unknownWord(m[0], ctx) && (whole || m.index > 0 || m[0].replace(/['’]s$/i, '').length >= 6));
      if (slips.length === 0) continue;
      const last = run[run.length - 1]!;
      const typed = text.slice(run[0]!.index, last.index + last[0].length).replace(/['’]s$/i, '');
      const r = ctx.authorities.near(typed);
      if (r.matches.length || r.suggestions.length > 1) return { typed, ...r };
    }
  }
  return null;
}
