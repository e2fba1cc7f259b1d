import { HISTORY_HEADING, rowAuthority } from '../corpus/inspectionHistory';
import { splitSentences } from '../corpus/splitSentences';
import type { Passage, SourceDocument } from '../corpus/types';
import type { CorpusIndex } from '../search/CorpusIndex';
import { KIND_LABELS } from '../search/describeEvent';
import { formatDate, formatSpan, type PartialDate, parseIso, sortKey } from '../timeline/dates';
import { gradeOf, historyRowAt, parseDayMonthYear } from '../timeline/historyEvents';
import { letterKind, reportKind } from '../timeline/reportLayout';
import type { Evidence } from '../timeline/types';
import type { Citation } from './types';

/** Longest quote kept whole; longer sentences are cut to the clauses that hold what the answer uses. */
export const MAX_QUOTE = 300;

/**
 * The part of a sentence worth quoting: all of it when short, else the run of clauses (cut at ", " "; " " – ")
 * that holds the most of `needles`, up to MAX_QUOTE characters. Always a substring of `sentence`.
 */
export function clipQuote(sentence: string, needles: string[] = [], max = MAX_QUOTE): string {
  const s = sentence.trim().replace(/^(?:[-*•◦▪■◼●○►\uF000-\uF0FF]\s*)?(?:\(?[0-9ivx]{1,4}[.)]\s+|\d{1,2}\.\d{1,2}\s+)?(?:\*\*)?/i, '').replace(/(?:\*\*)+$/, '').trim();
  if (s.length <= max) return s;
  const cuts = [0];
  const re = /[,;:–—]\s+|\s+(?=which\s|while\s|but\s)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) cuts.push(m.index + m[0].length);
  cuts.push(s.length);
  const wanted = needles.map((n) => n.toLowerCase()).filter((n) => n.length > 0);
  let best = s.slice(0, max);
  let bestScore = -1;
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = i + 1; j < cuts.length; j++) {
      const piece = s.slice(cuts[i], cuts[j]).replace(/[,;:–—\s]+$/, '');
      if (piece.length > max) break;
      const lowerPiece = piece.toLowerCase();
      const score = wanted.filter((n) => lowerPiece.includes(n)).length * 1000 + piece.length;
      if (score > bestScore) {
        best = piece;
        bestScore = score;
      }
    }
  }
  return best.trim();
}

/**
 * The part of a text on one page (pages of a PDF meet at a form feed): the one holding most `needles`, else the
 * longest, with where it starts in `text`.
 */
function onePage(text: string, needles: string[]): { text: string; at: number } {
  if (!text.includes('\f')) return { text, at: 0 };
  const wanted = needles.map((n) => n.toLowerCase()).filter((n) => n.length > 0);
  const score = (part: string): number => wanted.filter((n) => part.toLowerCase().includes(n)).length * 10000 + part.trim().length;
  let best = { text: '', at: 0 };
  let bestScore = -1;
  let at = 0;
  for (const part of text.split('\f')) {
    if (score(part) > bestScore) {
      best = { text: part.trim(), at };
      bestScore = score(part);
    }
    at += part.length + 1;
  }
  return best;
}

/** The page (from 1) of a PDF's text that holds an offset, from the document's page starts; null without them. */
export function pageAt(doc: Pick<SourceDocument, 'pages'>, offset: number): number | null {
  const starts = doc.pages;
  if (!starts || starts.length === 0) return null;
  let page = 1;
  starts.forEach((start, i) => {
    if (start <= offset) page = i + 1;
  });
  return page;
}

/** Collects the citations of one answer, numbering each distinct quote once. */
export class Citations {
  readonly list: Citation[] = [];

  constructor(private readonly index: CorpusIndex) {}

