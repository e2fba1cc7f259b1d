/** The words of the domain: event kinds, grades, areas, ordinals and people as documents write them. */
import type { Area, EventKind, Grade } from './types';
import { ORDINAL_WORD, ordinalValue } from '../reading/numbers';

export { cardinalValue, ORDINAL_WORD, ordinalValue } from '../reading/numbers';

/** A mention of an inspection or visit in a sentence. `kind` null: "the visit", "the inspection" (kind from context). */
export interface KindMention {
  kind: EventKind | null;
  /** For a kindless mention: a visit or an inspection. */
  family: 'visit' | 'inspection';
  start: number;
  end: number;
  plural: boolean;
  /** "next inspection", "the expected inspection": about the future. */
  future: boolean;
  /** "a further inspection", "an inspection": a new event, not one already mentioned. */
  indefinite: boolean;
  /** "this inspection", "this visit": the event the document is about. */
  demonstrative: boolean;
  /** "the Ofsted report": a date beside it is a publication date. */
  report: boolean;
}

const KIND_PATTERNS: { kind: EventKind | null; family: 'visit' | 'inspection'; re: RegExp }[] = [
  { kind: 'jtai', family: 'inspection', re: /\bjoint targeted (?:area )?inspections?\b|\bJTAIs?\b|\bjoint (?:multi-agency )?inspections?\b/gi },
  { kind: 'monitoring', family: 'visit', re: /\bmonitoring visits?\b|\bMVs?\b/gi },
  { kind: 'focused', family: 'visit', re: /\bfocus{1,2}ed visits?\b|\b(?:interim|assurance) visits?\b|\bFVs?\b/gi },
  { kind: 'short', family: 'inspection', re: /\bshort (?:ILACS |ofsted )?inspections?\b/gi },
  {
    kind: 'sif',
    family: 'inspection',
    re: /\bsingle inspection framework(?:\s*\(SIF\))?\s+inspections?\b|\bsingle inspections?\b|\bSIF\b(?: inspections?)?|\binspections? of services for children in need of help and protection\b/gi,
  },
  {
    kind: 'standard',
    family: 'inspection',
    re: /\b(?:full|standard|graded|formal|judgement|judgment|ILACS|re-?)\s+(?:ofsted\s+|ILACS\s+)?(?:re-?)?inspections?\b|\binspections? of (?:[\w'’&-]+\s+){0,4}?local authority children['’]?s? services\b(?:\s*\(ILACS\))?(?:\s+inspections?)?|\bILACS\b(?:\)?\s+(?:ofsted\s+)?inspections?)?/gi,
  },
  {
    kind: 'older',
    family: 'inspection',
    re: /\binspections? of safeguarding and looked after children services\b|\bsafeguarding and looked after children inspections?\b|\bannual performance assessments?\b|\bjoint area reviews?\b/gi,
  },
  { kind: null, family: 'inspection', re: /\b(?:ofsted\s+)?(?:re-?)?inspections?\b|\bofsted (?:report|judge?ments?|ratings?)\b/gi },
  { kind: null, family: 'visit', re: /\bvisits?\b/gi },
];

const NOT_AN_EVENT_AFTER = /^\s*(?:framework|frameworks|regime|methodology|handbook|guidance|process|readiness|preparation|team|teams|inspectors?|activity|programme|cycle)\b/i;
const FUTURE_BEFORE = /\b(?:next|forthcoming|upcoming|future|expected|anticipated|planned|impending|pending|potential|possible|any|an? upcoming)\s+(?:\w+\s+){0,3}$/i;
const INDEFINITE_BEFORE = /\b(?:an?|further|another|new)\s+(?:\w+\s+){0,2}$/i;

