/**
 * How Ofsted sets out its reports on a local authority's children's services, 2013 onwards: a header naming the
 * inspection and its dates, a table of judgements, a list of what needs to improve, numbered paragraphs under a
 * heading per judgement.
 */
import { headingText } from '../corpus/splitPassages';
import type { EventKind } from './types';
import { findKindMentions, NAME_WORD } from './vocabulary';

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
  // The title may name the framework alone; the opening says "This short inspection took place under…".
  if (/\bshort\s+inspection\b/i.test(title) || /\bthis\s+(?:was\s+a\s+|inspection\s+was\s+a\s+)?short\s+inspection\b/i.test(text.slice(dates.index, dates.index + 4000))) return 'short';
  const named = findKindMentions(title).find((k) => k.kind !== null)?.kind ?? null;
  if (named && named !== 'standard') return named;
  return ILACS_TITLE.test(title) || named === 'standard' ? 'standard' : 'inspection';
}

/** A letter's heading line: "Monitoring visit to Tameside children’s services", "Focused visit to Rochdale local authority". */
const VISIT_HEADING = /^\s*(?:\*\*|#+\s*)?(monitoring|focused)\s+visit\s+(?:to|of)\s+\S.{0,100}$/im;

/**
 * The kind of visit an Ofsted letter reports, read from its heading line among its first lines ("Monitoring visit
 * to Tameside children’s services" under the address and the greeting), or null. A catalog may title such a letter
 * as an inspection of the authority's services, so the letter's own heading is read first.
 */
export function letterKind(text: string): 'monitoring' | 'focused' | null {
  const m = VISIT_HEADING.exec(text.split('\n').slice(0, HEADER_LINES).join('\n'));
  return m ? (m[1]!.toLowerCase() as 'monitoring' | 'focused') : null;
}

/** A row of the single inspection framework's table: "2.1 Adoption performance Requires improvement". */
const TABLE_ROW = /^(\d{1,2}(?:\.\d{1,2})?\.?\s+)([A-Z][^.;:]{3,120}?)\s+(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|outstanding|good|adequate)\s*$/i;

/**
 * Where the label of a numbered judgement table row stands when its grade is on the same line (or on the next, its
 * line breaks read as spaces); else null. A PDF reader may set such a table's grades apart from their labels, so the
 * label alone is quoted.
 */
export function numberedRowLabel(row: string): { start: number; end: number } | null {
  const m = TABLE_ROW.exec(row);
  if (!m) return null;
  const start = m[1]!.length;
  return { start, end: start + m[2]!.length };
}

/** True for the line of a report's header that dates the inspection it reports ("Inspection dates: 15 to 26 May 2023"). */
export function isReportDates(line: string): boolean {
  return /^\s*Inspection\s+dates?\s*:/i.test(line);
}

/** The judgement areas as a report's table and headings name them. */
const AREA_NAMES = [
  '(?:experiences?\\s+and\\s+progress\\s+of\\s+)?(?:children\\s+(?:and\\s+young\\s+people\\s+)?(?:who\\s+need|in\\s+need\\s+of)\\s+help\\s+and\\s+protection' +
    '|children\\s+(?:in\\s+care|looked\\s+after)(?:\\s+and\\s+achieving\\s+permanence)?(?:\\s+and\\s+care\\s+leavers)?|care\\s+leavers|young\\s+people\\s+leaving\\s+care)',
  'impact\\s+of\\s+leaders(?:\\s+on\\s+social\\s+work\\s+practice(?:\\s+with\\s+children\\s+and\\s+families)?)?',
  'leadership(?:,?\\s+management)?\\s+and\\s+governance',
  'help\\s+and\\s+protection(?:\\s+for\\s+children(?:\\s+and\\s+families)?)?',
  'overall\\s+(?:effectiveness|judge?ment)',
  // "Children’s services in Worcestershire", "Services for children in Barking and Dagenham": the whole.
  '(?:children[\'’]s\\s+)?services\\s+(?:for|to)\\s+children(?:\\s+and\\s+families)?(?:\\s+(?:in\\s+need\\s+of|who\\s+need)\\s+help\\s+and\\s+protection)?\\s+in\\s+[A-Z][\\w\\s’\'-]{2,40}?',
  'children[\'’]s\\s+services\\s+in\\s+[A-Z][\\w\\s’\'-]{2,40}?',
];
/**
 * All that stands before a verdict's grade: an area or the whole, perhaps numbered and introduced ("The graded
 * judgement about the experience and progress of care leavers is that it is"), and a separator or a verb.
 */
const VERDICT_SUBJECT = new RegExp(
  '^(?:\\d{1,2}(?:\\.\\d{1,2})?\\.?\\s+)?(?:overall,?\\s+)?(?:the\\s+graded\\s+judge?ment\\s+(?:for|about|on)\\s+)?(?:the\\s+)?' +
  `(?:${AREA_NAMES.join('|')})\\s*(?:[:;–-]\\s*)?` +
  '(?:(?:is|are|was|were|remains?)(?:\\s+that\\s+(?:it|(?:children[\'’]s\\s+)?services(?:\\s+for\\s+children)?)(?:\\s+(?:is|are))?)?(?:\\s+judged(?:\\s+to\\s+be)?)?)?$',
  'i',
);
/** The longest line, in words, that reads as a report's verdict. */
const MAX_VERDICT_WORDS = 30;

/**
 * True for a report's verdict: a short line that ends on its grade and says what it judges, an area ("The
 * experiences and progress of care leavers: good", "3. Leadership, management and governance Inadequate") or the
 * whole ("The overall judgement is good.", "Children’s services in Worcestershire are inadequate"). `grades` are
 * the grades found in the line, in order.
 */
export function isVerdict(line: string, grades: { start: number; end: number }[]): boolean {
  const first = grades[0];
  const last = grades[grades.length - 1];
  if (!first || !last || !/^['’"”]?\s*\.?\s*$/.test(line.slice(last.end)) || line.trim().split(/\s+/).length > MAX_VERDICT_WORDS) return false;
  return VERDICT_SUBJECT.test(line.slice(0, first.start).trim());
}

/** The heading of a SIF report's review of the local safeguarding children board, which follows its findings. */
const SAFEGUARDING_BOARD = /^(?:Section\s+\d+\s*:\s*)?(?:The\s+)?(?:effectiveness\s+of\s+the\s+)?(?:(?:Local|[A-Z][a-z]+)\s+Safeguarding\s+Children\s+Board|LSCB)\b/i;

/** True for the heading of a SIF report's review of its local safeguarding children board ("The Local Safeguarding Children Board (LSCB)"). */
export function isBoardHeading(text: string): boolean {
  return SAFEGUARDING_BOARD.test(text.replace(/\s+/g, ' ').trim()) && headingText(text) !== null;
}

/** "Lead inspector:" with nothing after it: the name stands on the next line. */
const LEAD_FIELD = /^Lead\s+(?:inspector|HMI)\s*:?\s*$/i;
/** A line that is only a name, perhaps with the inspector's title: "Peter McEntee, His Majesty’s Inspector". */
const FIELD_NAME = new RegExp(`^(${NAME_WORD}(?:\\s+${NAME_WORD}){1,3})(?:\\s*,?\\s*(?:HMI|(?:Her|His)\\s+Majesty['’]s\\s+Inspector))?\\.?$`);

/** The lead inspector a header names on the line below "Lead inspector:" ("Peter McEntee, His Majesty’s Inspector"), or null. */
export function leadNamedBelow(field: string, line: string): string | null {
  return LEAD_FIELD.test(field) ? FIELD_NAME.exec(line.trim())?.[1] ?? null : null;
}