  /** Cites the sentence behind a fact and returns its 1-based number. */
  cite(ev: Evidence, needles: string[] = []): number {
    const doc = this.index.document(ev.file);
    const passage = this.index.passage(ev.passage);
    // A sentence wrapped over lines is quoted on one line: the scorer and readers fold spacing. One that runs over a
    // page break is quoted on one page, the one with more of what the answer uses: between the two a PDF reader may
    // set the page's footer and the next one's header.
    const part = onePage(doc ? doc.text.slice(ev.start, ev.end) : '', needles);
    const sentence = part.text.replace(/[ \t]*\n[ \t]*/g, ' ');
    const quote = clipQuote(sentence, needles);
    const existing = this.list.findIndex((c) => c.source === ev.file && (c.quote.includes(quote) || quote.includes(c.quote)));
    if (existing >= 0) {
      const c = this.list[existing]!;
      if (quote.length > c.quote.length) c.quote = quote;
      return existing + 1;
    }
    const paragraph = passage ? passage.number ?? String(passage.index + 1) : null;
    const citation: Citation = {
      source: ev.file,
      title: doc?.title ?? ev.file,
      date: doc?.date ?? null,
      paragraph,
      quote,
      url: ev.url ?? doc?.url ?? null,
    };
    const row = doc && passage?.heading === HISTORY_HEADING ? this.historyRow(doc, ev.start) : null;
    if (row) {
      citation.name = row.name;
      if (row.summary) citation.summary = row.summary;
    } else if (doc) {
      citation.name = citationName(this.index, doc);
    }
    const page = doc ? pageAt(doc, ev.start + part.at) : null;
    if (page !== null) citation.page = page;
    const place = citationPlace(passage, paragraph, page);
    if (place) citation.place = place;
    this.list.push(citation);
    return this.list.length;
  }

  /** A row of Ofsted's national history as a person reads it: whose record it is, and what it says. */
  private historyRow(doc: SourceDocument, start: number): { name: string; summary: string | null } | null {
    const row = historyRowAt(doc.text, start);
    const authority = row ? rowAuthority(row, this.index.authorities) : null;
    if (!row || !authority) return null;
    const value = (c: keyof typeof row.cells): string => row.cells[c]?.value ?? '';
    const framework = /\b(short|standard)\b/i.exec(value('inspection_framework'))?.[1]?.toLowerCase() as 'short' | 'standard' | undefined;
    const started = parseDayMonthYear(value('inspection_start_date'));
    const ended = parseDayMonthYear(value('inspection_end_date')) ?? started;
    const published = parseDayMonthYear(value('publication_date'));
    const grade = gradeOf(value('overall_effectiveness_grade'));
    const held = started && ended && sortKey(ended, 'end') >= sortKey(started) ? ` ${formatSpan(started, ended)}` : '';
    const parts = [`${authority}, ${KIND_LABELS[framework ?? 'inspection']}${held}`];
    if (grade) parts.push(`, ${grade}`);
    if (published) parts.push(` (report published ${formatDate(published)})`);
    return { name: `${NATIONAL_RECORD}: ${authority}`, summary: held || grade || published ? parts.join('') : null };
  }

  /** The source text an evidence span covers, as written. */
  text(ev: Evidence): string {
    return this.index.document(ev.file)?.text.slice(ev.start, ev.end) ?? '';
  }

  /** Every sentence of a file's passages, in order, with the evidence to cite it. */
  sentences(file: string): { text: string; evidence: Evidence }[] {
    return this.index.corpus.passages.filter((p) => p.file === file).flatMap((p) =>
      splitSentences(p.text, p.start).map((s) => ({ text: s.text, evidence: { file, passage: p.id, start: s.start, end: s.end } })));
  }

  /** A document of the corpus, by file name. */
  document(file: string): import('../corpus/types').SourceDocument | undefined {
    return this.index.document(file);
  }

  /** The id of the passage of a file that holds an offset ('' when none does). */
  passageAt(file: string, offset: number): string {
    return this.index.corpus.passages.find((p) => p.file === file && p.start <= offset && offset < p.end)?.id ?? '';
  }

  /** "[1]" or "[1][2]" for a list of numbers, "" for none. */
  static markers(ns: number[]): string {
    return [...new Set(ns)].sort((a, b) => a - b).map((n) => `[${n}]`).join('');
  }
}

/** What a citation of Ofsted's national history is named, before the authority whose row it quotes. */
export const NATIONAL_RECORD = "Ofsted's national inspection record";

/** Where a quote stands, as a person looks for it: "line 70" of a history, "page 4, para 16" of a PDF, "para 16". */
function citationPlace(passage: Passage | undefined, paragraph: string | null, page: number | null): string | null {
  if (passage?.heading === HISTORY_HEADING && paragraph) return paragraph;
  const para = paragraph ? `para ${paragraph}` : null;
  return [page !== null ? `page ${page}` : null, para].filter(Boolean).join(', ') || null;
}

/**
 * What a document's kind is called in a source's name, the first rule that matches the catalog's kind; a document
 * whose own heading says it is an Ofsted letter or report is named so whatever the catalog says.
 */
