/**
 * Scores answers against gold questions by the project's evaluation rules: status in the expected set, every
 * must_contain and no must_not_contain (case, spacing, quote marks and number words ignored), a citation of the
 * gold file overlapping the gold quote, and every quote standing word for word in its source.
 */
import { basename } from 'node:path';
import type { Answer } from '../answer/types';

export interface GoldQuestion {
  id: string;
  question: string;
  authority: string | null;
  expected: {
    status: string[];
    must_contain?: string[];
    must_not_contain?: string[];
    cite_file?: string;
    cite_quote?: string;
  };
}

export interface QuestionScore {
  id: string;
  question: string;
  passed: boolean;
  contentRight: boolean;
  falseQuotes: number;
  reasons: string[];
  answer: string;
}

export interface ScoreSummary {
  passed: number;
  failed: number;
  answeredRight: number;
  cited: number;
  citedWanted: number;
  falseQuotes: number;
  quotes: number;
  results: QuestionScore[];
}

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** The comparison form: NFKC, lower case, plain quotes and dashes, ordinals and number words as digits, one space. */
export function normaliseForScoring(s: unknown): string {
  return String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\*\*|__/g, '')
    .replace(/\b(\d+)(st|nd|rd|th)\b/g, '$1')
    .replace(/\b[a-z]+\b/g, (w) => (WORDS.includes(w) ? String(WORDS.indexOf(w)) : w))
    .replace(/\s+/g, ' ')
    .trim();
}

function tokens(s: string): Set<string> {
  return new Set(normaliseForScoring(s).split(/[^a-z0-9]+/).filter((t) => t.length >= 3));
}

/** Scores answers (by id) against gold questions; `sourceText(file)` gives a cited file's text, or null. */
export function scoreAnswers(questions: GoldQuestion[], answers: Map<string, Answer>, sourceText: (file: string) => string | null): ScoreSummary {
  const normalised = new Map<string, string | null>();
  const source = (file: string): string | null => {
    if (!normalised.has(file)) {
      const text = sourceText(file);
      normalised.set(file, text === null ? null : normaliseForScoring(text));
    }
    return normalised.get(file) ?? null;
  };
  const summary: ScoreSummary = { passed: 0, failed: 0, answeredRight: 0, cited: 0, citedWanted: 0, falseQuotes: 0, quotes: 0, results: [] };
  for (const q of questions) {
    const a = answers.get(q.id);
    const e = q.expected;
    const reasons: string[] = [];
    const text = normaliseForScoring(a?.answer);
    if (!a || !e.status.includes(a.status)) reasons.push(`status ${a?.status} not in ${e.status.join('|')}`);
    for (const s of e.must_contain ?? []) if (!text.includes(normaliseForScoring(s))) reasons.push(`missing "${s}"`);
    for (const s of e.must_not_contain ?? []) if (text.includes(normaliseForScoring(s))) reasons.push(`holds "${s}"`);
    const contentRight = reasons.length === 0;
    if (contentRight) summary.answeredRight++;
    let falseQuotes = 0;
    for (const c of a?.citations ?? []) {
      summary.quotes++;
      const src = source(basename(c.source));
      const quote = normaliseForScoring(c.quote);
      if (!src || !quote || !src.includes(quote)) {
        falseQuotes++;
        reasons.push(`false quote from ${c.source}: "${c.quote.slice(0, 80)}"`);
      }
    }
    summary.falseQuotes += falseQuotes;
    if (e.cite_file) {
      summary.citedWanted++;
      const want = tokens(e.cite_quote ?? '');
      const ok = (a?.citations ?? []).some((c) => {
        if (basename(c.source) !== e.cite_file) return false;
        const got = tokens(c.quote);
        let shared = 0;
        for (const t of want) if (got.has(t)) shared++;
        return shared / Math.max(1, want.size) >= 0.5;
      });
      if (ok) summary.cited++;
      else reasons.push(`no citation of ${e.cite_file} near "${(e.cite_quote ?? '').slice(0, 60)}"`);
    }
    const passed = reasons.length === 0;
    if (passed) summary.passed++;
    else summary.failed++;
    summary.results.push({ id: q.id, question: q.question, passed, contentRight, falseQuotes, reasons, answer: a?.answer ?? '' });
  }
  return summary;
}
