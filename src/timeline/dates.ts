/** Calendar dates as documents write them: exact days, months, seasons, years, and ranges of these. */

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** A date known to a day, a month, a season or only a year. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  season?: Season;
}

/** One date expression found in a text, resolved where it was relative ("last month", "in September"). */
export interface DateMention {
  start: PartialDate;
  end: PartialDate;
  /** The expression as written. */
  text: string;
  /** Offset of `text` in the searched string. */
  index: number;
  /** True when the year (or more) came from the reference date, not from the text. */
  relative: boolean;
}

/** Which way a sentence looks: it changes how a yearless "in September" or "in the spring" resolves. */
export type Tense = 'past' | 'future';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december'];
const MONTH_ABBR: ReadonlyMap<string, number> = new Map(Object.entries({
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}));
const SEASON_MONTHS: Record<Season, [number, number]> = {
  spring: [3, 5], summer: [6, 8], autumn: [9, 11], winter: [12, 2],
};

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:19[89]\\d|20[0-4]\\d)';
const WEEKDAY = '(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?';
const THE_DAY = `(?:the\\s+)?(${DAY})(?:\\s+of)?`;
const TO = '\\s*(?:-|–|—|to|until|till|and|&)\\s*';
const SEASON = '(?:spring|summer|autumn|winter)';

interface Pattern {
  re: RegExp;
  build: (m: RegExpExecArray, ref: PartialDate | null, tense: Tense) => Omit<DateMention, 'text' | 'index'> | null;
}

/** Month number (1–12) of a month name or abbreviation, or undefined. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  return MONTH_ABBR.get(w);
}

function day(s: string | undefined): number | undefined {
  return s === undefined ? undefined : parseInt(s, 10);
}

function year(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = parseInt(s, 10);
  return s.length === 2 ? 2000 + n : n;
}

/** The year a yearless month takes from a reference date, given the sentence's tense. */
function yearFor(month: number, ref: PartialDate | null, tense: Tense): number | undefined {
  if (!ref) return undefined;
  const refMonth = ref.month ?? (ref.season ? SEASON_MONTHS[ref.season][0] : undefined);
  if (refMonth === undefined) return ref.year;
  if (tense === 'past' && month > refMonth) return ref.year - 1;
  if (tense === 'future' && month < refMonth) return ref.year + 1;
  return ref.year;
}

function flags(caseless: boolean): string {
  return caseless ? 'gi' : 'g';
}