const KIND_NAMES: [RegExp, string][] = [
  // EXAMPLE: "committee report", "report to committee", "cabinet paper"
  [/\b(?:committee|cabinet|scrutiny|panel)\b.*\b(?:report|paper)\b|\b(?:report|paper)s? to\b/i, 'committee paper'],
  // EXAMPLE: "committee minutes", "minutes"
  [/\bminutes\b/i, 'minutes'],
  // EXAMPLE: "monitoring visit letter", "focused visit letter"
  [/\bmonitoring visit\b/i, 'monitoring visit letter'],
  [/\bfocused visit\b/i, 'focused visit letter'],
  [/\bletter\b/i, 'letter'],
  // EXAMPLE: "press release", "news", "news article"
  [/\b(?:press release|news)\b/i, 'news'],
  // EXAMPLE: "inspection report"
  [/\binspection report\b/i, 'report'],
];

/** The kind of document a source is, as its name says it ("report", "monitoring visit letter", "news"), or null. */
export function sourceKind(doc: Pick<SourceDocument, 'text' | 'kind'>): string | null {
  const visit = letterKind(doc.text);
  if (visit) return `${KIND_LABELS[visit]} letter`;
  if (reportKind(doc.text) !== null) return 'report';
  const kind = (doc.kind ?? '').trim();
  if (!kind) return null;
  return KIND_NAMES.find(([re]) => re.test(kind))?.[1] ?? kind.toLowerCase();
}

/** Longest source name: the Teams citation name's limit. */
const MAX_NAME = 80;

/** The names of an index's documents, made once per document. */
const names = new WeakMap<CorpusIndex, Map<string, string>>();

/**
 * A name that tells a document from the others of its authority: its title (without the "local authority children's
 * services" every Ofsted title ends with), its authority where the title does not name it, when, and its kind —
 * "Ofsted inspection of Worcestershire, May 2023 (report)". Ofsted's reports and letters are dated by when the
 * inspection or visit took place, anything else by its own date; a title that holds the year already goes undated.
 */
export function citationName(index: CorpusIndex, doc: SourceDocument): string {
  let byFile = names.get(index);
  if (!byFile) names.set(index, (byFile = new Map()));
  const known = byFile.get(doc.file);
  if (known !== undefined) return known;
  const title = doc.title.replace(/\s+local\s+authority\s+children['’]s\s+services\s*$/i, '').trim() || doc.file;
  const named = doc.authority === null || index.authorities.find(title).some((m) => m.authority === doc.authority);
  const base = named ? title : `${doc.authority}: ${title}`;
  const kind = sourceKind(doc);
  const when = (kind === 'report' || /\bletter$/.test(kind ?? '') ? heldIn(index, doc) : null) ?? (doc.date ? parseIso(doc.date) : null);
  const month: PartialDate | null = when ? { year: when.year, ...(when.month !== undefined ? { month: when.month } : {}) } : null;
  const dated = month !== null && !title.includes(String(month.year));
  const suffix = `${dated ? `, ${formatDate(month)}` : ''}${kind ? ` (${kind})` : ''}`;
  const room = MAX_NAME - suffix.length;
  const clipped = base.length <= room ? base : `${base.slice(0, Math.max(0, room - 1)).replace(/\s+\S*$/, '').replace(/[\s,;:–—-]+$/, '')}…`;
  const name = `${clipped}${suffix}`;
  byFile.set(doc.file, name);
  return name;
}

/**
 * When the inspection or visit an Ofsted document reports took place: the latest date of an event of its authority
 * read from the document itself, on or before the document's own date. Null when the timeline has none.
 */
function heldIn(index: CorpusIndex, doc: SourceDocument): PartialDate | null {
  const own = doc.date ? parseIso(doc.date) : null;
  let best: PartialDate | null = null;
  for (const e of index.timeline.events) {
    if (e.authority !== doc.authority) continue;
    for (const o of e.occurred) {
      if (o.evidence.file !== doc.file || o.relative) continue;
      if (own && sortKey(o.start) > sortKey(own, 'end')) continue;
      if (!best || sortKey(o.start) > sortKey(best)) best = o.start;
    }
  }
  return best;
}

/** The link that opens a citation's source, at the page of a PDF that holds the quote (`#page=N`); null without one. */
export function citationLink(c: Pick<Citation, 'url' | 'page' | 'source'>): string | null {
  if (!c.url) return null;
  if (c.page === undefined || !/\.pdf$/i.test(c.source)) return c.url;
  return `${c.url.replace(/#.*$/, '')}#page=${c.page}`;
}

/**
 * What a source is called where there is room for a whole title (a card, the command line): the citation's short
 * name where it tells documents apart without cutting the title short, else the title.
 */
export function sourceName(c: Pick<Citation, 'name' | 'title' | 'source'>): string {
  const title = c.title || c.source;
  return c.name && !(c.name.includes('…') && !title.includes('…')) ? c.name : title;
}
