/**
 * Numbers in a sentence: a visit's place in its series ("the fourth and final monitoring visit", "the visit, which
 * was the fourth since…", "Monitoring Visit – No.7") and counts of things ("Nineteen recommendations", "a team of
 * ten inspectors", "four-week inspection", "twice").
 */
import type { KindSpan } from './kinds';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth',
  'nineteenth', 'twentieth'];
const CARDINALS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

export const ORDINAL_WORD = `(?:${ORDINALS.join('|')}|\\d{1,2}(?:st|nd|rd|th))`;
export const CARDINAL_WORD = `(?:(?:${TENS.slice(2).join('|')})[- ](?:${CARDINALS.slice(1, 10).join('|')})|${TENS.slice(2).join('|')}|${CARDINALS.join('|')}|\\d{1,3}(?:,\\d{3})*)`;

/** 1 for "first" or "1st"; undefined for anything else. */
export function ordinalValue(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = ORDINALS.indexOf(w);
  if (i >= 0) return i + 1;
  const m = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(w);
  return m ? parseInt(m[1]!, 10) : undefined;
}

/** 7 for "seven" or "7", 39 for "thirty-nine", 6500 for "6,500"; undefined for anything else. */
export function cardinalValue(word: string): number | undefined {
  const w = word.toLowerCase().trim();
  const i = CARDINALS.indexOf(w);
  if (i >= 0) return i;
  const compound = /^([a-z]+)[- ]([a-z]+)$/.exec(w);
  if (compound && TENS.includes(compound[1]!)) {
    const unit = CARDINALS.indexOf(compound[2]!);
    if (unit > 0 && unit < 10) return TENS.indexOf(compound[1]!) * 10 + unit;
  }
  if (TENS.indexOf(w) >= 2) return TENS.indexOf(w) * 10;
  return /^\d{1,3}(?:,\d{3})*$/.test(w) ? parseInt(w.replace(/,/g, ''), 10) : undefined;
}

/** A visit's place in its series, as written around its mention. */
export interface SeriesNumber {
  /** 0 when only "final" is said. */
  value: number;
  final: boolean;
  start: number;
  end: number;
}

const BEFORE = new RegExp(`\\b(${ORDINAL_WORD}|final|last)(?:\\s+and\\s+(final|last))?\\s+(?:(?:ofsted|ofsted['’]s|full|formal|such)\\s+)?$`, 'i');
const AFTER_NUMBER = /^\s*(?:[-–—:]\s*)?(?:No\.?|number|#)\s*(\d{1,2})\b(?![/.-]\d)|^\s+(\d{1,2})\b(?![/.-]\d|\s*(?:st|nd|rd|th)?\s*(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|days?|weeks?|months?|years?|%|per)\b)/i;
const AFTER_WAS = new RegExp(`^[^.;]{0,40}?\\b(?:(?:which|that|this|it)\\s+)?(?:was|is|will\\s+be|became|marks?)\\s+(?:the|our|its|their)\\s+(${ORDINAL_WORD}|final|last)(?:\\s+and\\s+(final|last))?\\b(?!\\s+(?:time|year|month|day|week|authority|council|local|in\\s+the\\s+country|of|to|for)\\b)`, 'i');
/** "the fifth monitoring visit that Andy Waugh has been involved in" counts a person's visits, not the series. */
const PERSONAL = /^\s*(?:that|which)\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:has|had|have)\b/;

/** The series number written around a mention ("seventh monitoring visit", "the visit, which was the fourth since…"). */
export function seriesNumber(text: string, k: { start: number; end: number }): SeriesNumber | null {
  const before = text.slice(Math.max(0, k.start - 40), k.start);
  const after = text.slice(k.end, k.end + 90);
  const b = BEFORE.exec(before);
  if (b && !PERSONAL.test(after)) {
    const at = k.start - before.length + b.index;
    const word = b[1]!.toLowerCase();
    const final = word === 'final' || b[2] !== undefined;
    if (word === 'last' && !b[2]) return null;
    const value = word === 'final' || word === 'last' ? 0 : ordinalValue(word);
    if (value !== undefined) return { value, final, start: at, end: k.start };
  }
  const n = AFTER_NUMBER.exec(after);
  if (n) return { value: parseInt(n[1] ?? n[2]!, 10), final: false, start: k.end, end: k.end + n[0].length };
  const w = AFTER_WAS.exec(after);
  if (w) {
    const word = w[1]!.toLowerCase();
    const final = word === 'final' || word === 'last' || w[2] !== undefined;
    const value = word === 'final' || word === 'last' ? 0 : ordinalValue(word);
    if (value !== undefined) return { value, final, start: k.end, end: k.end + w[0].length };
  }
  return null;
}

/** A count of something: "Nineteen recommendations", "a team of ten inspectors", "four-week", "twice". */
export interface Quantity {
  value: number;
  /** What is counted, as written ("recommendations", "HM inspectors", "week"). */
  noun: string;
  start: number;
  end: number;
}

const QUANTITY = new RegExp(
  `\\b(${CARDINAL_WORD}|a\\s+dozen|a\\s+couple\\s+of)(?:[- ](?:strong|week|day|month|year)s?\\b)?(?:\\s+|-)((?:[a-z][\\w'’-]*\\s+){0,2}?[a-zA-Z][\\w'’-]*)|\\b(once|twice|thrice)\\b`,
  'gi',
);

/** Counts written in a sentence, each with its noun. */
export function readQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  QUANTITY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUANTITY.exec(text)) !== null) {
    if (m[3]) {
      const value = { once: 1, twice: 2, thrice: 3 }[m[3].toLowerCase() as 'once' | 'twice' | 'thrice'];
      out.push({ value, noun: 'times', start: m.index, end: m.index + m[0].length });
      continue;
    }
    const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = word === 'a dozen' ? 12 : word === 'a couple of' ? 2 : cardinalValue(word);
    if (value === undefined) continue;
    // A year, a day of a month, a sum of money are other things.
    if (/^\d{4}$/.test(m[1]!) && value >= 1900) continue;
    const noun = m[0].slice(m[1]!.length).replace(/^[\s-]+/, '');
    if (/^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(noun)) continue;
    out.push({ value, noun, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** "there have been seven such visits", "we have had one focused visit": a count of events, with the mention it counts. */
export function countBefore(text: string, k: KindSpan): number | null {
  const m = new RegExp(`\\b(${CARDINAL_WORD})\\s+(?:such\\s+|further\\s+|more\\s+|separate\\s+|ofsted\\s+|previous\\s+)?$`, 'i').exec(text.slice(Math.max(0, k.start - 30), k.start));
  const n = m ? cardinalValue(m[1]!) : undefined;
  return n === undefined || n > 30 ? null : n;
}
