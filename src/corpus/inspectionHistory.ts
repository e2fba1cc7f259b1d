/**
 * Ofsted's national history of children's services inspection reports: a CSV file with one row per report, read
 * with exact offsets so that every fact taken from a row is cited by the row's own text.
 */
import type { AuthorityDirectory } from './authorities';
import type { Passage } from './types';

/** The columns a history file must have (more may follow, such as `parser_version`). */
export const HISTORY_COLUMNS = [
  'urn', 'local_authority', 'inspection_link', 'pdf_filename', 'publication_date', 'inspection_framework',
  'inspector_name', 'inspection_start_date', 'inspection_end_date', 'overall_effectiveness_grade',
  'impact_of_leaders_grade', 'help_and_protection_grade', 'in_care_grade', 'care_leavers_grade',
] as const;

export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/** One field of a row: its value without quotes, and where the field stands in the file's text. */
export interface HistoryCell {
  value: string;
  start: number;
  end: number;
}

/** One report in the history: its line (1-based, the header is line 1) and its fields. */
export interface HistoryRow {
  line: number;
  start: number;
  end: number;
  text: string;
  cells: Partial<Record<HistoryColumn, HistoryCell>>;
  /** Fields beyond the header's, or fewer: the row is kept, its fields read by position as far as they go. */
  problem: string | null;
}

/** The heading under which history rows are passages. */
export const HISTORY_HEADING = 'National history of Ofsted inspections';

/** True when a text is a history file: its first line names every column of HISTORY_COLUMNS. */
export function isHistoryText(text: string): boolean {
  const header = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const names = splitRecord(header, 0).map((c) => c.value.trim().toLowerCase());
  return HISTORY_COLUMNS.every((c) => names.includes(c));
}

/** The fields of one CSV record (RFC 4180: quoted fields may hold commas and doubled quotes), with offsets. */
function splitRecord(line: string, offset: number): HistoryCell[] {
  const cells: HistoryCell[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"' && line[j + 1] === '"') {
          value += '"';
          j++;
        } else if (line[j] === '"') break;
        else value += line[j];
      }
      cells.push({ value, start: offset + i + 1, end: offset + j });
      const comma = line.indexOf(',', j);
      i = comma < 0 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      cells.push({ value: line.slice(i, end), start: offset + i, end: offset + end });
      i = end + 1;
    }
  }
  return cells;
}

/** The records of a CSV text as lines with offsets; a quoted field may run over a line break. */
function records(text: string): { start: number; end: number; line: number }[] {
  const out: { start: number; end: number; line: number }[] = [];
  let start = 0;
  let line = 1;
  let quoted = false;
  let breaks = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (i === text.length || (ch === '\n' && !quoted)) {
      if (text.slice(start, i).trim()) out.push({ start, end: i, line });
      line += breaks + 1;
      breaks = 0;
      start = i + 1;
    } else if (ch === '\n') breaks++;
  }
  return out;
}

/** Every report row of a history text (the header excluded), with its fields by column name. */
export function readHistoryRows(text: string): HistoryRow[] {
  const all = records(text);
  const header = all[0];
  if (!header) return [];
  const names = splitRecord(text.slice(header.start, header.end), header.start).map((c) => c.value.trim().toLowerCase());
  return all.slice(1).map((r) => {
    const fields = splitRecord(text.slice(r.start, r.end), r.start);
    const cells: HistoryRow['cells'] = {};
    names.forEach((name, i) => {
      const cell = fields[i];
      if (cell && (HISTORY_COLUMNS as readonly string[]).includes(name)) {
        cells[name as HistoryColumn] = { value: cell.value.trim(), start: cell.start, end: cell.end };
      }
    });
    const problem = fields.length === names.length ? null : `line ${r.line} has ${fields.length} fields, the header ${names.length}`;
    return { line: r.line, start: r.start, end: r.end, text: text.slice(r.start, r.end), cells, problem };
  });
}

/** A history file as passages: one per report row, numbered by its line in the file. */
export function historyPassages(file: string, text: string): Passage[] {
  return readHistoryRows(text).map((row, index) => ({
    id: `${file}#${index}`,
    file,
    index,
    number: `line ${row.line}`,
    heading: HISTORY_HEADING,
    start: row.start,
    end: row.end,
    text: row.text,
  }));
}

/** The one authority a row is about ("bournemouth, christchurch & poole"), or null when its name is none or several. */
export function rowAuthority(row: HistoryRow, authorities: AuthorityDirectory): string | null {
  const name = (row.cells.local_authority?.value ?? '').replace(/&/g, 'and');
  const matches = name ? authorities.resolve(name).matches : [];
  return matches.length === 1 ? matches[0]! : null;
}

const DAY_MONTH_YEAR = /^\d{1,2}\/\d{1,2}\/(?:\d{2}|\d{4})$/;

/** What keeps rows of a history from becoming events, one message per row, naming its line and value. */
export function historyProblems(text: string, authorities: AuthorityDirectory): string[] {
  const problems: string[] = [];
  for (const row of readHistoryRows(text)) {
    if (row.problem) problems.push(row.problem);
    if (!rowAuthority(row, authorities)) {
      problems.push(`line ${row.line}: local_authority "${row.cells.local_authority?.value ?? ''}" is not one English children's services authority; row skipped`);
    } else if (!DAY_MONTH_YEAR.test(row.cells.publication_date?.value ?? '') && !DAY_MONTH_YEAR.test(row.cells.inspection_start_date?.value ?? '')) {
      problems.push(`line ${row.line}: neither publication_date nor inspection_start_date is a date (dd/mm/yy or dd/mm/yyyy); row skipped`);
    }
  }
  return problems;
}
