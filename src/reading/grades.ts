/**
 * Judgements in a sentence: a grade with the areas it is given for, as prose, a list row or a flattened table row
 * writes it ("help and protection services … were judged to be requiring improvement", "Overall effectiveness –
 * Outstanding", "| Good |", "all four areas were judged good"). Aspirations, denials, definitions of the scale and
 * grades of other things (a safeguarding board, schools, "good practice") are left out.
 */
import type { Area, Grade } from '../timeline/types';
import { matchRules, type Rule, type RuleMatch } from './rules';

/** A grade as written, with what it is given for. */
export interface GradeSpan {
  grade: Grade;
  /** The areas it judges; ['overall'] when it names none. */
  areas: Area[];
  start: number;
  end: number;
  /** "from an ‘inadequate’ rating to ‘good’": the grade an earlier event gave. */
  prior: boolean;
  /** "This area requires improvement": its area is the one named just before. */
  thisArea: boolean;
  /** "performance was Good in the following areas:": the list that follows names its areas. */
  listFollows: boolean;
  /** A row of a judgement table or list: an area's label and its grade, and nothing else. */
  row: boolean;
  /** The areas came from the sentence's words, not the default. */
  named: boolean;
}

/** Every judgement area, for "all areas". */
export const EVERY_AREA: Area[] = ['overall', 'leaders', 'help and protection', 'children in care', 'care leavers'];

export const GRADE_WORDS: Rule<Grade>[] = [
  {
    name: 'requires improvement',
    examples: ['requires improvement to be good', 'were judged to be requiring improvement', 'rated "required improvement to be good"', "‘require improvement to be good’"],
    re: /\brequir(?:es?|ed|ing)\s+improvement(?:\s+to\s+be\s+good)?\b/i,
    value: 'requires improvement',
  },
  { name: 'RI', examples: ['judged RI in 2019'], counter: ['Rhode Island ri'], re: /\bRI\b/, value: 'requires improvement' },
  { name: 'inadequate', examples: ['judged inadequate'], re: /\binadequate\b/i, value: 'inadequate' },
  { name: 'outstanding', examples: ['rated outstanding'], re: /\boutstanding\b/i, value: 'outstanding' },
  { name: 'good', examples: ['rated ‘good’'], re: /\bgood\b/i, value: 'good' },
  { name: 'adequate', examples: ['judged adequate in 2012'], re: /\badequate\b/i, value: 'adequate' },
];