function patterns(caseless: boolean): Pattern[] {
  const f = flags(caseless);
  const exact = (y: number | undefined, m: number | undefined, d: number | undefined): PartialDate | null => {
    if (y === undefined || m === undefined || m < 1 || m > 12) return null;
    if (d !== undefined && (d < 1 || d > 31)) return null;
    return d === undefined ? { year: y, month: m } : { year: y, month: m, day: d };
  };
  return [
    // 2021-07-15
    {
      re: new RegExp(`\\b(${YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])\\b`, 'g'),
      build: (m) => single(exact(year(m[1]), day(m[2]), day(m[3]))),
    },
    // 15.07.2021, 15/07/2021, 15-07-21
    {
      re: /\b(0?[1-9]|[12]\d|3[01])([./-])(0?[1-9]|1[0-2])\2((?:19|20)\d\d|\d\d)\b/g,
      build: (m) => single(exact(year(m[4]), day(m[3]), day(m[1]))),
    },
    // 22 February to 16 March 2016; 30 December 2019 to 3 January 2020
    {
      re: new RegExp(`\\b${WEEKDAY}${THE_DAY}\\s+(${MONTH})(?:,?\\s+(${YEAR}))?${TO}${WEEKDAY}${THE_DAY}\\s+(${MONTH}),?\\s+(${YEAR})\\b`, f),
      build: (m) => {
        const y2 = year(m[6]);
        const m1 = monthNumber(m[2] ?? ''), m2 = monthNumber(m[5] ?? '');
        if (y2 === undefined || m1 === undefined || m2 === undefined) return null;
        if (m[3] !== undefined && /\band\b|&/i.test(m[0])) return null;
        const y1 = year(m[3]) ?? (m1 > m2 ? y2 - 1 : y2);
        return range(exact(y1, m1, day(m[1])), exact(y2, m2, day(m[4])));
      },
    },
    // 8 and 9 January 2019; 15 – 26 May 2023; 8, 9 and 10 May 2019; between 15 and 26 May
    {
      re: new RegExp(`\\b${WEEKDAY}${THE_DAY}((?:\\s*,\\s*${DAY})*)${TO}${WEEKDAY}${THE_DAY}\\s+(${MONTH})(?:,?\\s+(${YEAR}))?`, f),
      build: (m, ref, tense) => {
        const mo = monthNumber(m[4] ?? '');
        if (mo === undefined) return null;
        const y = year(m[5]) ?? yearFor(mo, ref, tense);
        const d1 = day(m[1]), d2 = day(m[3]);
        if (d1 === undefined || d2 === undefined || d2 < d1) return null;
        const r = range(exact(y, mo, d1), exact(y, mo, d2));
        return r && { ...r, relative: m[5] === undefined };
      },
    },
    // 12 October 2017; the 9th of April 2024; Thursday, 12th October 2017; 9 April (yearless)
    {
      re: new RegExp(`\\b${WEEKDAY}${THE_DAY}\\s+(${MONTH})(?:,?\\s+(${YEAR}))?`, f),
      build: (m, ref, tense) => {
        const mo = monthNumber(m[2] ?? '');
        if (mo === undefined) return null;
        if (m[3] === undefined && /^may$/i.test(m[2] ?? '') && !/^May$/.test(m[2] ?? '')) return null;
        const y = year(m[3]) ?? yearFor(mo, ref, tense);
        const r = single(exact(y, mo, day(m[1])));
        return r && { ...r, relative: m[3] === undefined };
      },
    },
    // between Monday 27 January and Friday 31 January (the year from the reference date)
    {
      re: new RegExp(`\\b${WEEKDAY}${THE_DAY}\\s+(${MONTH})${TO}${WEEKDAY}${THE_DAY}\\s+(${MONTH})(?![\\w'’]|,?\\s+${YEAR})`, f),
      build: (m, ref, tense) => {
        const m1 = monthNumber(m[2] ?? ''), m2 = monthNumber(m[4] ?? '');
        if (m1 === undefined || m2 === undefined) return null;
        const y2 = yearFor(m2, ref, tense);
        if (y2 === undefined) return null;
        const r = range(exact(m1 > m2 ? y2 - 1 : y2, m1, day(m[1])), exact(y2, m2, day(m[3])));
        return r && { ...r, relative: true };
      },
    },
    // October 12, 2017; Jul 23 2024; June 3 to June 14, 2024; June 3-14, 2024
    {
      re: new RegExp(`\\b${WEEKDAY}(${MONTH})\\s+(${DAY})(?:${TO}(?:(${MONTH})\\s+)?(${DAY}))?,?\\s+(${YEAR})\\b`, f),
      build: (m) => {
        const m1 = monthNumber(m[1] ?? ''), m2 = m[3] ? monthNumber(m[3]) : m1;
        const y = year(m[5]);
        if (m[4] === undefined) return single(exact(y, m1, day(m[2])));
        if (m2 === undefined || m1 === undefined || y === undefined) return null;
        return range(exact(m1 > m2 ? y - 1 : y, m1, day(m[2])), exact(y, m2, day(m[4])));
      },
    },
    // from June 3 to June 14; Tuesday, May 6 (the year from the reference date)
    {
      re: new RegExp(`\\b${WEEKDAY}(January|February|March|April|June|July|August|September|October|November|December|May(?=\\s+\\d{1,2}(?:st|nd|rd|th)?\\b))\\s+(${DAY})(?:${TO}${WEEKDAY}(?:(${MONTH})\\s+)?(${DAY}))?\\b(?![\\d:.]|\\s*(?:am|pm|%|per)\\b|,?\\s+(?:19|20)\\d\\d)`, 'g'),
      build: (m, ref, tense) => {
        const m1 = monthNumber(m[1] ?? ''), m2 = m[3] ? monthNumber(m[3]) : m1;
        if (m1 === undefined || m2 === undefined) return null;
        const y = yearFor(m2, ref, tense);
        if (y === undefined) return null;
        const r = m[4] === undefined ? single(exact(y, m1, day(m[2]))) : range(exact(m1 > m2 ? y - 1 : y, m1, day(m[2])), exact(y, m2, day(m[4])));
        return r && { ...r, relative: true };
      },
    },
    // February and March of 2019; September to October 2018; between November 2016 and October 2018
    {
      re: new RegExp(`(?:\\b(between)\\s+)?\\b(${MONTH})(?:\\s+(${YEAR}))?${TO}(${MONTH})(?:\\s+of)?,?\\s+(${YEAR})\\b`, f),
      build: (m) => {
        const y2 = year(m[5]);
        const m1 = monthNumber(m[2] ?? ''), m2 = monthNumber(m[4] ?? '');
        if (y2 === undefined || m1 === undefined || m2 === undefined) return null;
        // "October 2018 and January 2019" lists two months; "February and March of 2019" and "between November
        // 2016 and October 2018" are one period.
        if (m[3] !== undefined && /\band\b|&/i.test(m[0]) && !m[1]) return null;
        const y1 = year(m[3]) ?? (m1 > m2 ? y2 - 1 : y2);
        const r = range(exact(y1, m1, undefined), exact(y2, m2, undefined));
        return r;
      },
    },
    // May 2017; May of 2017; Sept. 2017
    {
      re: new RegExp(`\\b(${MONTH})(?:\\s+of)?,?\\s+(${YEAR})\\b`, f),
      build: (m) => single(exact(year(m[2]), monthNumber(m[1] ?? ''), undefined)),
    },
    // spring 2019; the autumn of 2018; summer term 2022
    {
      re: new RegExp(`\\b(?:the\\s+)?(?:early\\s+|late\\s+|mid-?\\s*)?(${SEASON})(?:\\s+term)?(?:\\s+of)?\\s+(${YEAR})\\b`, 'gi'),
      build: (m) => single({ year: year(m[2]) ?? 0, season: (m[1] ?? '').toLowerCase() as Season }),
    },
    // in the spring; this autumn; next summer
    {
      re: new RegExp(`\\b(?:in\\s+the|this|next|last|during\\s+the|by\\s+the)\\s+(?:early\\s+|late\\s+)?(${SEASON})\\b(?!\\s+(?:term\\s+)?(?:of\\s+)?(?:19|20)\\d\\d)`, 'gi'),
      build: (m, ref, tense) => {
        if (!ref) return null;
        const season = (m[1] ?? '').toLowerCase() as Season;
        const lead = m[0].toLowerCase();
        let y = ref.year;
        const [first] = SEASON_MONTHS[season];
        const refMonth = ref.month ?? 6;
        if (lead.startsWith('next')) y = ref.year + (refMonth < first ? 0 : 1);
        else if (lead.startsWith('last')) y = ref.year - (refMonth > first ? 0 : 1);
        else if (tense === 'future' && refMonth > SEASON_MONTHS[season][1] && season !== 'winter') y = ref.year + 1;
        else if (tense === 'past' && refMonth < first && season !== 'winter') y = ref.year - 1;
        return { ...single({ year: y, season })!, relative: true };
      },
    },
    // March last year, in June this year, February of next year
    {
      re: new RegExp(`\\b(${MONTH})(?:\\s+of)?\\s+(last|this|next)\\s+year\\b`, f),
      build: (m, ref) => {
        const mo = monthNumber(m[1] ?? '');
        if (mo === undefined || !ref || ref.year >= 8999) return null;
        const w = (m[2] ?? '').toLowerCase();
        return { ...single({ year: ref.year + (w === 'last' ? -1 : w === 'next' ? 1 : 0), month: mo })!, relative: true };
      },
    },
    // in September; since January; last March; early-March, mid-June
    {
      re: new RegExp(`(?<=\\b(?:(in|since|from|during|by|until|before|after|of|last|this|next|early|late|mid)\\s+|(early|late|mid)-))(${MONTH})(?![\\w'’])`, f),
      build: (m, ref, tense) => {
        const word = m[3] ?? '';
        if (!/^[A-Z]/.test(word)) return null;
        const mo = monthNumber(word);
        if (mo === undefined || !ref) return null;
        const lead = (m[1] ?? m[2] ?? '').toLowerCase();
        let y = yearFor(mo, ref, lead === 'next' ? 'future' : lead === 'last' ? 'past' : tense);
        if (y === undefined) return null;
        if (lead === 'last' && mo === ref.month) y -= 1;
        return { ...single({ year: y, month: mo })!, relative: true };
      },
    },
    // on Friday, last Tuesday (the latest such day on or before the reference date)
    {
      re: /\b(?:on|last|this\s+past)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!,?\s+(?:the\s+)?(?:\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))/g,
      build: (m, ref) => {
        if (!ref || ref.day === undefined || ref.month === undefined || ref.year >= 8999) return null;
        const want = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].indexOf((m[1] ?? '').toLowerCase());
        const at = new Date(Date.UTC(ref.year, ref.month - 1, ref.day));
        const back = (at.getUTCDay() - want + 7) % 7;
        at.setUTCDate(at.getUTCDate() - back);
        return { ...single({ year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() })!, relative: true };
      },
    },
    // today; last month; this year; next year
    {
      re: /\b(today|yesterday|(?:last|this|next|earlier this|later this)\s+(?:month|year|week))\b/gi,
      build: (m, ref) => {
        if (!ref) return null;
        const w = (m[1] ?? '').toLowerCase();
        const shift = (months: number): PartialDate | null => {
          if (ref.month === undefined) return null;
          const total = ref.year * 12 + (ref.month - 1) + months;
          return { year: Math.floor(total / 12), month: (total % 12) + 1 };
        };
        let d: PartialDate | null;
        if (w === 'today') d = ref.day === undefined ? null : { ...ref };
        else if (w === 'yesterday') d = ref.month === undefined ? null : ref.day !== undefined && ref.day > 1 ? { year: ref.year, month: ref.month, day: ref.day - 1 } : { year: ref.year, month: ref.month };
        else if (w.endsWith('week')) d = shift(0);
        else if (w.endsWith('month')) d = shift(w.startsWith('last') ? -1 : w.startsWith('next') ? 1 : 0);
        else d = { year: ref.year + (w.startsWith('last') ? -1 : w.startsWith('next') ? 1 : 0) };
        return d && { ...single(d)!, relative: true };
      },
    },
    // 2014 (a bare year, not a law's: "Children Act 2004"), and 2022/23-style years
    {
      re: new RegExp(`(?<![\\d£$.,/:])(?<!\\d-)\\b(${YEAR})(?:\\s*[-/–]\\s*(\\d{2}))?\\b(?![.,]\\d|\\d|\\s*(?:am|pm)\\b)`, 'g'),
      build: (m) => single({ year: year(m[1]) ?? 0 }),
    },
  ];
}

