/**
 * What an inspection or visit looked at and what it said must improve, as sentences say it: "the visit focused on
 * …", "inspectors reviewed …", "the focus of the visit had been …"; "areas for further improvement, particularly
 * around …", "These include …", "What needs to improve - …", "more work is needed to …".
 */
import { CARDINAL_WORD, cardinalValue } from './numbers';
import type { Rule } from './rules';

/** A finding in a sentence: its text (from `start`), or a list to follow when the sentence ends on a colon. */
export interface Finding {
  start: number;
  text: string;
  /** The sentence introduces a list ("…focused on:", "…which included:"). */
  listFollows: boolean;
}

/** Phrasings of what an event looked at; the first group starts the focus itself. */
export const FOCUS_CUES: Rule<'focus'>[] = [
  { name: 'focused on', examples: ['The visit focused on the council’s response to contacts', 'The inspection, which took place in March 2025, focused on:', 'looked at the local authority’s arrangements for care leavers'], counter: ['a focus on improving'], re: /\b(?:focus(?:s|ed|sed|ing)|concentrated|looked|looking)\s+(?:particularly\s+|specifically\s+|closely\s+)?(?:on|upon|at)\b\s*:?\s*/i, value: 'focus' },
  { name: 'the focus was', examples: ['the focus of the visit had been permanency planning', 'The focus was on children in care', 'with a particular focus on permanency'], re: /\b(?:the|a|its|their)\s+(?:main\s+|particular\s+|key\s+)?focus\s+(?:of\s+(?:the|this|their)\s+(?:visit|inspection)\s+)?(?:was|had\s+been|is|has\s+been|being|were)?\s*(?:on\s+|upon\s+)?\b/i, value: 'focus' },
  { name: 'inspectors reviewed', examples: ['inspectors reviewed the Peterborough Multi-Agency Safeguarding Hub', 'Inspectors evaluated the experiences of children in care', 'the visit covered: contacts and referrals', 'they examined the front door'], counter: ['inspectors reviewed records, assessments and data'], re: /\b(?:inspectors|they|the\s+visit|this\s+visit|the\s+inspection|it)\s+(?:specifically\s+|also\s+)?(?:evaluated|reviewed|examined|explored|considered|covered|assessed|scrutinised|tested|checked)\b(?![\s:]*(?:records|case\s+files|documents|data|information|performance\s+information))\s*:?\s*/i, value: 'focus' },
  { name: 'areas covered', examples: ['Areas covered by the visit were', 'the areas covered included'], re: /\bareas?\s+covered(?:\s+by\s+the\s+(?:visit|inspection))?\b\s*(?:were|was|included|:)?\s*/i, value: 'focus' },
  { name: 'deep dive', examples: ['a deep dive into neglect', 'deep dives on children on the edge of care'], re: /\bdeep[- ]dives?\s+(?:into|on|of)\s+/i, value: 'focus' },
];

/** Phrasings that introduce what must improve; the match ends where the improvements themselves begin. */
export const IMPROVE_CUES: Rule<'improve'>[] = [
  { name: 'what needs to improve', examples: ['What needs to improve - The practice of conducting visits', 'What needs to improve?'], re: /\bwhat\s+needs\s+to\s+improve\b\s*\??\s*(?:[-–—:]\s*)?/i, value: 'improve' },
  { name: 'areas for improvement, such as', examples: ['some areas which require further improvement, such as consistency', 'areas for further improvement, particularly around supporting children', 'areas for further improvement - including how the service supports', 'They have listed 11 areas of improvement including caseloads'], re: /\bareas?\s+(?:for|of|requiring|that\s+requires?|which\s+requires?|needing|in\s+need\s+of|where\s+(?:we|the\s+\w+)\s+need\s+to)\s+(?:further\s+|some\s+)?(?:improvement|development|work|attention|go\s+further)\b[^:]{0,20}?(?:,?\s*(?:particularly|especially|notably)\s+(?:around|in|on)\s+|,?\s*(?:such\s+as|including|include|includes|around)\s+|\s*[-–—:]\s*(?:including\s+)?)/i, value: 'improve' },
  { name: 'these include', examples: ['These include the timeliness of some strategy discussions'], re: /^(?:these|they|this)\s+(?:include|included|includes|are|were|was|covered)\b\s*:?\s*/i, value: 'improve' },
  { name: 'needs to be addressed, which included', examples: ['issues that the Strategic Director acknowledged need to be addressed, which included:'], re: /\bneed(?:s|ed)?\s+to\s+be\s+(?:addressed|improved|strengthened|tackled)\b[^.]*?(?:which\s+include[sd]?|including|are|were)?\s*:\s*/i, value: 'improve' },
  { name: 'plans to improve, as follows', examples: ['This will include plans to improve in the four key areas outlined in the report, as follows:', 'The areas for development are:'], counter: ['performance in the following area requires improvement:'], re: /\b(?<!requires?\s|requiring\s)(?:improve|improvements?|development|address|strengthen)\w*\b(?!\s+to\s+be\s+good)[^.]{0,120}?(?:as\s+follows|are|were|include[sd]?|including)?\s*:\s*$|\b(?:improve|improvements?|development)\b[^.:]{3,120}:\s*$/i, value: 'improve' },
  { name: 'must improve', examples: ['the council must improve:', 'Ofsted said we must improve the following:', 'the report identifies the following:'], re: /\b(?:must|should|needs?\s+to|need\s+to)\s+(?:improve|strengthen|address)\b[^.:]{0,40}:\s*|\bidentifies\s+the\s+following\s*:\s*/i, value: 'improve' },
];

