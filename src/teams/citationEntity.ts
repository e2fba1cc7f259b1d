/** Teams citations: the schema.org Message entity that turns [n] markers in a message into numbered sources. */
import type { Entity } from 'botbuilder';
import { citationLink } from '../answer/Citations';
import type { Citation } from '../answer/types';
import { formatDate, parseIso } from '../timeline/dates';

// Teams rejects the whole message (HTTP 400) when a citation breaks one of these, and the bot goes silent.
/** Most citations one message may carry: the Agents Playground, the strictest client, refuses more than 10. */
export const MAX_CITATIONS = 10;
/** Longest citation name (the source's name, else its title), in characters. */
export const MAX_CITATION_NAME = 80;
/** Longest citation abstract (the quote as a person reads it, else the quote), in characters. */
export const MAX_CITATION_ABSTRACT = 160;
/** Most keywords one citation may carry. */
export const MAX_KEYWORDS = 3;
/** Longest keyword, in characters. */
export const MAX_KEYWORD_LENGTH = 28;

const ELLIPSIS = '…';

/** One numbered source as Teams shows it under a message. */
export interface ClientCitation {
  '@type': 'Claim';
  /** 1-based; the [n] marker in the text that points at it. */
  position: number;
  appearance: {
    '@type': 'DigitalDocument';
    name: string;
    abstract: string;
    url?: string;
    keywords?: string[];
  };
}

/** The root entity that carries a message's citations. */
export interface CitationEntity extends Entity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': '';
  citation: ClientCitation[];
}

/**
 * `text` with runs of white space made single, clipped to at most `max` characters on a word boundary, ending with
 * '…' (counted in `max`) when clipped; a first word longer than `max` is cut mid-word.
 */
export function clipOnWord(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  if (max < 1) return '';
  const room = max - ELLIPSIS.length;
  const head = s.slice(0, room);
  const endsOnWord = s[room] === ' ';
  const lastSpace = head.lastIndexOf(' ');
  let cut = endsOnWord || lastSpace <= 0 ? head : head.slice(0, lastSpace);
  // "…in May 2017,…" reads badly: the clause punctuation before the ellipsis goes.
  cut = cut.replace(/[\s,;:.–—-]+$/, '');
  // Never leave half of a surrogate pair (an emoji, say) before the ellipsis.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/** The citation entity for `citations`, numbered from 1; only the first MAX_CITATIONS, and of those only `only`. */
export function citationEntity(citations: readonly Citation[], only?: ReadonlySet<number>): CitationEntity {
  const claims: ClientCitation[] = [];
  citations.slice(0, MAX_CITATIONS).forEach((c, i) => {
    const position = i + 1;
    if (!only || only.has(position)) claims.push(claim(c, position));
  });
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: claims,
  };
}

function claim(c: Citation, position: number): ClientCitation {
  const name = clipOnWord(c.name ?? '', MAX_CITATION_NAME) || clipOnWord(c.title, MAX_CITATION_NAME) || clipOnWord(c.source, MAX_CITATION_NAME) || `Source ${position}`;
  // A data row reads as its summary; the row itself stays the quote behind it.
  const abstract = clipOnWord(c.summary ?? '', MAX_CITATION_ABSTRACT) || clipOnWord(c.quote, MAX_CITATION_ABSTRACT) || name;
  const appearance: ClientCitation['appearance'] = { '@type': 'DigitalDocument', name, abstract };
  const url = citationLink(c);
  if (url && isHttpUrl(url)) appearance.url = url;
  const keywords = citationKeywords(c);
  if (keywords.length) appearance.keywords = keywords;
  return { '@type': 'Claim', position, appearance };
}

/** "6 March 2019", "page 4, para 16" (or "para 4", "line 70"), the file name: those that fit, at most MAX_KEYWORDS. */
function citationKeywords(c: Citation): string[] {
  const candidates = [
    c.date ? readableDate(c.date) : '',
    c.place ?? (c.paragraph ? `para ${c.paragraph.trim()}` : ''),
    clipOnWord(c.source, MAX_KEYWORD_LENGTH),
  ];
  const fitting = candidates.filter((k) => k.length > 0 && k.length <= MAX_KEYWORD_LENGTH);
  return [...new Set(fitting)].slice(0, MAX_KEYWORDS);
}

/** "6 March 2019" for 2019-03-06, "March 2019" for 2019-03; anything else as given. */
export function readableDate(iso: string): string {
  const d = parseIso(iso.trim());
  return d ? formatDate(d) : iso.trim();
}

/** True for an absolute http: or https: URL. */
export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