/** How areas are named. */
export const AREA_NAMES: Rule<Area[]>[] = [
  {
    name: 'children in care and care leavers',
    examples: ['The experiences and progress of children in care and care leavers', 'children looked after and care leavers'],
    re: /\bchildren\s+(?:in\s+care|(?:who\s+are\s+)?looked\s+after)(?:\s+and\s+achieving\s+permanence)?,?\s+and\s+(?:for\s+)?care\s+leavers\b/i,
    value: ['children in care', 'care leavers'],
  },
  {
    name: 'every area',
    examples: ['in every area assessed', 'all four areas', 'Each of these focus areas', 'across the board', 'all judgements', 'in all areas', 'on every measure'],
    re: /\b(?:all|every|each)\s+(?:of\s+(?:the|these|its|our)\s+)?(?:\d+\s+|three\s+|four\s+|five\s+)?(?:inspected\s+|judge?ment\s+|key\s+|focus\s+|assessed\s+|graded\s+)?(?:areas?|judge?ments|aspects|categories|measures?)\b(?!\s+(?:for|of)\s+(?:improvement|development))|\bacross\s+the\s+board\b/i,
    value: EVERY_AREA,
  },
  {
    name: 'overall',
    examples: ['Overall effectiveness', 'the overall judgement', 'Our overall grading judgement', 'Overall effect', 'the overall service', 'overall'],
    re: /\boverall(?:\s+(?:grading\s+)?(?:effect\w*|judge?ment|rating|grade|outcome|service))?\b/i,
    value: ['overall'],
  },
  {
    name: 'leaders',
    examples: ['The impact of leaders on social work practice', 'impact of senior leaders', 'leadership, management and governance', 'leadership and governance', 'leaders'],
    re: /\bimpact\s+of\s+(?:senior\s+)?leaders\b|\bleadership(?:,?\s+management)?(?:\s+and\s+(?:governance|management))?\b|\bleaders\b/i,
    value: ['leaders'],
  },
  {
    name: 'help and protection',
    examples: ['children who need help and protection', 'help and protection services', 'children in need of help', 'Children who need help'],
    re: /\bhelp\s+and\s+protection\b|\b(?:who\s+)?need(?:ing|s)?\s+(?:of\s+)?help\b|\bin\s+need\s+of\s+help\b/i,
    value: ['help and protection'],
  },
  {
    name: 'children in care',
    examples: ['The experiences and progress of children in care', 'looked after children', 'children looked after', 'Children looked after and achieving permanence', 'CLA'],
    re: /\bchildren\s+in\s+care\b|\blooked[- ]after\s+children\b|\bchildren\s+(?:who\s+are\s+)?looked\s+after\b|\bCLA\b/i,
    value: ['children in care'],
  },
  {
    name: 'care leavers',
    examples: ['care leavers', 'young people leaving care', 'Experiences and progress of care leavers'],
    re: /\bcare\s+leavers?\b|\b(?:young\s+people|children)\s+leaving\s+care\b/i,
    value: ['care leavers'],
  },
  {
    name: 'adoption',
    examples: ['adoption performance', 'the adoption service', 'Adoption services', 'Adoption'],
    counter: ['placed for adoption'],
    re: /(?<!for\s)\badoption(?:\s+(?:performance|services?))?\b(?!@|\s+(?:agency|agencies|panel|order|leave|allowance|support\s+fund))/i,
    value: ['adoption'],
  },
];

/** Things graded that are not the authority's children's services. */
const OTHER_SUBJECT = /\b(?:LSCB|(?:local\s+)?safeguarding\s+children(?:['’]s)?\s+board|safeguarding\s+(?:children\s+)?partnership|settings?|schools?|nurser(?:y|ies)|children['’]s\s+centres?|children['’]s\s+homes?|secure\s+(?:children['’]s\s+)?home|pupil\s+referral\s+units?|providers?|fostering\s+(?:service|agency)|adoption\s+agency|regional\s+adoption|independent\s+visitors?|academ(?:y|ies)|colleges?|Lodge)\b/gi;