/** A sentence that is itself an improvement needed ("greater consistency was needed in…", "more work is needed to…"). */
const IMPROVEMENT_SENTENCE = /\b(?:(?:more|further|continued|additional)\s+work\s+(?:is|was)\s+(?:still\s+)?needed|(?:greater|more|better|stronger|improved)\s+[\w\s-]{2,40}?\s+(?:was|is|were|are)\s+(?:still\s+)?(?:needed|required)|needs?\s+to\s+be\s+strengthened|need(?:s|ed)?\s+(?:further\s+)?improvement|requires?\s+(?:further\s+|stronger\s+)?(?:improvement|oversight|development)|required\s+(?:further\s+)?(?:development|improvement|stronger)|too\s+many\s+[\w\s-]{2,40}\s+(?:are|were)\s+not\b|raised\s+concerns?\s+about|areas?\s+of\s+concern\b|there\s+needs\s+to\s+be\s+(?:an?\s+)?(?:improvement|better|more)|still\s+(?:significant\s+)?challenges)/i;

/** Grades, which name "improvement" without asking for any. */
const GRADE_PHRASE = /['‘"“]?\brequir(?:es?|ed|ing)\s+improvement(?:\s+to\s+be\s+good)?\b['’"”]?(?=\s*(?:$|[.,;:)]|to\s+be|overall|for|in|at|and|judge?ment|rating|was|were|is|are))/gi;
/** Who says it must improve: Ofsted, its inspectors, the report or letter, the visit. */
const ATTRIBUTED = /\b(?:Ofsted|OFSTED|[Ii]nspectors?|HMIs?|the\s+(?:report|letter|visit|inspection|findings)|[Tt]hey\s+(?:also\s+)?(?:found|noted|said|identified|reported|highlighted|raised|stated|advised)|[Tt]he\s+(?:report|letter)\s+(?:also\s+)?(?:says|said|notes|highlights|identifies|found))\b/;

/** What a sentence says an event looked at, or null. */
export function readFocus(text: string): Finding | null {
  for (const rule of FOCUS_CUES) {
    const re = new RegExp(rule.re.source, rule.re.flags.replace('g', ''));
    const m = re.exec(text);
    if (!m) continue;
    const start = m.index + m[0].length;
    const rest = text.slice(start).trim();
    if (/^(?:improving|improvement|doing|making|ensuring|what)\b/i.test(rest)) continue;
    if (rest.length === 0 || /:\s*$/.test(text)) return { start, text: rest.replace(/:\s*$/, ''), listFollows: true };
    if (rest.length < 6) continue;
    return { start, text: rest.replace(/\s*[.;]\s*$/, ''), listFollows: false };
  }
  return null;
}

/**
 * What a sentence says must improve: the items after its cue, the whole sentence when it is one, a list to follow
 * when it ends on a colon, or null. `afterCue` says the previous sentence announced improvements ("…identified areas
 * that require further improvement."), so "These include …" carries them.
 */
export function readImprovement(text: string, afterCue: boolean): Finding | null {
  for (const rule of IMPROVE_CUES) {
    if (rule.name === 'these include' && !afterCue) continue;
    const re = new RegExp(rule.re.source, rule.re.flags.replace('g', ''));
    const m = re.exec(text);
    if (!m) continue;
    const start = m.index + m[0].length;
    const rest = text.slice(start).trim();
    if (rest.length === 0 || /:\s*$/.test(text)) return { start, text: rest.replace(/:\s*$/, ''), listFollows: true };
    return { start, text: rest.replace(/\s*[.;]\s*$/, ''), listFollows: false };
  }
  // A sentence that is one says who found it ("Ofsted also reported that greater consistency was needed…").
  if (IMPROVEMENT_SENTENCE.test(text.replace(GRADE_PHRASE, ' ')) && ATTRIBUTED.test(text)) return { start: 0, text: text.replace(/\s*[.;]\s*$/, ''), listFollows: /:\s*$/.test(text) };
  return null;
}

/** A sentence that announces improvements without naming them ("…they identified areas that require further improvement."). */
export function announcesImprovements(text: string): boolean {
  return /\b(?:identified|highlighted|found|listed|set\s+out|noted)\s+(?:\w+\s+){0,3}?(?:areas?|things|issues)\s+(?:that|which|for|where)\b[^.]{0,40}\b(?:improv\w*|develop\w*|work)\b/i.test(text) ||
    /\bareas?\s+(?:for|of)\s+(?:further\s+)?(?:improvement|development)\s*[.:]?\s*$/i.test(text);
}

const IMPROVE_COUNT = new RegExp(
  `\\b(${CARDINAL_WORD})\\s+(?:key\\s+|main\\s+|further\\s+|specific\\s+)?(?:areas?\\s+(?:for|of|that|which|to|needing|in\\s+need)\\s+(?:\\w+\\s+){0,3}?(?:improv\\w*|develop\\w*|address\\w*)|recommendations|areas?\\s+of\\s+improvement|improvements?|priority\\s+actions?)\\b` +
  `|\\b(?:identified|found|highlighted|set\\s+out|outlined|made|gave|noted|listed)\\s+(${CARDINAL_WORD})\\s+(?:key\\s+|main\\s+)?(?:areas?|recommendations?|things|improvements?)\\b`,
  'i',
);

/** "Nineteen recommendations had been made", "They have listed 11 areas of improvement": the count, or null. */
export function improvementCount(text: string): { value: number; start: number; end: number } | null {
  const m = IMPROVE_COUNT.exec(text);
  if (!m) return null;
  const value = cardinalValue(m[1] ?? m[2] ?? '');
  if (value === undefined || value > 60) return null;
  return { value, start: m.index, end: m.index + m[0].length };
}

/** A joint inspection's theme as its name gives it: "joint targeted area inspection of the multi-agency response to serious youth violence". */
const THEME = /\b(?:joint\s+targeted\s+area\s+inspection|JTAI|joint\s+(?:multi-agency\s+)?inspection)\b(?:\s*\(JTAI\))?[^.;]{0,40}?\b(?:of|into|on|focus(?:s|ed|sing)?\s+on|looking\s+at)\s+(?:the\s+)?(?:multi-agency\s+)?(?:response\s+to\s+)?([^.;(]{6,120})/i;

/** The theme a sentence gives a joint inspection, or null. */
export function readTheme(text: string): { text: string; start: number } | null {
  const m = THEME.exec(text);
  if (!m) return null;
  // "…of Somerset - serious youth violence -action plan": the authority and an agenda's words are no part of it.
  const theme = m[1]!.replace(/\s+in\s+[A-Z][\w\s'’&-]*$/, '').replace(/^[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*\s*[-–—:]\s*/, '')
    .replace(/\s*[-–—]\s*(?:action\s+plan|update|report|briefing|outcome|findings)\b.*$/i, '').replace(/[\s,-]+$/, '').trim();
  return theme.length >= 6 ? { text: theme, start: m.index + m[0].length - m[1]!.length } : null;
}

/** The column titles of a table of inspections and visits ("Visit   Date   Focus   Lead HMI"). */
const TABLE_HEADER = /^(?:visits?|inspections?|events?|dates?|focus|theme|subject|scope|lead(?:\s+(?:HMI|inspector))?|HMI|inspectors?|outcome|judge?ment|type|number)$/i;

/** The cells of a line set out in columns (a run of three spaces or a tab between them), or null for prose. */
export function tableCells(line: string): string[] | null {
  if (line.includes('\n')) return null;
  const cells = line.trim().split(/ {3,}|\t+|\s*\|\s*/).map((c) => c.trim()).filter((c) => c.length > 0);
  return cells.length >= 3 ? cells : null;
}

/** True for a table's header row: most of its cells are column titles. */
export function isTableHeader(cells: string[]): boolean {
  return cells.filter((c) => TABLE_HEADER.test(c)).length >= 2;
}
