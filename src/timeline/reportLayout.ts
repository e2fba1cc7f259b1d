/**
 * How Ofsted sets out its reports on a local authority's children's services, 2013 onwards: a header naming the
 * inspection and its dates, a table of judgements, a list of what needs to improve, numbered paragraphs under a
 * heading per judgement, and in the single inspection framework (SIF, 2013–2017) a table of contents.
 */
import type { EventKind } from './types';
import { findKindMentions } from './vocabulary';

/** How far into a document its header may run, in lines. */
const HEADER_LINES = 30;
/** "Inspection dates: 15 to 26 May 2023", "Inspection date: 29 April 2014 – 21 May 2014". */
const DATES_LINE = /^\s*Inspection\s+dates?\s*:\s*\S.*\b(?:19|20)\d\d\b/im;
/** The single inspection framework's title: "Inspection of services for children in need of help and protection…". */
const SIF_TITLE = /\binspection\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection\b|\bsingle\s+inspection\b/i;
/** ILACS titles: "Inspection of Worcestershire local authority children’s services", "Inspection of children’s social care services". */
const ILACS_TITLE = /\binspection\s+of\s+(?:[\w'’&-]+\s+){0,5}?(?:local\s+authority\s+)?children['’]?s\s+(?:social\s+care\s+)?services\b/i;

/**
 * The kind of inspection an Ofsted report is about, read from its own title above its "Inspection dates:" line:
 * 'sif' for the single inspection framework, 'short' or 'standard' for an inspection of local authority children's
 * services (ILACS), else the kind its title names. Null when the text does not open as an Ofsted report.
 */
export function reportKind(text: string): EventKind | null {
  const head = text.split('\n').slice(0, HEADER_LINES).join('\n');
  const dates = DATES_LINE.exec(head);
  if (!dates) return null;
  const title = head.slice(0, dates.index).replace(/\s+/g, ' ');
  if (SIF_TITLE.test(title)) return 'sif';
  if (/\bshort\s+inspection\b/i.test(title)) return 'short';
  const named = findKindMentions(title).find((k) => k.kind !== null)?.kind ?? null;
  if (named && named !== 'standard') return named;
  return ILACS_TITLE.test(title) || named === 'standard' ? 'standard' : 'inspection';
}

/** A line of a table of contents: a title and the page it starts on ("Summary of key findings 3"). */
const CONTENTS_LINE = /^\s*[A-Z][^\n]{2,120}?[a-z?:)’'\d]\s+\d{1,3}\s*$/;

/** True for a table of contents: at least three lines, most of which end with a page number. */
export function isContents(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim().length > 0);
  const entries = lines.filter((l) => CONTENTS_LINE.test(l)).length;
  return entries >= 3 && entries * 2 >= lines.length;
}

/** A row of the single inspection framework's table: "2.1 Adoption performance Requires improvement". */
const TABLE_ROW = /^(\d{1,2}(?:\.\d{1,2})?\.?\s+)([A-Z][^.;:]{3,120}?)\s+(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|outstanding|good|adequate)\s*$/i;

/**
 * For a numbered row of a judgement table with its grade on the same line (written on one line, or with its line
 * breaks as spaces), where the label starts and ends in the row; else null. A PDF reader may set such a table's grades apart from their labels, so the label alone is quoted.
 */
export function numberedRowLabel(row: string): { start: number; end: number } | null {
  const m = TABLE_ROW.exec(row);
  if (!m) return null;
  const start = m[1]!.length;
  return { start, end: start + m[2]!.length };
}
