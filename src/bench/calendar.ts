/** Calendar dates for the synthetic corpus, and the ways British council papers and Ofsted letters write them. */

/** A day as year, month (1–12) and day. */
export interface Day {
  y: number;
  m: number;
  d: number;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'] as const;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function day(y: number, m: number, d: number): Day {
  const t = new Date(Date.UTC(y, m - 1, d));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addDays(x: Day, n: number): Day {
  return day(x.y, x.m, x.d + n);
}

export function dayNumber(x: Day): number {
  return Date.UTC(x.y, x.m - 1, x.d) / 86_400_000;
}

/** The first day on or after x that falls on a weekday (0 Sunday … 6 Saturday). */
export function nextWeekday(x: Day, weekday: number): Day {
  const w = new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay();
  return addDays(x, (weekday - w + 7) % 7);
}

export function iso(x: Day): string {
  return `${x.y}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
}

export function monthName(x: Day): string {
  return MONTHS[x.m - 1]!;
}

/** "8 January 2019". */
export function longDate(x: Day): string {
  return `${x.d} ${monthName(x)} ${x.y}`;
}

/** "8th January 2019". */
export function ordinalDate(x: Day): string {
  const suffix = x.d % 10 === 1 && x.d !== 11 ? 'st' : x.d % 10 === 2 && x.d !== 12 ? 'nd' : x.d % 10 === 3 && x.d !== 13 ? 'rd' : 'th';
  return `${x.d}${suffix} ${monthName(x)} ${x.y}`;
}

/** "Thursday, 12th October 2017". */
export function weekdayDate(x: Day): string {
  return `${WEEKDAYS[new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay()]}, ${ordinalDate(x)}`;
}

/** "15.07.2021". */
export function dottedDate(x: Day): string {
  return `${String(x.d).padStart(2, '0')}.${String(x.m).padStart(2, '0')}.${x.y}`;
}

/** "17/05/2023". */
export function slashedDate(x: Day): string {
  return `${String(x.d).padStart(2, '0')}/${String(x.m).padStart(2, '0')}/${x.y}`;
}

/** "May 2023". */
export function monthYear(x: Day): string {
  return `${monthName(x)} ${x.y}`;
}

/** The ways a span of days is written. */
export type SpanStyle = 'and' | 'dash' | 'to' | 'monthYear';

/**
 * A span as documents write it: "8 and 9 January 2019" (two days), "15 – 26 May 2023", "22 February to 16 March
 * 2016", or just "May 2023".
 */
export function spanText(start: Day, end: Day, style: SpanStyle): string {
  if (style === 'monthYear') return monthYear(end);
  const sameMonth = start.y === end.y && start.m === end.m;
  if (style === 'and' && sameMonth && dayNumber(end) - dayNumber(start) === 1) return `${start.d} and ${longDate(end)}`;
  if (style === 'dash' && sameMonth) return `${start.d} – ${longDate(end)}`;
  if (sameMonth) return `${start.d} to ${longDate(end)}`;
  if (start.y === end.y) return `${start.d} ${monthName(start)} to ${longDate(end)}`;
  return `${longDate(start)} to ${longDate(end)}`;
}

/** "spring", "summer", "autumn" or "winter" of a month. */
export function season(x: Day): string {
  return x.m >= 3 && x.m <= 5 ? 'spring' : x.m >= 6 && x.m <= 8 ? 'summer' : x.m >= 9 && x.m <= 11 ? 'autumn' : 'winter';
}