/** Words before a grade that show it is hoped for, not given. */
const ASPIRATION = /\b(?:meet|meets|reach|reaching|become|becoming|aim|aims|aiming|aspir\w*|ambition\w*|target\w*|towards|journey|move\s+(?:to|from)|get\s+to|strive|striving|achieving(?!\s+permanence)|ensure|want|wants|hope|hopes|determined|goal|plans?\s+to|work\s+to|working\s+to|push\s+(?:on\s+)?to)\s+(?:[\w'’-]+\s+){0,5}['‘"“]?(?:an?\s+)?$/i;
/** Words before a grade that expect it, not report it: "are expecting the report will find our services inadequate". */
const EXPECTED = /\b(?:expect(?:s|ed|ing)?|anticipat(?:e|es|ed|ing)|predict(?:s|ed|ing)?|fear(?:s|ed)?|hope[sd]?|likely\s+to\s+be|will\s+(?:find|judge|rate|be\s+(?:judged|rated|found))|would\s+(?:find|be\s+(?:judged|rated))|could\s+be\s+(?:judged|rated))\b[^.;]{0,60}$/i;
/** Words before a grade that deny it. */
const NEGATED = /\b(?:not|never|no\s+longer|none\s+(?:\w+\s+){0,3}|nor)\s+(?:yet\s+|even\s+)?(?:been\s+|be\s+|were\s+|was\s+)?(?:judged\s+|rated\s+|graded\s+|found\s+)?(?:to\s+be\s+|as\s+)?['‘"“]?$/i;
/** A grade defined, not given: "A local authority that is inadequate…", "the characteristics of good". */
const DEFINITION_BEFORE = /\b(?:an?|any)\s+(?:[\w-]+\s+){1,3}(?:that|which|where)\s+(?:is\s+|are\s+|was\s+)?(?:judged\s+|rated\s+)?(?:to\s+be\s+|as\s+)?['‘"“]?$|\bcharacteristics\s+of\s+$|\bcriteria\s+for\s+$|\bbetween\s+['‘"“]?$/i;
const DEFINITION_AFTER = /^['’"”]?\s+(?:if|when|where)\b|^['’"”]?\s+and\s+['‘"“]?(?:good|outstanding|inadequate)\b(?=[^.]*\bsits?\b)/i;
/** Words after an unquoted grade that make it an adjective of something else ("good practice", "outstanding issues"). */
const NOUN_AFTER = /^['’"”]?\s+(?!(?:for|in|at|by|from|on|across|with|and|overall|outcomes?|judge?ments?|ratings?|grades?|to\s+be|was|were|is|has|had|been|given|awarded|again|rating|result|ofsted|since|following|after|when|this|as|because|under|once|twice|two|three|four|five|last|previously|until|during)\b)[a-z]/;
/** Verbs and nouns of judging, before a grade in its clause. */
const JUDGING = /\b(?:judge?ments?|judged|judging|rated|rating|ratings|graded|grades?|grading|outcome|effectiveness|classed|classified|assessed|found|deemed|ranked|awarded|given|achieved|received|retained|kept|maintained|remain(?:s|ed|ing)?|continues?\s+to\s+be|continued\s+to\s+be|are\s+now|is\s+now|were|was|are|is|be|been|being|as|of|–|—|-|:|\|)\W*(?:\w+\W+){0,1}$|\b(?:moved|rose|risen|went|gone|climbed|jumped|improved|fell|fallen|dropped)\s+(?:up\s+|down\s+)?from\s+['‘"“]?(?:inadequate|requires?\s+improvement(?:\s+to\s+be\s+good)?|good|outstanding)['’"”]?(?:\s+to\s+['‘"“]?)?$|\b(?:moved|rose|risen|went|gone|climbed|jumped|improved|fell|fallen|dropped)\s+(?:up\s+|down\s+)?from\s+['‘"“]?$/i;
/** Where a clause ends inside a sentence. */
const CLAUSE_BREAK = /;|,\s*(?=while\b|whereas\b|but\b|although\b|with\b|and\s+(?:the|its|their|services|children|care|help|leaders)\b)|\s+(?:while|whereas|but)\s+|\s[–—-]\s+(?=with\b)|\.\s/gi;


function clauseBounds(text: string, at: number): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(text)) !== null) {
    const e = m.index + m[0].length;
    if (e <= at) start = e;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

function areasIn(matches: RuleMatch<Area[]>[]): Area[] {
  const out: Area[] = [];
  for (const m of matches) for (const a of m.rule.value) if (!out.includes(a)) out.push(a);
  return out;
}

/** The grades a sentence gives as judgements, each with its areas. */
export function readGrades(text: string): GradeSpan[] {
  const words = matchRules(GRADE_WORDS, text);
  if (words.length === 0) return [];
  const areaMatches = matchRules(AREA_NAMES, text);
  const kept: GradeSpan[] = [];
  for (const w of words) {
    const grade = w.rule.value;
    const { start, end } = w;
    const raw = text.slice(start, end);
    const before = text.slice(Math.max(0, start - 70), start);
    const after = text.slice(end, end + 50);
    const line = lineAround(text, start, end);
    const quoted = /['‘"“]\s*$/.test(before) && /^\s*['’"”]/.test(after);
    const capitalised = /^[A-Z]/.test(raw) && /[a-z,]\s+$/.test(before);
    const row = isRow(line.before, line.after);
    if (ASPIRATION.test(before) || NEGATED.test(before) || DEFINITION_BEFORE.test(before) || DEFINITION_AFTER.test(after) || EXPECTED.test(before)) continue;
    // "28% of local authorities are rated good or outstanding": one of two grades is no judgement of one service.
    if (/^\s*['’"”]?\s*(?:or|and\/or)\s+['‘"“]?(?:outstanding|good|inadequate|requires?\s+improvement|requiring\s+improvement)/i.test(after) ||
        /(?:outstanding|good|inadequate|improvement(?:\s+to\s+be\s+good)?)['’"”]?\s+(?:or|and\/or)\s+['‘"“]?$/i.test(before)) continue;
    const clause = clauseBounds(text, start);
    const clauseBefore = text.slice(clause.start, start);
    if (!row && !quoted && NOUN_AFTER.test(after) && !/^\s+(?:for\s+)?(?:children|care\s+leavers)\b/i.test(after)) continue;
    const strongWord = grade === 'inadequate' || (grade === 'requires improvement' && /to\s+be\s+good/i.test(raw));
    if (!row && !quoted && !strongWord && !(capitalised && grade !== 'outstanding') && !JUDGING.test(before) && !/^\s+(?:outcomes?|judge?ments?|ratings?|grades?)\b/i.test(after) &&
        !/\b(?:judged|rated|graded|judging|deemed|found)\b/i.test(clauseBefore)) continue;
    // "There were areas of practice requiring improvement": what needs work, not a grade.
    if (grade === 'requires improvement' && !quoted && !row && /^requiring/i.test(raw) && /\bareas?\s+(?:of\s+\w+\s+)?$/i.test(before)) continue;
    // The nearest thing named before the grade in its clause is something else the authority runs or works with.
    const subjectBefore = text.slice(Math.max(clause.start, kept.length ? kept[kept.length - 1]!.end : 0), start);
    // An area just after the grade before ("‘inadequate’ overall with…") is that grade's, not this one's.
    const prevEnd = kept[kept.length - 1]?.end ?? 0;
    const own = areaMatches.filter((a) => a.start >= clause.start && a.end <= start && a.start >= prevEnd &&
      !(prevEnd > 0 && /^\s*['’"”]?\s*$/.test(text.slice(prevEnd, a.start))));
    const otherAt = lastIndexOf(OTHER_SUBJECT, subjectBefore);
    const lastOwn = own[own.length - 1];
    if (otherAt >= 0 && (!lastOwn || lastOwn.start - (start - subjectBefore.length) < otherAt)) continue;
    // A row's label is the whole line before its grade.
    // A row's label is the whole line before its grade, back to the grade of a row before it on the same line
    // ("… leaders … | Outstanding | … help and protection | Good |").
    let areas = row ? areasIn(areaMatches.filter((a) => a.end <= start && a.start >= Math.max(start - line.before.length, prevEnd))) : areasIn(own);
    // "The four good judgements were for: A; B; C; and D": the areas that follow, to the sentence's end.
    const listed = /^\s*['’"”]?\s*judge?ments?\s+(?:were|was|are|is)?\s*(?:for|in)\b/i.test(after);
    if (listed) areas = areasIn(areaMatches.filter((a) => a.start >= end));
    else if (areas.length === 0) {
      // "judged good for care leavers", "the Inadequate judgement in the area of children who need help".
      // "rated good, leaders outstanding": an area with a grade of its own just after is that grade's.
      const ahead = areaMatches.filter((a) => a.start >= end && a.start < Math.min(clause.end, end + 70) && !/[.;]/.test(text.slice(end, a.start)) &&
        !words.some((x) => x.start >= a.end && x.start - a.end < 20 && /^[\s:,'‘"“-]*(?:was\s+|were\s+|is\s+|are\s+)?(?:judged\s+|rated\s+)?$/i.test(text.slice(a.end, x.start))));
      if (ahead.length) areas = areasIn(ahead.slice(0, 2));
    }
    const named = areas.length > 0;
    // "three of the four areas are now good": a count of areas, no grade for the whole.
    if (!named && /\b(?:\w+\s+of\s+(?:the\s+)?(?:\w+\s+)?|(?:two|three|most|some|several|many|other)\s+)(?:judge?ment\s+)?areas\s+(?:(?:are|were|was|is|have\s+been|had\s+been|now|all|also|rated|judged|graded|found|deemed|as|to\s+be)\s+)*['‘"“]?$/i.test(clauseBefore)) continue;
    if (!named) areas = ['overall'];
    kept.push({
      grade, areas, start, end,
      prior: (/\bfrom\s+(?:an?\s+|its\s+|their\s+)?['‘"“]?$/i.test(before) && /^\s*['’"”]?\s*(?:\w+\s+){0,3}(?:rating|judge?ment|grade)?\s*to\b/i.test(after)) ||
        // "shakes off its 'requires improvement' tag", "out of 'inadequate'": a grade left behind.
        /\b(?:shak(?:es|ing|e)\s+off|shed(?:s|ding)?|le(?:aves|ft|aving)\s+behind|out\s+of|moved?\s+(?:up\s+)?from|escap(?:es|ed|ing)|lift(?:s|ed|ing)?\s+(?:\w+\s+){0,2}from|no\s+longer\s+(?:rated|judged)?)\s+(?:its\s+|the\s+|an?\s+|their\s+)?['‘"“]?$/i.test(before),
      thisArea: /\b(?:this|that)\s+area\s+(?:\w+\s+){0,4}$/i.test(before),
      listFollows: /\b(?:following|these)\s+areas?\b[^.]*:\s*$/i.test(text) && !named,
      row, named,
    });
    // "…while the adoption service is outstanding, as is leadership and governance": the same grade again.
    const asIs = /^\s*['’"”]?\s*,?\s*as\s+(?:is|are|was|were)\s+/i.exec(after);
    if (asIs) {
      const from = end + asIs[0].length;
      const next = areaMatches.filter((a) => a.start >= from && a.start < from + 10);
      if (next.length) kept.push({ grade, areas: areasIn(next.slice(0, 1)), start, end, prior: false, thisArea: false, listFollows: false, row: false, named: true });
    }
  }
  // "Inadequate; Requires Improvement; Good and Outstanding" names the scale; it judges nothing.
  if (new Set(kept.map((k) => k.grade)).size >= 3 && !kept.some((k) => k.named)) return [];
  return kept;
}

/** Every judgement area named in a text, in order. */
export function readAreas(text: string): { areas: Area[]; start: number; end: number }[] {
  return matchRules(AREA_NAMES, text).map((m) => ({ areas: m.rule.value, start: m.start, end: m.end }));
}

function lastIndexOf(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let at = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) at = m.index;
  return at;
}

function lineAround(text: string, start: number, end: number): { before: string; after: string } {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return { before: text.slice(from, start), after: text.slice(end, to < 0 ? text.length : to) };
}

/**
 * A label and its grade on one line: "Overall effectiveness – Outstanding", "The experiences and progress of care
 * leavers | Good |", "Care leavers: good", "Adoption performance    Good".
 */
function isRow(before: string, after: string): boolean {
  // A grade alone in its cell, with more cells after it: table rows the page ran together on one line.
  if (/\|\s*['‘"“]?$/.test(before) && /^\s*['’"”]?\s*\|\s*\S/.test(after)) return before.replace(/\|[^|]*\|\s*$/, '').length <= 400;
  if (!/^\s*['’"”]?\s*[|.]?\s*(?:\(?\d\)?)?\s*$/.test(after)) return false;
  // On a line of several cells, the label is the cell before the grade's.
  const cells = before.split('|');
  const label = (cells.length >= 3 ? cells.slice(-2).join('|') : before).replace(/^\s*(?:[-*•◦▪·]\s*|\d{1,2}[.)]\s*)/, '');
  if (label.length > 170 || label.trim().length < 4) return false;
  return /(?:[|:;–—-]|\s{2,}|\t)\s*['‘"“]?$/.test(label) && !/\b(?:is|are|was|were|be|been)\s*[:;–—-]?\s*$/.test(label);
}