function single(d: PartialDate | null): Omit<DateMention, 'text' | 'index'> | null {
  return d && { start: d, end: d, relative: false };
}

function range(a: PartialDate | null, b: PartialDate | null): Omit<DateMention, 'text' | 'index'> | null {
  if (!a || !b || sortKey(b, 'end') < sortKey(a, 'start')) return null;
  return { start: a, end: b, relative: false };
}

const LAW_BEFORE = /(?:\b(?:Act|Order|Regulations|Bill|Rules|Measure)|\bsection\s+\S+|\bno\.?)\s*$/i;

const CACHE = new Map<boolean, Pattern[]>();

/**
 * Every date expression in `text`, leftmost-longest and not overlapping, in order.
 * `ref` (usually the document's date) resolves relative expressions; without it they are skipped.
 * `caseless` also accepts lower-case month names (for typed questions).
 */
export function findDates(text: string, ref: PartialDate | null = null, tense: Tense = 'past', caseless = false): DateMention[] {
  let list = CACHE.get(caseless);
  if (!list) {
    list = patterns(caseless);
    CACHE.set(caseless, list);
  }
  const found: DateMention[] = [];
  for (const p of list) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text)) !== null) {
      const built = p.build(m, ref, tense);
      if (!built || built.start.year === 0) continue;
      if (p === list[list.length - 1] && LAW_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      found.push({ ...built, text: m[0], index: m.index });
    }
  }
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const kept: DateMention[] = [];
  let until = -1;
  for (const d of found) {
    if (d.index < until) continue;
    kept.push(d);
    until = d.index + d.text.length;
  }
  return kept;
}

