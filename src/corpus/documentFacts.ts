import { findDates, precision, toIso } from '../timeline/dates';
import type { AuthorityDirectory } from './authorities';

const DATE_LINE_CUE = /\b(published|date[d:]?|meeting|issued|updated|posted|report date)\b/i;

/**
 * The document's own date: a short line near the top that holds a full date ("Published Thursday, 12th October
 * 2017", "EDUCATION ... COMMITTEE – 20 May 2024", "Meeting: 17/05/2023"), preferring lines that say what the date is.
 * Returns YYYY-MM-DD (or YYYY-MM), or null when the top of the document has none.
 */
export function documentDate(text: string): string | null {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).slice(0, 20);
  let fallback: string | null = null;
  for (const line of lines) {
    if (line.length > 160) continue;
    // Committee papers often set their dates in capitals ("22 JUNE 2023").
    const dates = findDates(line, null, 'past', true).filter((d) => precision(d.start) >= 2 && d.start === d.end);
    const first = dates[0];
    if (!first) continue;
    if (DATE_LINE_CUE.test(line) && precision(first.start) === 3) return toIso(first.start);
    if (fallback === null && precision(first.start) === 3) fallback = toIso(first.start);
  }
  return fallback;
}

/**
 * The first heading-like line of the text, for a document the catalog gives no title; a title wrapped onto the next
 * line ("Inspection of Worcestershire local" / "authority children’s services") is read whole.
 */
export function documentTitle(text: string, file: string): string {
  const lines = text.split('\n').map((l) => l.trim().replace(/^#+\s*/, ''));
  const i = lines.findIndex((l) => l.length >= 8 && l.length <= 160);
  if (i < 0) return file;
  const next = lines[i + 1] ?? '';
  const wrapped = /^[a-z]/.test(next) && !/[.:;]$/.test(lines[i]!) && lines[i]!.length + next.length <= 160;
  return wrapped ? `${lines[i]} ${next}` : lines[i]!;
}

/**
 * The authority a document is about: the one it names most, with the title and opening counting extra.
 * Null when it names none.
 */
export function documentAuthority(text: string, title: string, authorities: AuthorityDirectory): string | null {
  const score = new Map<string, number>();
  const add = (source: string, weight: number): void => {
    for (const m of authorities.find(source)) score.set(m.authority, (score.get(m.authority) ?? 0) + weight);
  };
  add(title, 5);
  add(text.slice(0, 1500), 2);
  add(text, 1);
  let best: string | null = null;
  let bestScore = 0;
  for (const [name, s] of score) {
    if (s > bestScore) {
      best = name;
      bestScore = s;
    }
  }
  return best;
}
