/** The one set of MiniSearch options, used both to build the index and to load its snapshot. */
import type { Options, SearchOptions } from 'minisearch';

/** A searchable record: a passage of a document or an extracted event. */
export interface SearchRecord {
  id: string;
  type: 'passage' | 'event';
  file: string;
  authority: string;
  heading: string;
  title: string;
  text: string;
}

const STOP_WORDS = new Set(['a', 'about', 'after', 'all', 'also', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'been',
  'being', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'for', 'from', 'had', 'has', 'have', 'how', 'i', 'if', 'in',
  'into', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or', 'our', 'she', 'so', 'such', 'than', 'that', 'the', 'their',
  'them', 'then', 'there', 'these', 'they', 'this', 'those', 'to', 'was', 'we', 'were', 'what', 'when', 'where', 'which',
  'who', 'whom', 'why', 'will', 'with', 'would', 'you', 'your', 'he', 'his', 'her', 'us', 'tell', 'show', 'please',
  'many', 'much', 'ever', 'one', 'ones']);

/** British and American spellings, and the domain's variant forms, folded to one. */
const SPELLINGS: [RegExp, string][] = [
  [/^judgment/, 'judgement'],
  [/^focuss/, 'focus'],
  [/^programs?$/, 'programme'],
  [/^(\w{3,})iz(e|es|ed|ing|ation|ations)$/, '$1is$2'],
  [/^(\w{3,})yz(e|es|ed|ing)$/, '$1ys$2'],
  [/^behavior/, 'behaviour'],
  [/^center/, 'centre'],
];

/** Terms already processed: answering a question processes the same words of its candidate passages many times. */
const processed = new Map<string, string | null>();
const MAX_PROCESSED = 200_000;

/** Lower case, apostrophes and plurals folded, British spelling, stop words dropped. */
export function processTerm(term: string): string | null {
  let t = processed.get(term);
  if (t === undefined) {
    if (processed.size >= MAX_PROCESSED) processed.clear();
    t = foldTerm(term);
    processed.set(term, t);
  }
  return t;
}

function foldTerm(term: string): string | null {
  let t = term.toLowerCase().replace(/['’]s$/, '').replace(/['’]/g, '');
  if (!t || STOP_WORDS.has(t)) return null;
  for (const [re, to] of SPELLINGS) t = t.replace(re, to);
  if (t.length > 4 && /[^su]s$/.test(t) && !/(?:ss|is|us)$/.test(t)) t = t.slice(0, -1);
  if (t.length > 5 && t.endsWith('ie')) t = `${t.slice(0, -2)}y`;
  return t;
}

/** Splits on anything but letters, digits and apostrophes inside words. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}'’£.]+|(?<!\d)\.|\.(?!\d)/u).filter((t) => t.length > 0);
}

export const SEARCH_OPTIONS: SearchOptions = {
  boost: { heading: 1.5, title: 1.2, authority: 0.5, text: 1 },
  fuzzy: (term) => (term.length >= 6 ? 0.2 : term.length >= 4 ? 1 : false),
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 4,
  combineWith: 'OR',
};

export const INDEX_OPTIONS: Options<SearchRecord> = {
  idField: 'id',
  fields: ['text', 'heading', 'title', 'authority'],
  storeFields: ['type', 'file', 'authority'],
  tokenize,
  processTerm: (term) => processTerm(term),
  searchOptions: SEARCH_OPTIONS,
};