/** Every inspection or visit mentioned in a sentence, most specific first where they overlap, in order. */
export function findKindMentions(text: string): KindMention[] {
  const found: KindMention[] = [];
  for (const p of KIND_PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      if (NOT_AN_EVENT_AFTER.test(text.slice(end))) continue;
      if (/^MVs?$|^FVs?$/i.test(m[0]) && m[0] !== m[0].toUpperCase()) continue;
      if (p.kind === null && p.family === 'visit' && /\b(?:home|site|school|family|house|social work|practice)\s+$/i.test(text.slice(0, start))) continue;
      const before = text.slice(Math.max(0, start - 60), start);
      found.push({
        kind: p.kind,
        family: p.family,
        start,
        end,
        plural: /s\)?$/i.test(m[0].replace(/\bILACS\b/g, '').trim()) && !/ss$/i.test(m[0]),
        future: FUTURE_BEFORE.test(before),
        indefinite: INDEFINITE_BEFORE.test(before),
        demonstrative: /\bthis\s+(?:\w+\s+)?$/i.test(before),
        report: /\breport\b/i.test(m[0]) || /^\s*(?:letter|report|outcome letter)\b/i.test(text.slice(end)),
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const CARDINALS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

export const CARDINAL_WORD = `(?:${CARDINALS.join('|')}|\\d{1,3})`;

/** The series number written around a mention: "seventh monitoring visit", "Monitoring Visit – No.7", "visit 3". */
export function mentionNumber(text: string, mention: { start: number; end: number }): { value: number; final: boolean } | null {
  const before = text.slice(Math.max(0, mention.start - 40), mention.start);
  const after = text.slice(mention.end, mention.end + 30);
  const ord = new RegExp(`\\b(${ORDINAL_WORD}|final|last)\\s+(?:(?:ofsted|ofsted's|full|formal)\\s+)?$`, 'i').exec(before);
  // "the fifth monitoring visit that Andy Waugh has been involved in" counts a person's visits, not the series.
  const personal = /^\s*(?:that|which)\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:has|had|have)\b/.test(after);
  if (ord && !personal) {
    const word = ord[1]!.toLowerCase();
    if (word === 'final') return { value: 0, final: true };
    if (word === 'last') return null;
    const value = ordinalValue(word);
    if (value !== undefined) return { value, final: false };
  }
  const num = /^\s*(?:[-–—:]\s*)?(?:No\.?|number|#)\s*(\d{1,2})\b|^\s+(\d{1,2})\b(?!\s*(?:st|nd|rd|th)?\s*(?:January|February|March|April|May|June|July|August|September|October|November|December))/i.exec(after);
  if (num) return { value: parseInt(num[1] ?? num[2]!, 10), final: false };
  return null;
}

/** A grade written in a sentence, with the area it is about. `area` 'all' covers every area. */
export interface GradeMention {
  grade: Grade;
  area: Area | 'all' | 'same';
  start: number;
  end: number;
}

const GRADE_RE = /\b(requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|outstanding|good|adequate)\b/gi;
const AREA_RES: [Area | 'all', RegExp][] = [
  ['all', /\ball\s+(?:\d+\s+|five\s+|four\s+|of the\s+)?(?:inspected\s+|judge?ment\s+|key\s+)?(?:areas|judge?ments|aspects)\b/gi],
  ['overall', /\boverall(?:\s+(?:effectiveness|judge?ment|rating|grade|outcome))?\b/gi],
  ['leaders', /\bimpact of leaders\b|\bleadership\b|\bleaders\b/gi],
  ['help and protection', /\bhelp and protection\b|\bneed(?:ing)? help\b/gi],
  ['children in care', /\bchildren in care\b|\blooked[- ]after children\b|\bchildren looked after\b/gi],
  ['care leavers', /\bcare leavers\b|\bleaving care\b/gi],
];
const JUDGEMENT_CUE = /\b(?:judge?ments?|judged|rated|rating|graded|grades?|outcome|effectiveness|classed|assessed|found|remain(?:s|ed)?|were|was|are|is|as|of|be|been)\W*$/i;
const ASPIRATION = /\b(?:meet|meets|reach|become|aim|aims|aiming|aspir\w*|ambition\w*|target\w*|towards|journey|move to|get to|strive|achieving(?!\s+permanence)|ensure|want|wants|hope|hopes|determined)\s+(?:\w+\s+){0,4}['‘"“]?$/i;
/** "had not been judged inadequate", "no longer inadequate", "not yet good": a grade denied. */
const NEGATED = /\b(?:not|never|no longer)\s+(?:yet\s+)?(?:been\s+|be\s+)?(?:judged\s+|rated\s+|graded\s+|found\s+)?(?:to\s+be\s+|as\s+)?['‘"“]?$/i;
/**
 * What a grade means, not a judgement: "A local authority that is inadequate…", "In a local authority that requires
 * improvement…", "An LSCB requires improvement if…", "the characteristics of good".
 */
const DEFINITION_BEFORE = /\b(?:an?|any)\s+(?:[\w-]+\s+){1,3}(?:that|which|where)\s+(?:is\s+|are\s+|was\s+)?(?:judged\s+|rated\s+)?(?:to\s+be\s+|as\s+)?['‘"“]?$|\bcharacteristics\s+of\s+$|\bcriteria\s+for\s+$/i;
const DEFINITION_AFTER = /^['’"”]?\s+(?:if|when|where)\b/i;
/** Judgements of something other than the local authority's services: its safeguarding board, adoption performance. */
const NOT_AN_AREA = /\b(?:LSCB|(?:local\s+)?safeguarding\s+children\s+board|safeguarding\s+(?:children\s+)?partnership|adoption\s+performance|adoption\s+agency)\b/gi;
const WEAK_FOLLOWERS = /^['’"”]?\s*(?:$|[.,;:)!?]|and\b|in\b|for\b|across\b|with\b|at\b|by\b|from\b|on\b|outcome\b|judge?ment\b|rating\b|grade\b|overall\b|to be\b|was\b|were\b|is\b|has\b|had\b|been\b|given\b|awarded\b|\()/i;

/** Grades a sentence gives as judgements, leaving out aspirations ("to meet 'Good'") and lists of the scale. */
export function findGrades(text: string): GradeMention[] {
  const raw: { grade: Grade; start: number; end: number }[] = [];
  GRADE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GRADE_RE.exec(text)) !== null) {
    const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const grade: Grade = word.startsWith('require') ? 'requires improvement' : (word as Grade);
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 60), start);
    const after = text.slice(end, end + 40);
    // A grade in quotes, or capitalised mid-sentence ("an overall judgement of Good"), is meant as one.
    const quoted = (/['‘"“]\s*$/.test(before) && /^\s*['’"”]/.test(after)) ||
      (/^[A-Z]/.test(m[1]!) && /[a-z,]\s+$/.test(before) && grade !== 'outstanding');
    if (ASPIRATION.test(before) || NEGATED.test(before) || DEFINITION_BEFORE.test(before) || DEFINITION_AFTER.test(after)) continue;
    if (grade === 'good' || grade === 'outstanding' || grade === 'adequate') {
      // A table row: "The experience and progress of care leavers; good", "…of care leavers Outstanding".
      const lineStart = text.slice(0, start);
      const tableRow = /^\s*\.?\s*$/.test(after.split('\n')[0] ?? '') && (/[;:–-]\s*$/.test(before) ||
        (areaInLabel(lineStart) !== null && lineStart.length <= 160 && !/\b(?:is|are|was|were|be|been|has|have|had|not|very|a|an)\s*$/i.test(lineStart)));
      if (!quoted && !tableRow && !(JUDGEMENT_CUE.test(before) || /^\s+(?:outcome|judge?ment|rating|grade)\b/i.test(after))) continue;
      if (!quoted && !WEAK_FOLLOWERS.test(after)) continue;
      if (grade === 'outstanding' && !quoted && !tableRow && /^\s*(?:actions?|issues?|items?|work|matters?|recommendations?)\b/i.test(after)) continue;
    }
    raw.push({ grade, start, end });
  }
  // "Inadequate; Requires Improvement; Good and Outstanding" names the scale, it judges nothing.
  if (new Set(raw.map((r) => r.grade)).size >= 3 && !AREA_RES.slice(1).some(([, re]) => new RegExp(re.source, 'i').test(text))) {
    return [];
  }
  const out: GradeMention[] = [];
  for (const r of raw) {
    const area = areaOf(text, r.start, r.end);
    if (area === null || otherSubject(text, r.start)) continue;
    out.push({ ...r, area });
    // "The experiences and progress of children in care and care leavers is good": one judgement of both.
    if ((area === 'care leavers' || area === 'children in care') && BOTH_IN_CARE.test(text.slice(Math.max(0, r.start - 160), r.start))) {
      out.push({ ...r, area: area === 'care leavers' ? 'children in care' : 'care leavers' });
    }
  }
  return out;
}

/** Children in care and care leavers named together, as one judgement of 2018–2019 named them. */
const BOTH_IN_CARE = /\bchildren\s+(?:in\s+care|looked\s+after)(?:\s+and\s+achieving\s+permanence)?\s+and\s+care\s+leavers\b[^.;]{0,40}$/i;

/** True when the nearest subject named before a grade, in its clause, is no area of the authority's (its LSCB). */
function otherSubject(text: string, start: number): boolean {
  const clause = text.slice(Math.max(0, text.lastIndexOf(';', start - 1) + 1, start - 140), start);
  NOT_AN_AREA.lastIndex = 0;
  let other = -1;
  let m: RegExpExecArray | null;
  while ((m = NOT_AN_AREA.exec(clause)) !== null) other = m.index;
  if (other < 0) return false;
  return !AREA_RES.slice(1).some(([, re]) => {
    const r = new RegExp(re.source, 'gi');
    let last = -1;
    let x: RegExpExecArray | null;
    while ((x = r.exec(clause)) !== null) last = x.index;
    return last > other;
  });
}

function areaOf(text: string, start: number, end: number): Area | 'all' | 'same' | null {
  // The area named nearest before the grade in the same clause, else just after it; a table row
  // ("The experience and progress of care leavers; good") names it before the separator.
  let clauseStart = Math.max(text.lastIndexOf(';', start - 1) + 1, 0);
  if (text.slice(clauseStart, start).trim().split(/\s+/).length < 3) clauseStart = Math.max(text.lastIndexOf(';', clauseStart - 2) + 1, 0);
  const before = text.slice(clauseStart, start);
  let best: { area: Area | 'all'; at: number } | null = null;
  for (const [area, re] of AREA_RES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(before)) !== null) {
      if (!best || m.index > best.at) best = { area, at: m.index };
    }
  }
  const after = text.slice(end, end + 50);
  for (const [area, re] of AREA_RES) {
    // "…judged good for care leavers", not "…judged good, leaders have since…": the area after the grade is in its clause.
    const m = new RegExp(`^[^.;,]{0,25}?(?:${re.source})`, 'i').exec(after);
    if (m && (!best || before.length - best.at > 90)) return area;
  }
  if (best && before.length - best.at <= 140) return best.area;
  // "Adoption performance Good": a row of a table whose label is no judgement area.
  if (/^(?:\d{1,2}(?:\.\d{1,2})?\.?\s+)?[A-Z][^.;:]{2,80}\s$/.test(before) && /^\s*\.?\s*$/.test(text.slice(end)) &&
      !/\b(?:are|is|was|were|been|remains?|remained|judged|rated|found|graded)\b/i.test(before)) return null;
  return 'overall';
}

/** The judgement area a table label names ("Overall effectiveness", "The experiences and progress of care leavers"). */
export function areaInLabel(label: string): Area | 'all' | null {
  for (const [area, re] of AREA_RES) if (new RegExp(re.source, 'i').test(label)) return area;
  return null;
}

/**
 * Every judgement area a table label or heading names: one, or two for "The experiences and progress of children in
 * care and care leavers" (one judgement of both in 2018–2019). Empty for a label of something else ("Adoption
 * performance", the LSCB).
 */
export function labelAreas(label: string): Area[] {
  NOT_AN_AREA.lastIndex = 0;
  if (NOT_AN_AREA.test(label)) return [];
  if (BOTH_IN_CARE.test(label)) return ['children in care', 'care leavers'];
  const area = areaInLabel(label);
  return area === null ? [] : area === 'all' ? ['leaders', 'help and protection', 'children in care', 'care leavers'] : [area];
}

/** A line that is only a grade, as in a judgement table whose cells stand on lines of their own. */
export function bareGrade(line: string): Grade | null {
  const m = /^\s*(requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|outstanding|good|adequate)\s*\.?\s*$/i.exec(line);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  return word.startsWith('require') ? 'requires improvement' : (word as Grade);
}

/** Sentences saying a second event had "the same judgement" as the first. */
export const SAME_JUDGEMENT = /\b(?:the\s+)?same\s+(?:judge?ment|grade|rating|outcome)\b/i;

/** A person named as an inspector in a sentence. */
export interface PersonMention {
  name: string;
  role: 'lead' | 'inspector';
  start: number;
  end: number;
}

/** One word of a person's name: "Jenny", "McEntee", "MacDonald", "O’Neill", "Smith-Jones". */
export const NAME_WORD = "(?:Ma?c[A-Z][a-z]+|O['’][A-Z][a-z]+|[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?)";
const NAME = `(${NAME_WORD}(?:\\s+(?:[A-Z]\\.?\\s+)?(?:${NAME_WORD}|de|van|von|da|del|le)){1,3})`;
const HMI = "(?:(?:Her|His)\\s+Majesty['’]?s\\s+Inspectors?(?:\\s*\\(HMI\\))?|HMIs?\\b|Ofsted\\s+[Ii]nspectors?|[Ss]ocial\\s+[Cc]are\\s+[Rr]egulatory\\s+[Ii]nspectors?)";
const PEOPLE_PATTERNS: { re: RegExp; role: 'lead' | 'inspector' }[] = [
  { re: new RegExp(`\\b[Ll]ead\\s+(?:[Ii]nspectors?|HMI)\\s*(?:was|were|is|:|-|–|,)?\\s*(?:${HMI}\\s*,?\\s*)?${NAME}`, 'g'), role: 'lead' },
  { re: new RegExp(`\\bled\\s+by\\s+(?:${HMI}\\s*,?\\s*)?${NAME}`, 'g'), role: 'lead' },
  { re: new RegExp(`${NAME}\\s*,?\\s*\\(?${HMI}`, 'g'), role: 'inspector' },
  { re: new RegExp(`${HMI}\\s*,?\\s*${NAME}`, 'g'), role: 'inspector' },
  { re: new RegExp(`\\b(?:[Ii]nspectors?|HMI)\\s+(?:were\\s+|was\\s+)?${NAME}`, 'g'), role: 'inspector' },
  // "His Majesty's Inspectors for this visit were Andy Waugh and Brenda McInerney" (the second name by the next rule).
  { re: new RegExp(`\\b(?:[Ii]nspectors?|HMIs?)\\b[^.;]{0,60}?\\b(?:were|was|are|is|included)\\s+${NAME}`, 'g'), role: 'inspector' },
  { re: new RegExp(`\\b(?:[Ii]nspectors?|HMIs?)\\b[^.;]{0,120}?,?\\s+and\\s+${NAME}`, 'g'), role: 'inspector' },
];
const NOT_NAMES = new Set(['Ofsted', 'Her', 'His', 'Majesty', 'Majesty’s', "Majesty's", 'Inspector', 'Inspectors', 'The', 'This',
  'That', 'Children', 'Council', 'County', 'Local', 'Authority', 'Department', 'Director', 'Cabinet', 'Member', 'Social',
  'Care', 'Services', 'Service', 'Lead', 'Senior', 'Education', 'Overview', 'Scrutiny', 'Panel', 'Committee', 'Chief',
  'Executive', 'Assistant', 'Deputy', 'Head', 'Team', 'Report', 'Visit', 'Monitoring', 'Regulatory', 'Government',
  'Borough', 'City', 'Mr', 'Mrs', 'Ms', 'Dr', 'Councillor', 'Cllr', 'From', 'And', 'With', 'In', 'On', 'For', 'Fellow',
  'Inspection', 'Safeguarding', 'Partnership', 'Board', 'Trust', 'Commissioner', 'Secretary', 'State', 'Minister',
  'Date', 'Dates', 'Focus', 'Visit', 'Theme', 'Name', 'Role', 'Outcome', 'Judgement', 'Judgment']);

function cleanName(raw: string): string | null {
  const words = raw.split(/\s+/);
  if (words.some((w) => /['’]s$/.test(w))) return null;
  while (words.length && NOT_NAMES.has(words[0]!)) words.shift();
  while (words.length && NOT_NAMES.has(words[words.length - 1]!)) words.pop();
  if (words.length < 2 || words.some((w) => NOT_NAMES.has(w))) return null;
  return words.join(' ');
}

/** Inspectors named in a sentence; "led" near a name makes it the lead. */
export function findPeople(text: string): PersonMention[] {
  const out: PersonMention[] = [];
  for (const p of PEOPLE_PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text)) !== null) {
      const raw = m[1]!;
      const name = cleanName(raw);
      if (!name) continue;
      const start = m.index + m[0].indexOf(raw) + raw.indexOf(name);
      const end = start + name.length;
      const after = text.slice(end, end + 90);
      // "Deputy lead inspector: Linda Steele HMI" assists the lead.
      const deputy = /\b(?:deputy|assistant|shadow)\s+$/i.test(text.slice(Math.max(0, m.index - 20), m.index));
      const led = !deputy && (p.role === 'lead' || /^[^.;]*?\b(?:led|leads|leading)\s+(?:the|this)\s+(?:inspection|visit|team)/.test(after));
      const existing = out.find((o) => o.name === name);
      if (existing) {
        if (led) existing.role = 'lead';
        continue;
      }
      out.push({ name, role: led ? 'lead' : 'inspector', start, end });
    }
  }
  // "Team inspectors: Mike Ferguson, Wendy Ghaffar, Graham Tilby, Penny Fisher (HMIs) and Sara Goodinge": a list.
  const list = /\b(?:team|associate|shadow|deputy\s+lead)\s+inspectors?\s*:\s*([^.;]+)/i.exec(text);
  if (list) {
    let at = list.index + list[0].length - list[1]!.length;
    for (const part of list[1]!.split(/(,\s*|\s+and\s+)/)) {
      const name = part.replace(/\s*\((?:HMIs?|associate inspectors?|[^)]*inspectors?)\)\s*$|\s+HMIs?$/i, '').trim();
      if (new RegExp(`^${NAME}$`).test(name) && cleanName(name) === name && !out.some((o) => o.name === name)) {
        const start = at + part.indexOf(name);
        out.push({ name, role: 'inspector', start, end: start + name.length });
      }
      at += part.length;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
