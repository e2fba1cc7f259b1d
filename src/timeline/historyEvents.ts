/** Inspection events from Ofsted's national history: one per report row, every fact cited by the row itself. */
import type { AuthorityDirectory } from '../corpus/authorities';
import { type HistoryCell, type HistoryRow, isHistoryText, readHistoryRows, rowAuthority } from '../corpus/inspectionHistory';
import type { Passage, SourceDocument } from '../corpus/types';
import { type PartialDate, sortKey } from './dates';
import type { Draft } from './extractDocument';
import type { Area, EventKind, Evidence, Grade } from './types';

/** The grade columns and the judgement each gives. */
const GRADE_COLUMNS: [keyof HistoryRow['cells'], Area][] = [
  ['overall_effectiveness_grade', 'overall'],
  ['impact_of_leaders_grade', 'leaders'],
  ['help_and_protection_grade', 'help and protection'],
  ['in_care_grade', 'children in care'],
  ['care_leavers_grade', 'care leavers'],
];

const GRADES: ReadonlyMap<string, Grade> = new Map(Object.entries({
  outstanding: 'outstanding',
  good: 'good',
  'requires improvement': 'requires improvement',
  'requires improvement to be good': 'requires improvement',
  inadequate: 'inadequate',
  adequate: 'adequate',
}));

/**
 * The first single inspections (SIF) were published early in 2014 and the last in 2018; a report of unstated
 * framework published in that span is one of them, and one published before it is of an older framework.
 */
const SIF_FIRST = { year: 2014, month: 1 };
const ILACS_FIRST = { year: 2018, month: 4 };

/**
 * The grade a cell gives: its value, or the one grade a short cell names among stray words ("to requires
 * improvement", a fragment the extraction left); null for special values, blanks and anything else.
 */
export function gradeOf(cell: string): Grade | null {
  const v = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  const exact = GRADES.get(v);
  if (exact) return exact;
  if (v.split(' ').length > 5) return null;
  const named = [...v.matchAll(/\b(?:requires improvement(?: to be good)?|inadequate|outstanding|good|adequate)\b/g)].map((m) => GRADES.get(m[0])!);
  return new Set(named).size === 1 ? named[0]! : null;
}

/** A date written dd/mm/yyyy or dd/mm/yy, or null. Two-digit years are this century's. */
export function parseDayMonthYear(s: string): PartialDate | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(s.trim());
  if (!m) return null;
  const day = Number(m[1]), month = Number(m[2]);
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day };
}

/** The events a history file records, one per row whose authority and a date are known (see historyProblems). */
export function historyDrafts(doc: SourceDocument, passages: Passage[], authorities: AuthorityDirectory): Draft[] {
  const drafts: Draft[] = [];
  const rows = readHistoryRows(doc.text);
  rows.forEach((row, i) => {
    const passage = passages[i];
    const evidence: Evidence = { file: doc.file, passage: passage?.id ?? '', start: row.start, end: row.end };
    const authority = rowAuthority(row, authorities);
    const draft = authority ? rowDraft(row, authority, evidence) : null;
    if (draft) drafts.push(draft);
  });
  return drafts;
}

function rowDraft(row: HistoryRow, authority: string, evidence: Evidence): Draft | null {
  const cell = (c: keyof HistoryRow['cells']): HistoryCell | undefined => row.cells[c];
  const value = (c: keyof HistoryRow['cells']): string => cell(c)?.value ?? '';
  const published = parseDayMonthYear(value('publication_date'));
  const start = parseDayMonthYear(value('inspection_start_date'));
  const end = parseDayMonthYear(value('inspection_end_date')) ?? start;
  if (!published && !start) return null;
  const url = /^https?:\/\//.test(value('inspection_link')) ? value('inspection_link') : null;
  const ev: Evidence = url ? { ...evidence, url } : evidence;
  const draft: Draft = {
    authority, kind: kindOf(value('inspection_framework'), start ?? published!), theme: null, number: null, final: null,
    occurred: [], published: [], notPublished: null, judgements: [], people: [], focus: [], improvements: [],
    improvementCount: null, vague: null, after: null, mentions: [ev],
  };
  if (start && end && sortKey(end, 'end') >= sortKey(start, 'start')) {
    const text = value('inspection_end_date') && value('inspection_end_date') !== value('inspection_start_date')
      ? `${value('inspection_start_date')} to ${value('inspection_end_date')}` : value('inspection_start_date');
    draft.occurred.push({ start, end, text, relative: false, evidence: ev });
  }
  if (published) draft.published.push({ start: published, end: published, text: value('publication_date'), relative: false, evidence: ev });
  for (const [column, area] of GRADE_COLUMNS) {
    // Special values (data_unreadable, inspection_pre_dates_judgement, not_reported_post_reform) are not grades.
    const grade = gradeOf(value(column));
    if (grade) draft.judgements.push({ area, grade, evidence: ev });
  }
  const lead = value('inspector_name').replace(/\s+/g, ' ');
  if (/^[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)+$/.test(lead)) draft.people.push({ name: lead, role: 'lead', evidence: ev });
  return draft;
}

/**
 * Why a history row gives no grade for an area: its grades could not be read from the report (`unreadable`), the
 * judgement did not exist yet (`not judged then`: care leavers were judged with children in care until 2023), the
 * inspection came after the April 2026 reform that dropped the overall grade (`not given after reform`), or the cell
 * is blank or holds no grade (`blank`).
 */
export type UngradedReason = 'unreadable' | 'not judged then' | 'not given after reform' | 'blank';

const SPECIAL_VALUES: ReadonlyMap<string, UngradedReason> = new Map(Object.entries({
  data_unreadable: 'unreadable',
  inspection_pre_dates_judgement: 'not judged then',
  not_reported_post_reform: 'not given after reform',
}));

/** The rows of the last history text read, kept so that an answer about many events parses the file once. */
let lastRows: { text: string; rows: Map<number, HistoryRow> } | null = null;

/** The history row that starts at `start` in `text`, or null when the text is no history or no row starts there. */
export function historyRowAt(text: string, start: number): HistoryRow | null {
  if (lastRows?.text !== text) {
    if (!isHistoryText(text)) return null;
    lastRows = { text, rows: new Map(readHistoryRows(text).map((r) => [r.start, r])) };
  }
  return lastRows.rows.get(start) ?? null;
}

/**
 * Why the history row at `start` gives no grade for `area`, or null when it gives one (or `text` is no history). A
 * blank cell in a row whose other grades are unreadable is unreadable too: such reports name no grade at all.
 */
export function ungradedReason(text: string, start: number, area: Area): UngradedReason | null {
  const row = historyRowAt(text, start);
  if (!row) return null;
  const value = (c: keyof HistoryRow['cells']): string => (row.cells[c]?.value ?? '').toLowerCase();
  const column = GRADE_COLUMNS.find(([, a]) => a === area)![0];
  if (gradeOf(value(column))) return null;
  const special = SPECIAL_VALUES.get(value(column));
  if (special) return special;
  return GRADE_COLUMNS.some(([c]) => value(c) === 'data_unreadable') ? 'unreadable' : 'blank';
}

/** The kind of inspection a row's framework column names; unstated, its kind follows from its date. */
function kindOf(framework: string, date: PartialDate): EventKind {
  const f = framework.toLowerCase();
  if (/\bshort\b/.test(f)) return 'short';
  if (/\bstandard\b/.test(f)) return 'standard';
  if (sortKey(date) >= sortKey(ILACS_FIRST)) return 'inspection';
  return sortKey(date) >= sortKey(SIF_FIRST) ? 'sif' : 'older';
}