/** A number that orders partial dates: at the start or at the end of the period they name. */
export function sortKey(d: PartialDate, edge: 'start' | 'end' = 'start'): number {
  let month = d.month;
  if (month === undefined && d.season) {
    const [a, b] = SEASON_MONTHS[d.season];
    month = edge === 'start' ? a : b;
    if (d.season === 'winter' && edge === 'end') return (d.year + 1) * 10000 + b * 100 + 28;
  }
  if (month === undefined) month = edge === 'start' ? 1 : 12;
  const dayOf = d.day ?? (edge === 'start' ? 1 : 31);
  return d.year * 10000 + month * 100 + dayOf;
}

/** True when two periods share at least one day. */
export function overlaps(a: { start: PartialDate; end: PartialDate }, b: { start: PartialDate; end: PartialDate }): boolean {
  return sortKey(a.start, 'start') <= sortKey(b.end, 'end') && sortKey(b.start, 'start') <= sortKey(a.end, 'end');
}

/** How precise a date is: 3 for a day, 2 for a month, 1 for a season, 0 for a year. */
export function precision(d: PartialDate): number {
  if (d.day !== undefined) return 3;
  if (d.month !== undefined) return 2;
  return d.season ? 1 : 0;
}

const MONTH_NAMES = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1));

/** "8 January 2019", "January 2019", "spring 2019" or "2019". */
export function formatDate(d: PartialDate): string {
  if (d.season) return `${d.season} ${d.year}`;
  if (d.month === undefined) return String(d.year);
  const month = `${MONTH_NAMES[d.month - 1]} ${d.year}`;
  return d.day === undefined ? month : `${d.day} ${month}`;
}

