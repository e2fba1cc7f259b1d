/** Inspection events from Ofsted's national history: one per report row, every fact cited by the row itself. */
import type { AuthorityDirectory } from '../corpus/authorities';
import { type HistoryCell, type HistoryRow, readHistoryRows, rowAuthority } from '../corpus/inspectionHistory';
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

const GRADES: Record<string, Grade> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires improvement': 'requires improvement',
  'requires improvement to be good': 'requires improvement',
  inadequate: 'inadequate',
  adequate: 'adequate',
};

/**
 * The first single inspections (SIF) were published early in 2014 and the last in 2018; a report of unstated
 * framework published in that span is one of them, and one published before it is of an older framework.
 */
const SIF_FIRST = { year: 2014, month: 1 };
const ILACS_FIRST = { year: 2018, month: 4 };

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
    const grade = GRADES[value(column).toLowerCase()];
    if (grade) draft.judgements.push({ area, grade, evidence: ev });
  }
  const lead = value('inspector_name').replace(/\s+/g, ' ');
  if (/^[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)+$/.test(lead)) draft.people.push({ name: lead, role: 'lead', evidence: ev });
  return draft;
}

/** The kind of inspection a row's framework column names; unstated, its kind follows from its date. */
function kindOf(framework: string, date: PartialDate): EventKind {
  const f = framework.toLowerCase();
  if (/\bshort\b/.test(f)) return 'short';
  if (/\bstandard\b/.test(f)) return 'standard';
  if (sortKey(date) >= sortKey(ILACS_FIRST)) return 'inspection';
  return sortKey(date) >= sortKey(SIF_FIRST) ? 'sif' : 'older';
}
