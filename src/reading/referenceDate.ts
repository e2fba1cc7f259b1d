/**
 * The date a document's relative dates ("this year", "in March", "today") are read against: its catalog or page
 * date, else one its address holds ("/news/2023/", "/2019/April_2019/", "20240723…"), else the year its weekdays
 * fit ("Monday 27 January" and "Tuesday 11 March" with a mention of 2021 fit 2025 only).
 */
import { findDates, monthNumber, type PartialDate, parseIso } from '../timeline/dates';

const MONTH_WORD = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** A date an address holds, or null: a day where it gives one, else a month, else a year in a path segment. */
export function urlDate(url: string | null | undefined): PartialDate | null {
  if (!url) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    path = url;
  }
  const valid = (y: number, m?: number, d?: number): PartialDate | null => {
    if (y < 1995 || y > 2040) return null;
    if (m !== undefined && (m < 1 || m > 12)) return null;
    if (d !== undefined && (d < 1 || d > 31)) return null;
    return d !== undefined ? { year: y, month: m!, day: d } : m !== undefined ? { year: y, month: m } : { year: y };
  };
  // 20240723outstandingofstedresult
  let m = /(?:^|[/_-])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/.exec(path);
  if (m) return valid(+m[1]!, +m[2]!, +m[3]!);
  // /07-07-2022-kents-…, /2022-07-07/
  m = /(?:^|\/)(0[1-9]|[12]\d|3[01])-(0[1-9]|1[0-2])-((?:19|20)\d\d)(?!\d)/.exec(path);
  if (m) return valid(+m[3]!, +m[2]!, +m[1]!);
  m = /(?:^|\/)((?:19|20)\d\d)[-/](0[1-9]|1[0-2])[-/](0[1-9]|[12]\d|3[01])(?!\d)/.exec(path);
  if (m) return valid(+m[1]!, +m[2]!, +m[3]!);
  // /2019/April_2019/, /news/2017/jun/, /2025/January/
  m = new RegExp(`/((?:19|20)\\d\\d)/(${MONTH_WORD})(?:_\\d{4})?(?=/|$)`, 'i').exec(path);
  if (m) return valid(+m[1]!, monthNumber(m[2]!.slice(0, 3)) ?? monthNumber(m[2]!));
  m = /\/((?:19|20)\d\d)\/(0?[1-9]|1[0-2])(?=\/)/.exec(path);
  if (m) return valid(+m[1]!, +m[2]!);
  // /news/2023/essex-…
  m = /\/((?:19|20)\d\d)(?=\/)/.exec(path);
  if (m) return valid(+m[1]!);
  return null;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_DATE = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s+of)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b(?!,?\s+(?:19|20)\d\d)/g;

/**
 * The year a document's yearless weekday dates all fit, the first after every year it mentions, with the month
 * of its latest such date. With no year written, the one year from 2013 to now they fit; null when none or several do.
 */
export function weekdayYear(text: string): PartialDate | null {
  const found: { weekday: number; day: number; month: number }[] = [];
  WEEKDAY_DATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WEEKDAY_DATE.exec(text)) !== null) {
    const month = monthNumber(m[3]!);
    if (month !== undefined) found.push({ weekday: WEEKDAYS.indexOf(m[1]!.toLowerCase()), day: +m[2]!, month });
  }
  if (found.length === 0) return null;
  const fits = (y: number): boolean => found.every((f) => new Date(Date.UTC(y, f.month - 1, f.day)).getUTCDay() === f.weekday);
  const latest = found.reduce((a, b) => (b.month > a.month ? b : a));
  const mentioned = findDates(text).map((d) => d.end.year);
  if (mentioned.length) {
    for (let y = Math.max(2000, ...mentioned); y <= 2040; y++) if (fits(y)) return { year: y, month: latest.month, day: latest.day };
    return null;
  }
  // No year written at all: the weekdays place it only where one year of the inspections' era fits.
  const years: number[] = [];
  for (let y = FIRST_YEAR; y <= new Date().getUTCFullYear(); y++) if (fits(y)) years.push(y);
  return years.length === 1 ? { year: years[0]!, month: latest.month, day: latest.day } : null;
}

/** The first year of the single inspection framework, before which no document here is dated by weekdays alone. */
const FIRST_YEAR = 2013;

/** The date a document's relative dates are read against, and where it came from; null when nothing gives one. */
export function referenceDate(doc: { date: string | null; url: string | null; text: string }): { date: PartialDate; from: 'catalog' | 'address' | 'weekdays' } | null {
  const own = doc.date ? parseIso(doc.date) : null;
  if (own) return { date: own, from: 'catalog' };
  const fromUrl = urlDate(doc.url);
  // A year alone from the address is refined by the weekdays of that year.
  const weekdays = weekdayYear(doc.text);
  if (fromUrl && weekdays && weekdays.year === fromUrl.year && fromUrl.month === undefined) return { date: weekdays, from: 'weekdays' };
  if (fromUrl) return { date: fromUrl, from: 'address' };
  if (weekdays) return { date: weekdays, from: 'weekdays' };
  return null;
}