/** A period as people write it: "8 and 9 January 2019", "15 to 26 May 2023", "February 2019 to March 2019". */
export function formatSpan(start: PartialDate, end: PartialDate): string {
  if (sortKey(start) === sortKey(end) && precision(start) === precision(end)) return formatDate(start);
  if (start.year === end.year && start.month !== undefined && start.month === end.month &&
      start.day !== undefined && end.day !== undefined) {
    const joiner = end.day - start.day === 1 ? ' and ' : ' to ';
    return `${start.day}${joiner}${formatDate(end)}`;
  }
  // Across months each end keeps its year ("20 April 2026 to 1 May 2026"), so either month reads whole.
  return `${formatDate(start)} to ${formatDate(end)}`;
}

/** ISO form: YYYY, YYYY-MM or YYYY-MM-DD (a season gives its first month). */
export function toIso(d: PartialDate): string {
  const month = d.month ?? (d.season ? SEASON_MONTHS[d.season][0] : undefined);
  if (month === undefined) return String(d.year);
  const mm = String(month).padStart(2, '0');
  return d.day === undefined ? `${d.year}-${mm}` : `${d.year}-${mm}-${String(d.day).padStart(2, '0')}`;
}

/** Parses YYYY, YYYY-MM or YYYY-MM-DD; null when it is none of these. */
export function parseIso(s: string): PartialDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
  if (!m) return null;
  const d: PartialDate = { year: parseInt(m[1]!, 10) };
  if (m[2]) d.month = parseInt(m[2], 10);
  if (m[3]) d.day = parseInt(m[3], 10);
  if ((d.month !== undefined && (d.month < 1 || d.month > 12)) || (d.day !== undefined && (d.day < 1 || d.day > 31))) {
    return null;
  }
  return d;
}
