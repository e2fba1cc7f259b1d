/**
 * How far a document is to be trusted on the facts of an inspection when documents disagree: Ofsted's own letters and
 * reports first, then a council's formal papers (minutes, reports to committee, decision records), then what a council
 * or its trust puts out as news, then the press and blogs. A newspaper that ends an inspection a day early, or calls a
 * good judgement outstanding, gives way to the letter.
 */
import type { SourceDocument } from '../corpus/types';
import { letterKind, reportKind } from '../timeline/reportLayout';

export const OFSTED = 4;
export const COUNCIL_PAPER = 3;
export const COUNCIL_NEWS = 2;
export const PRESS = 1;

/** Publishers that are no council: newspapers, broadcasters, people writing for themselves. */
const PRESS_PUBLISHER = /\b(?:news|gazette|herald|echo|post|times|courier|chronicle|recorder|mail|guardian|telegraph|express|mirror|observer|standard|argus|bulletin|journal|advertiser|bbc|itv|radio|press|blog|online|community\s+care|cypnow|children\s+and\s+young\s+people\s+now)\b/i;
const COUNCIL_PUBLISHER = /\b(?:council|borough|county|city|district|authority|trust|company|mayor|committee|cabinet|panel|board|children['’]?s\s+services|government)\b/i;
const PAPER_KIND = /\b(?:minutes|report|agenda|decision|committee|cabinet|scrutiny|paper|plan|programme|briefing|notice|record)\b/i;
const NEWS_KIND = /\b(?:news|press|release|story|article|bulletin|web\s*page|page|blog|post|update|statement)\b/i;

/** The document's standing, OFSTED (4) to PRESS (1). */
export function sourceRank(doc: Pick<SourceDocument, 'text' | 'publisher' | 'kind' | 'url'> & { publisherKind?: string | null }): number {
  const publisher = doc.publisher ?? '';
  const who = doc.publisherKind ?? '';
  const host = /^https?:\/\/([^/:]+)/i.exec(doc.url ?? '')?.[1]?.toLowerCase() ?? '';
  if (reportKind(doc.text) !== null || letterKind(doc.text) !== null || /^ofsted\b/i.test(publisher) || /^ofsted$/i.test(who) || /(?:^|\.)ofsted\.gov\.uk$/.test(host)) return OFSTED;
  if (/\b(?:newspaper|press|media|broadcaster|blog)\b/i.test(who)) return PRESS;
  const kind = doc.kind ?? '';
  // A councillor's blog or a blog post is one person's account, whoever hosts it.
  const council = /\b(?:council|trust|company|authority)\b/i.test(who);
  if (/\bblog\b/i.test(`${publisher} ${kind}`) || (!council && PRESS_PUBLISHER.test(publisher) && !COUNCIL_PUBLISHER.test(publisher))) return PRESS;
  if (/\b(?:newspaper|news\s+article)\b/i.test(kind) && !COUNCIL_PUBLISHER.test(publisher)) return PRESS;
  if (PAPER_KIND.test(kind) && !NEWS_KIND.test(kind.replace(/\bannual\s+report\b/i, ''))) return COUNCIL_PAPER;
  // A council's news, its trust's, or a page nothing is said of.
  return COUNCIL_NEWS;
}

/** The standing of the document a fact was read from: its evidence's rank, COUNCIL_NEWS where none was set. */
export function standing(evidence: { rank?: number }): number {
  return evidence.rank ?? COUNCIL_NEWS;
}
