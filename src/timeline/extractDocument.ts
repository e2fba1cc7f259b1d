import { standing } from '../reading/sourceRank';
import type { AuthorityDirectory } from '../corpus/authorities';
import { headingText } from '../corpus/splitPassages';
import { splitSentences } from '../corpus/splitSentences';
import type { Passage, Sentence, SourceDocument } from '../corpus/types';
import { type DateMention, findDates, type PartialDate, overlaps, parseIso, precision, sortKey } from './dates';
import {
  bareGrade, CARDINAL_WORD, cardinalValue, findGrades, findKindMentions, findPeople, type KindMention, labelAreas, mentionNumber, NAME_WORD,
  SAME_JUDGEMENT,
} from './vocabulary';
import { isBoardHeading, isReportDates, isVerdict, leadNamedBelow, letterKind, numberedRowLabel, reportKind } from './reportLayout';
import {
  type Area, type CountClaim, type DatedFact, type EventKind, type Evidence, type Expectation, GRADED_KINDS, type Grade,
  type InspectionEvent, type JudgementFact,
} from './types';

/** An event as one document tells it, before the mentions of all documents are merged. */
export type Draft = Omit<InspectionEvent, 'id'>;

/** How long after an event its report may come out, in months. */
const REPORT_LAG_MONTHS = 12;

/** Whether a report published at `p` can be about an event at `o`: not before it, and within the lag after it. */
function reportCanFollow(o: { start: PartialDate; end: PartialDate }, p: { start: PartialDate; end: PartialDate }): boolean {
  const months = (p.start.year - o.end.year) * 12 + (p.start.month ?? 1) - (o.end.month ?? 12);
  return sortKey(o.start, 'start') <= sortKey(p.end, 'end') && months <= REPORT_LAG_MONTHS;
}

/** What one document says about inspections. */
export interface DocumentFindings {
  drafts: Draft[];
  expectations: Expectation[];
  counts: CountClaim[];
}

type DateRole = 'occurred' | 'published' | 'expected' | 'since' | 'deadline';

interface ResolvedMention extends KindMention {
  draft: Draft | null;
  resolvedKind: EventKind | null;
}

/** Mentions made from a verb ("was judged"), not from a name of an inspection. */
const JUDGED_AT = new WeakSet<KindMention>();

const ALL_AREAS: Area[] = ['overall', 'leaders', 'help and protection', 'children in care', 'care leavers'];
const PUBLISH = /\bpublish(?:ed|es|ing)?\b/i;
const NOT_PUBLISHED = /\b(?:not|never)\s+(?:been\s+|yet\s+been\s+)?published\b|\bunpublished\b|\bwas\s+not\s+made\s+public\b/i;
const OCCURRENCE_VERB = /\b(?:took\s+place|taken\s+place|carried\s+out|undertaken|conducted|held|happened|visited|inspected|was\s+on\s+site|were\s+on\s+site)\b/i;
/** Dates written relative to the document's own date. */
const RELATIVE = /\b(?:today|yesterday|(?:last|this|next|earlier this|later this)\s+(?:week|month|year|spring|summer|autumn|winter)|in\s+the\s+(?:spring|summer|autumn|winter)|(?:in|last|this)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|recently)\b/;

/** Verbs of other business than an inspection: a date after them is not the inspection's. */
const OTHER_VERB = /\b(?:appl(?:y|ies|ied)|in\s+force|came\s+into|took\s+effect|introduced|agreed|approved|received|presented|discussed|noted|submitted|reported|signed|endorsed|launched|appointed|produced|shared|sent|issued|considered|met|published|created|formed|established|founded|set\s+up|since|compared)\b/i;
const FUTURE_CUE = /\b(?:expected|expect|due|scheduled|anticipated|anticipate|planned|will|shall|next|forthcoming|upcoming|likely|imminent)\b/i;
const JUDGED_VERB = /\b(?:was|were|been)\s+(?:last\s+|previously\s+|subsequently\s+|again\s+|also\s+)?(?:formally\s+)?(?:judged|rated|graded|inspected|found\s+to\s+be)\b/gi;
const FOCUS = /\b(?:focus(?:s|ed|sed|ing)?|concentrated|looked|looking)\s+(?:on|upon|at)\s+([^.;]{8,})|\b(?:inspectors|the visit|this visit)\s+(?:evaluated|reviewed|examined)\s+([^.;]{8,})/i;
const THEME = /\b(?:joint targeted area inspection|JTAI|joint (?:multi-agency )?inspection)\b[^.;]{0,40}?\b(?:of|into|on|focus(?:s|ed|sing)? on)\s+(?:the\s+)?(?:multi-agency\s+)?(?:response\s+to\s+)?([^.;(]{6,120})/i;
const COUNT_CUE = /\b(?:there\s+(?:have|has|had)\s+been|(?:have|has|had)\s+(?:had|received|undergone|carried\s+out|completed|conducted|undertaken|made)|received|a\s+total\s+of|in\s+total|to\s+date|so\s+far|altogether|took\s+place|have\s+taken\s+place|(?:were|have\s+been)\s+carried\s+out)\b/i;
const IMPROVE_CUE = /\bwhat\s+needs\s+to\s+improve\b|\bareas?\s+for\s+priority\s+action\b|\bpriority\s+actions?\b|\bareas?\s+for\s+(?:improvement|development)\b|\b(?:needs?|needed)\s+to\s+(?:improve|be\s+improved|be\s+addressed)\b|\bplans?\s+to\s+improve\b|\brecommendations\b|\bimprove\s+in\s+the\s+(?:\w+\s+)?(?:key\s+)?areas\b/i;
const IMPROVE_COUNT = new RegExp(
  `\\b(?:identified|found|highlighted|set\\s+out|outlined|made|gave|noted)\\s+(${CARDINAL_WORD})\\s+(?:key\\s+|main\\s+)?(?:areas?|recommendations?|things|improvements?)\\b` +
  `|\\b(${CARDINAL_WORD})\\s+(?:key\\s+|main\\s+)?(?:areas?\\s+(?:for|of|that|which|to|needing|in\\s+need)\\s+(?:\\w+\\s+){0,3}(?:improv\\w*|develop\\w*|address\\w*)|recommendations)`,
  'i',
);
const LIST_ITEM = /^\s*(?:[-*•◦▪▫■□◼◻●○◆◇►▸‣⁃∙·\uF000-\uF0FF]\s*|\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)]\s+)/i;
/** A bulleted item at a line's start, further on in a passage. */
const BULLET_OPENING = /\n\s*[-*•◦▪▫■□◼◻●○◆◇►▸‣⁃∙·\uF000-\uF0FF]\s/;
/** A report's line that opens with a bullet or a number: it starts an item, it continues none. */
const ITEM_OPENING = /^\s*(?:[-*•◦▪▫■□◼◻●○◆◇►▸‣⁃∙·\uF000-\uF0FF]\s|\(?(?:\d{1,3}|[ivx]{1,4}|[a-h])[.)]\s)/i;

function familyOf(kind: EventKind): 'visit' | 'inspection' {
  return kind === 'monitoring' || kind === 'focused' ? 'visit' : 'inspection';
}

/** True when two kinds can name the same event: equal, or a graded kind and an inspection of unstated framework. */
export function kindCompatible(a: EventKind, b: EventKind): boolean {
  if (a === b) return true;
  if (a === 'inspection') return GRADED_KINDS.includes(b);
  if (b === 'inspection') return GRADED_KINDS.includes(a);
  return false;
}

/** The most precise of several dates given for one thing, of the most trusted source among equals; or null. */
export function bestDate(facts: DatedFact[]): DatedFact | null {
  let best: DatedFact | null = null;
  for (const f of facts) {
    if (!best || precision(f.start) > precision(best.start) ||
        (precision(f.start) === precision(best.start) && standing(f.evidence) > standing(best.evidence))) best = f;
  }
  return best;
}

/** Reads one document's sentences in order and returns the events, expectations and counts it states. */
export function extractDocument(doc: SourceDocument, passages: Passage[], authorities: AuthorityDirectory): DocumentFindings {
  const findings: DocumentFindings = { drafts: [], expectations: [], counts: [] };
  if (!doc.authority) return findings;
  const ref: PartialDate | null = doc.date ? parseIso(doc.date) : null;
  // What the document is about: an Ofsted report says in its header, else the first kind its title or opening names
  // ("Monitoring visit to Sandwell…").
  const layoutKind = reportKind(doc.text);
  const report = layoutKind !== null;
  const titleKind = layoutKind ?? letterKind(doc.text) ?? findKindMentions(`${doc.title}\n${doc.text.slice(0, 400)}`).find((k) => k.kind !== null)?.kind ?? null;
  // In a report: the inspection its header dates, and whether the text has passed on to its review of the LSCB.
  let reportMain: Draft | null = null;
  let boardPart = false;

  let section: Draft | null = null;
  let last: Draft | null = null;
  let lastGraded: Draft | null = null;
  let lastPassage = -1;
  let lastVisitKind: EventKind | null = titleKind === 'monitoring' || titleKind === 'focused' ? titleKind : null;
  let lastDate: PartialDate | null = null;
  let improvementTarget: Draft | null = null;
  let improvementPassage = -1;
  let improvementUnderHeading = false;
  let listMarked = false;
  let previousLine: { text: string; ev: Evidence } | null = null;
  // A JTAI's theme as its heading or opening names it, before any sentence dates the inspection.
  let openingTheme: { text: string; evidence: Evidence } | null = null;
  let signedOff = false;

  const evidence = (passage: Passage, s: Sentence): Evidence => ({ file: doc.file, passage: passage.id, start: s.start, end: s.end });

  const newDraft = (authority: string, kind: EventKind, ev: Evidence): Draft => {
    const d: Draft = {
      authority, kind, theme: null, number: null, final: null, occurred: [], published: [], notPublished: null,
      judgements: [], people: [], focus: [], improvements: [], improvementCount: null, vague: null, after: null, mentions: [ev],
    };
    findings.drafts.push(d);
    return d;
  };

  const near = (d: Draft | null, passageIndex: number): boolean => d !== null && passageIndex - lastPassage <= 2;
  // The event the document is about: the first one of its title's kind, else its first graded one.
  const docMain = (): Draft | null => {
    if (reportMain) return reportMain;
    const own = findings.drafts.filter((d) => d.authority === doc.authority && (d.occurred.length > 0 || d.number));
    if (titleKind !== null) {
      const titled = own.find((d) => kindCompatible(d.kind, titleKind));
      if (titled) return titled;
    }
    // Else the one the document mentions most (the first of equals).
    let best: Draft | null = null;
    for (const d of own) if (!best || d.mentions.length > best.mentions.length) best = d;
    return best;
  };

  const findExisting = (authority: string, kind: EventKind, dates: DateMention[], num: number | null): Draft | null => {
    for (const d of findings.drafts) {
      if (d.authority !== authority || !kindCompatible(d.kind, kind)) continue;
      if (num !== null && d.number && d.number.value !== num) continue;
      if (num !== null && d.number && d.number.value === num) return d;
      const own = bestDate(d.occurred);
      const date = dates[0];
      if (date && own && overlaps(own, date)) return d;
      if (!date && num === null) continue;
      if (date && !own && num === null && d.number === null && d.occurred.length === 0 && d === section) return d;
    }
    return null;
  };

  for (const passage of passages) {
    const heading = passage.heading === null && headingText(passage.text) !== null;
    if (heading) {
      section = null;
      improvementUnderHeading = false;
    }
    // A table's header row names its columns ("Visit   Date   Focus   Lead HMI"); it holds for its passage.
    let columns: string[] | null = null;
    let lines = 0;
    for (const s of splitSentences(passage.text, passage.start)) {
      // A sentence wrapped over lines (or pages) reads as one line; offsets stay those of the source.
      const t = s.text.replace(/[\n\f]/g, ' ');
      const ev = evidence(passage, s);
      if (report && isBoardHeading(s.text)) boardPart = true;
      const isListItem = LIST_ITEM.test(t) || (lines > 0 && !/[.:?]$/.test(t) && t.length < 400);
      lines++;

      // Improvement list items under a cue ("What needs to improve?", "…in the four key areas, as follows:").
      const listed = improvementTarget && (improvementPassage === passage.index || improvementPassage === passage.index - 1 || improvementUnderHeading);
      // Under a list whose items carry bullets or numbers, a line without one that reads as a heading ends the list.
      const headingAfterItems = listMarked && !LIST_ITEM.test(t) && headingText(s.text) !== null;
      const item = (LIST_ITEM.test(t) || (isListItem && improvementPassage === passage.index)) && findGrades(t).length === 0 &&
        bareGrade(t) === null && !headingAfterItems;
      if (listed && item && !IMPROVE_CUE.test(t)) {
        if (LIST_ITEM.test(t)) listMarked = true;
        // The item is quoted without its bullet or number.
        const marker = t.length - t.replace(LIST_ITEM, '').length;
        improvementTarget!.improvements.push({ text: t.replace(LIST_ITEM, '').replace(/[,;]\s*(?:and)?:?$/, '').trim(), evidence: { ...ev, start: ev.start + marker } });
        improvementPassage = passage.index;
        continue;
      }
      // A further sentence of the item ("◼ Assessments of need… Young people should be told…") goes on with it.
      const lastItem = improvementTarget?.improvements[improvementTarget.improvements.length - 1];
      const cueLine = IMPROVE_CUE.test(t) && (/[:?]\s*(?:\*\*)?$/.test(t) || headingText(s.text) !== null);
      // A sentence on a line of its own after the last bulleted item is a new paragraph, not more of the item.
      const ownLine = lastItem !== undefined && doc.text.slice(lastItem.evidence.end, s.start).includes('\n') &&
        !BULLET_OPENING.test(passage.text.slice(s.end - passage.start));
      if (listed && lastItem && lastItem.evidence.passage === passage.id && !ITEM_OPENING.test(s.text) && !cueLine &&
          findGrades(t).length === 0 && headingText(s.text) === null && !ownLine) {
        lastItem.text = `${lastItem.text} ${t.trim()}`;
        lastItem.evidence = { ...lastItem.evidence, end: ev.end };
        continue;
      }
      // A sentence that is no list item ends the list.
      if (listed && !item && !IMPROVE_CUE.test(t)) improvementTarget = null;

      const sentenceAuthority = otherAuthority(t, doc.authority, authorities);
      const authority: string = sentenceAuthority ?? doc.authority;
      const kinds = findKindMentions(t);
      const dates = datesOf(t, ref);
      const roles = dateRoles(t, dates, kinds);
      const grades = findGrades(t);
      const people = findPeople(t);

      // "Ofsted inspectors who visited in January": the visit in hand, whatever it was.
      if (kinds.length === 0) {
        const m = /\b(?:Ofsted|[Ii]nspectors)\s+(?:who\s+|which\s+)?(?:visited|came|were\s+on\s+site)\b/.exec(t);
        if (m) kinds.push({ kind: null, family: titleKind === 'monitoring' || titleKind === 'focused' ? 'visit' : 'inspection', start: m.index, end: m.index + m[0].length, plural: false, future: false, indefinite: false, demonstrative: false, report: false });
      }

      // A verb that says a graded inspection happened, where no inspection is named: "was judged 'inadequate'".
      if (!kinds.some((k) => k.family === 'inspection' && (k.kind === null || GRADED_KINDS.includes(k.kind)))) {
        JUDGED_VERB.lastIndex = 0;
        const m = JUDGED_VERB.exec(t);
        if (m && (grades.length > 0 || dates.some((_, i) => roles[i] === 'occurred'))) {
          const pseudo: KindMention = { kind: 'inspection', family: 'inspection', start: m.index, end: m.index + m[0].length, plural: false, future: false, indefinite: true, demonstrative: false, report: false };
          JUDGED_AT.add(pseudo);
          kinds.push(pseudo);
          kinds.sort((a, b) => a.start - b.start);
        }
      }

      // Which dates belong to which mention.
      const linked = new Map<KindMention, DateMention[]>();
      const reported = new Map<KindMention, DateMention[]>();
      dates.forEach((d, i) => {
        if (roles[i] !== 'occurred') return;
        const k = linkDate(t, d, kinds, dates);
        if (!k) return;
        // "Monitoring visit letters, July 2021 to March 2023": a period longer than any one visit or inspection
        // lasts spans several events, it dates none.
        if (monthSpan(d) > (k.family === 'visit' ? 1 : 2)) return;
        // A date beside "the Ofsted report" is when the report came out.
        if (k.report) {
          roles[i] = 'published';
          reported.set(k, [...(reported.get(k) ?? []), d]);
        } else {
          linked.set(k, [...(linked.get(k) ?? []), d]);
        }
      });

      // Counts: "there have been seven such visits", "we have had one focused visit".
      const countFor = new Map<KindMention, number>();
      for (const k of kinds) {
        const m = new RegExp(`\\b(${CARDINAL_WORD})\\s+(?:such\\s+|further\\s+|more\\s+|separate\\s+|ofsted\\s+)?$`, 'i').exec(t.slice(Math.max(0, k.start - 30), k.start));
        const n = m ? cardinalValue(m[1]!) : undefined;
        if (n === undefined || n > 30 || !COUNT_CUE.test(t)) continue;
        const kind = k.kind ?? (k.family === 'visit' ? lastVisitKind : 'inspection');
        if (!kind) continue;
        countFor.set(k, n);
        const sinceDate = dates.find((_, i) => roles[i] === 'since')?.start ?? (/\bsince\s+(?:that\s+time|then)\b/i.test(t) ? lastDate : null);
        findings.counts.push({ authority, kind, count: n, since: sinceDate, asOf: doc.date, evidence: ev });
      }

      // Resolve each mention to a draft event.
      const resolved: ResolvedMention[] = [];
      for (const k of kinds) {
        let kind: EventKind | null = k.kind;
        if (kind === null) kind = k.family === 'visit' ? lastVisitKind : 'inspection';
        // "Inspection dates: …" in a report's header, "This inspection took place…": the one the document is about.
        // In a report, "the last inspection", "the previous inspection" is another, earlier one.
        const earlier = report && /\b(?:last|previous|prior|earlier|preceding)\s+(?:\w+\s+)?$/i.test(t.slice(Math.max(0, k.start - 30), k.start));
        // A sentence that grades it names a graded inspection, though the document is about a visit or a JTAI
        // ("Ofsted's inspection of April 2015 judged the Council's children's services to be 'requires improvement'").
        const gradedElsewhere = !k.demonstrative && grades.length > 0 && !GRADED_KINDS.includes(titleKind ?? 'inspection');
        if (k.kind === null && titleKind && familyOf(titleKind) === k.family && (s.start < 1500 || k.demonstrative) && !earlier && !gradedElsewhere) kind = titleKind;
        const r: ResolvedMention = { ...k, draft: null, resolvedKind: kind };
        resolved.push(r);
        if (!kind) continue;
        if (kind === 'monitoring' || kind === 'focused') lastVisitKind = kind;
        if (k.future) continue;
        const own = linked.get(k) ?? [];
        const num = mentionNumber(t, k);
        if (k.plural) {
          const n = countFor.get(k);
          if (own.length >= 2 || (n !== undefined && own.length === n && n > 0)) {
            own.forEach((d, i) => {
              const draft = findExisting(authority, kind, [d], null) ?? newDraft(authority, kind, ev);
              addDate(draft.occurred, d, ev);
              if (n === own.length && kind === 'monitoring' && !draft.number && !dates.some((_, j) => roles[j] === 'since')) {
                draft.number = { value: i + 1, evidence: ev };
              }
              if (!draft.mentions.includes(ev)) draft.mentions.push(ev);
            });
          }
          continue;
        }
        let draft: Draft | null = null;
        const n = num && num.value > 0 ? num.value : null;
        // A candidate for a mention without a date: the right kind, and no other number than the one written.
        // "Ofsted Inspection Report 2023": a report published then is not about an event years before or after it.
        const pubs = reported.get(k) ?? [];
        const fits = (c: Draft | null): c is Draft => c !== null && c.authority === authority &&
          (n === null || c.number === null || c.number.value === n) &&
          (pubs.length === 0 || c.occurred.length === 0 || c.occurred.some((o) => pubs.some((p) => reportCanFollow(o, p))));
        if (own.length > 0) {
          draft = findExisting(authority, kind, own, n) ?? newDraft(authority, kind, ev);
        } else if (JUDGED_AT.has(k)) {
          // "Services were again judged inadequate." with no date: the graded event just mentioned, if any.
          if (lastGraded && passage.index - lastPassage <= 1 && lastGraded.authority === authority) draft = lastGraded;
        } else {
          // "this inspection" is the one the document is about; "the inspection" the one in hand, whatever its kind;
          // "the fifth monitoring visit" the numbered one, or else the visit in hand ("This visit was the fifth…").
          const main = k.demonstrative ? docMain() : null;
          const generic = k.kind === null;
          const numbered = n !== null ? findExisting(authority, kind, [], n) : null;
          // "An inspection took place in May 2023 (report attached)": an undated mention after a dated one in the same
          // sentence is that one.
          const inSentence = resolved.find((x) => x !== r && x.draft)?.draft ?? null;
          const candidates: (Draft | null)[] = [numbered, main, inSentence, section, near(last, passage.index) ? last : null, lastGraded, docMain()];
          draft = candidates.find((c) => fits(c) && (kindCompatible(c.kind, kind) || (generic && c !== lastGraded))) ?? null;
          if (!draft) {
            const same = findings.drafts.filter((d) => fits(d) && kindCompatible(d.kind, kind));
            if (same.length === 1) draft = same[0]!;
          }
          const hasFacts = grades.length > 0 || people.length > 0 || PUBLISH.test(t) || FOCUS.test(t) || (num?.final ?? false) || n !== null;
          if (!draft && hasFacts && !k.plural && (k.kind !== null || k.indefinite || heading)) draft = newDraft(authority, kind, ev);
        }
        if (!draft) continue;
        r.draft = draft;
        if (draft.kind === 'inspection' && kind !== 'inspection') draft.kind = kind;
        for (const d of own) addDate(draft.occurred, d, ev);
        // An undated document's "last month" cannot be placed in time: keep it as written.
        if (!ref && !draft.vague && own.length === 0) {
          const vague = RELATIVE.exec(t.slice(k.end, k.end + 60)) ?? RELATIVE.exec(t.slice(Math.max(0, k.start - 40), k.start));
          if (vague) draft.vague = { text: vague[0], evidence: ev };
        }
        for (const d of reported.get(k) ?? []) addDate(draft.published, d, ev);
        // Series numbers belong to monitoring visits; "the first full inspection since 2019" numbers nothing.
        if (num && num.value > 0 && !draft.number && draft.kind === 'monitoring') draft.number = { value: num.value, evidence: ev };
        if ((num?.final || /\b(?:was|be|is)\s+(?:our|the)\s+(?:last|final)\b/i.test(t.slice(k.end, k.end + 40))) && !draft.final) draft.final = ev;
        if (!draft.mentions.some((m) => m.start === ev.start)) draft.mentions.push(ev);
        last = draft;
        lastPassage = passage.index;
        if (GRADED_KINDS.includes(draft.kind)) lastGraded = draft;
        if (heading) section = draft;
        const theme = THEME.exec(t);
        if (theme && draft.kind === 'jtai' && !draft.theme) draft.theme = { text: theme[1]!.trim(), evidence: ev };
      }
      if (!openingTheme && authority === doc.authority) {
        const theme = THEME.exec(t);
        if (theme) openingTheme = { text: theme[1]!.trim(), evidence: ev };
      }

      const sentenceDraft = resolved.find((r) => r.draft)?.draft ?? null;
      if (report && !reportMain && sentenceDraft && isReportDates(t)) reportMain = sentenceDraft;
      const contextDraft = sentenceDraft ?? (last && passage.index - lastPassage <= 1 ? last : null) ?? section ?? docMain();
      const contextGraded = (): Draft | null => {
        if (sentenceDraft && GRADED_KINDS.includes(sentenceDraft.kind)) return sentenceDraft;
        if (section && GRADED_KINDS.includes(section.kind)) return section;
        if (lastGraded && passage.index - lastPassage <= 2) return lastGraded;
        const main = docMain();
        return main && GRADED_KINDS.includes(main.kind) ? main : null;
      };

      // A judgement table whose cells stand on lines of their own: the label, then the grade. In a report, the
      // table is the report's own.
      const bare = bareGrade(t);
      const labels = previousLine && bare ? labelAreas(previousLine.text) : [];
      if (bare && labels.length > 0 && previousLine) {
        const target = (report ? docMain() : null) ?? contextGraded() ?? findings.drafts.filter((d) => GRADED_KINDS.includes(d.kind)).pop() ?? null;
        const span: Evidence = { ...ev, start: previousLine.ev.start };
        if (target) for (const area of labels) addJudgement(target.judgements, area, bare, span);
        previousLine = { text: t, ev };
        continue;
      }
      // A signature: a name on one line, "His Majesty's Inspector" on the next.
      if (previousLine && /^(?:(?:Her|His)\s+Majesty['’]s\s+Inspector|HMI|(?:Senior|Lead)\s+(?:HMI|[Ii]nspector)|Ofsted\s+[Ii]nspector)\b.{0,40}$/.test(t) &&
          new RegExp(`^(?:${NAME_WORD}\\s+){1,3}${NAME_WORD}$`).test(previousLine.text)) {
        const target = docMain() ?? last;
        // An Ofsted letter is signed off by the inspector who led the visit.
        const role = /lead/i.test(t) || (signedOff && !target?.people.some((p) => p.role === 'lead')) ? 'lead' : 'inspector';
        const evidence = { ...ev, start: previousLine.ev.start };
        const known = target?.people.find((p) => p.name === previousLine!.text);
        if (target && !known) target.people.push({ name: previousLine.text, role, evidence });
        else if (known && role === 'lead' && known.role !== 'lead') Object.assign(known, { role, evidence });
      }
      if (/^Yours\s+(?:sincerely|faithfully)\b/i.test(t)) signedOff = true;
      // A report's header field on two lines: "Lead inspector:", then "Peter McEntee, His Majesty’s Inspector".
      const name = previousLine ? leadNamedBelow(previousLine.text, t) : null;
      if (name && previousLine) {
        const target = docMain() ?? last;
        const known = target?.people.find((p) => p.name === name);
        const evidence = { ...ev, start: previousLine.ev.start };
        if (target && !known) target.people.push({ name, role: 'lead', evidence });
        else if (known && known.role !== 'lead') Object.assign(known, { role: 'lead', evidence });
      }

      // Judgements go to the nearest graded mention before them, else after them, else the one in context. In a
      // report, a sentence that names no inspection judges only in its own verdicts (a table row, a heading, "The
      // overall judgement is good."), and those are the report's; its narrative ("Management oversight is good")
      // grades practice, not services.
      let previousGrade: Grade | null = null;
      const verdict = report && isVerdict(t, grades);
      // A numbered table row of a PDF with its grade beside it is quoted by its label: another PDF reader may set the
      // table's grades apart from their labels.
      const row = verdict && /\.pdf$/i.test(doc.file) ? numberedRowLabel(t) : null;
      const gradeEvidence: Evidence = row ? { ...ev, start: s.start + row.start, end: s.start + row.end } : ev;
      for (const g of grades) {
        const graded = resolved.filter((r) => r.draft && !r.future && GRADED_KINDS.includes(r.draft.kind));
        const before = graded.filter((r) => r.start < g.start).pop();
        const after = graded.find((r) => r.start > g.end);
        const inContext = resolved.some((r) => r.future && r.start < g.start) ? null : report ? (verdict ? docMain() : null) : contextGraded();
        const target = before?.draft ?? after?.draft ?? inContext;
        if (!target) continue;
        addJudgement(target.judgements, g.area === 'same' ? 'overall' : g.area, g.grade, gradeEvidence);
        previousGrade = g.grade;
      }
      if (SAME_JUDGEMENT.test(t)) {
        const m = SAME_JUDGEMENT.exec(t)!;
        const graded = resolved.filter((r) => r.draft && !r.future && GRADED_KINDS.includes(r.draft.kind));
        const target = graded.filter((r) => r.start < m.index).pop()?.draft;
        const source = previousGrade ?? contextGraded()?.judgements.find((j) => j.area === 'overall')?.grade ?? null;
        if (target && source) addJudgement(target.judgements, 'overall', source, ev);
      }

      // A row of a table of visits: the cells under "Focus" and "Lead HMI" are the event's.
      const cells = tableCells(s.text);
      if (cells && !columns && dates.length === 0 && cells.filter((c) => TABLE_HEADER.test(c)).length >= 2) columns = cells;
      else if (cells && columns && sentenceDraft && cells.length === columns.length) {
        const ev2 = ev;
        cells.forEach((cell, i) => {
          const head = columns![i]!;
          if (/\b(?:focus|theme|subject|area\s+(?:covered|inspected)|scope)\b/i.test(head) && /[a-z]/.test(cell) && datesOf(cell, ref).length === 0) {
            if (!sentenceDraft.focus.some((f) => f.evidence.start === ev2.start)) sentenceDraft.focus.push({ text: cell, evidence: ev2 });
          }
          if (/\b(?:lead|inspectors?|HMI)\b/i.test(head) && PERSON_CELL.test(cell) && !sentenceDraft.people.some((p) => p.name === cell)) {
            sentenceDraft.people.push({ name: cell, role: /\blead\b/i.test(head) ? 'lead' : 'inspector', evidence: ev2 });
          }
        });
      }

      // People, focus, publication.
      // Inspectors belong to the event the sentence names, else to the one the document reports.
      const peopleTarget = sentenceDraft ?? docMain() ?? contextDraft;
      for (const p of people) {
        const target = peopleTarget;
        if (!target) continue;
        const known = target.people.find((x) => x.name === p.name);
        if (!known) target.people.push({ name: p.name, role: p.role, evidence: ev });
        else if (p.role === 'lead' && known.role !== 'lead') Object.assign(known, { role: 'lead', evidence: ev });
      }
      const focus = FOCUS.exec(t);
      const focusText = focus ? (focus[1] ?? focus[2] ?? '') : '';
      if (focus && contextDraft && !/^\s*(?:visits?|inspections?)\b/i.test(focusText)) {
        contextDraft.focus.push({ text: focusText.trim().replace(/\s*\(.*$/, ''), evidence: ev });
      }
      if (NOT_PUBLISHED.test(t)) {
        if (contextDraft && !contextDraft.notPublished) contextDraft.notPublished = ev;
      } else if (PUBLISH.test(t)) {
        const publishAt = PUBLISH.exec(t)!.index;
        const target = resolved.filter((r) => r.draft).sort((a, b) => Math.abs(a.start - publishAt) - Math.abs(b.start - publishAt))[0]?.draft ?? contextDraft;
        dates.forEach((d, i) => {
          if (roles[i] === 'published' && target) addDate(target.published, d, ev);
        });
      }

      // Improvements: a count, or a list that follows a cue.
      const improveCount = IMPROVE_COUNT.exec(t);
      // What to improve belongs to the event the document reports, unless the sentence names another.
      const improveTarget = sentenceDraft ?? docMain() ?? contextGraded() ?? contextDraft;
      if (improveCount && improveTarget && !improveTarget.improvementCount) {
        const n = cardinalValue(improveCount[1] ?? improveCount[2] ?? '');
        if (n !== undefined) improveTarget.improvementCount = { value: n, evidence: ev };
      }
      if (IMPROVE_CUE.test(t) && (/[:?]\s*(?:\*\*)?$/.test(t) || heading) && !boardPart) {
        improvementTarget = improveTarget ?? findings.drafts.filter((d) => GRADED_KINDS.includes(d.kind)).pop() ?? null;
        improvementPassage = passage.index;
        improvementUnderHeading = heading;
        listMarked = false;
      }

      // Expectations: "the next inspection was due to take place in 2023".
      dates.forEach((d, i) => {
        if (roles[i] !== 'expected') return;
        const k = kinds.filter((x) => x.start < d.index && d.index - x.end < 120).pop() ?? kinds.find((x) => x.start > d.index && x.start - d.index < 60);
        if (!k) return;
        const kind = k.kind ?? (k.family === 'visit' ? lastVisitKind : 'inspection') ?? 'inspection';
        findings.expectations.push({
          authority, kind, asOf: doc.date,
          date: { start: d.start, end: d.end, text: d.text, relative: d.relative, evidence: ev },
        });
      });

      previousLine = { text: t, ev };
      const dated = dates.filter((_, i) => roles[i] === 'occurred' || roles[i] === 'published');
      if (dated.length > 0) lastDate = dated[dated.length - 1]!.end;
    }
  }
  // A monitoring visit's own letter numbers it in its series ("This visit was the fifth monitoring visit since…"):
  // as of the letter, there have been that many.
  const main = docMain();
  if (titleKind === 'monitoring' && main?.kind === 'monitoring' && main.number && main.authority === doc.authority &&
      !findings.counts.some((c) => c.authority === doc.authority && c.kind === 'monitoring')) {
    findings.counts.push({ authority: doc.authority, kind: 'monitoring', count: main.number.value, since: null, asOf: doc.date ?? null, evidence: main.number.evidence });
  }
  // A JTAI letter names its theme in its heading and opening, often before the sentence that dates it.
  const jtais = findings.drafts.filter((d) => d.kind === 'jtai' && d.authority === doc.authority);
  const themeless = jtais.filter((d) => !d.theme);
  if (openingTheme && themeless.length > 0 && (jtais.length === 1 || titleKind === 'jtai')) themeless[0]!.theme = openingTheme;
  // A draft with neither date nor number nor anything but a grade is too vague to be an event on the timeline.
  findings.drafts = findings.drafts.filter((d) => d.occurred.length > 0 || d.published.length > 0 || d.number ||
    d.people.length > 0 || d.focus.length > 0 || d.notPublished || d.final || d.vague);
  return findings;
}

/** Column titles of a table of inspections and visits. */
const TABLE_HEADER = /^(?:visits?|inspections?|events?|dates?|focus|theme|subject|scope|lead(?:\s+(?:HMI|inspector))?|HMI|inspectors?|outcome|judge?ment|type|number)$/i;
/** A cell that holds a person's name: two or three capitalised words. */
const PERSON_CELL = /^(?:[A-Z][a-z'’-]+|Mc[A-Z][a-z]+)(?:\s+(?:[A-Z]\.?|[A-Z][a-z'’-]+|Mc[A-Z][a-z]+)){1,2}$/;

/** The cells of a line set out in columns (a run of three spaces or a tab between them), or null for prose. */
function tableCells(line: string): string[] | null {
  if (line.includes('\n')) return null;
  const cells = line.trim().split(/ {3,}|\t+/).map((c) => c.trim()).filter((c) => c.length > 0);
  return cells.length >= 3 ? cells : null;
}

/** Dates in a sentence; a yearless date takes its year from the document date, looking ahead where the words do. */
export function datesOf(t: string, ref: PartialDate | null): DateMention[] {
  const past = findDates(t, ref, 'past');
  if (!past.some((d) => d.relative)) return past;
  const future = findDates(t, ref, 'future');
  return past.map((d) => {
    if (!d.relative) return d;
    const before = t.slice(Math.max(0, d.index - 50), d.index);
    const f = future.find((x) => x.index === d.index);
    return f && FUTURE_CUE.test(before) ? f : d;
  });
}

/** What each date in a sentence is: when something happened, was published, is expected, or a bound. */
function dateRoles(t: string, dates: DateMention[], kinds: KindMention[]): DateRole[] {
  const roles: DateRole[] = dates.map((d) => {
    const before = t.slice(Math.max(0, d.index - 60), d.index);
    if (/\bsince\s+(?:the\s+)?$/i.test(before)) return 'since';
    if (/\b(?:by|until|before|till|no\s+later\s+than|deadline\s+of)\s+(?:the\s+)?$/i.test(before)) {
      // "The next full inspection is expected no later than June 2029": the latest date the next one is due.
      return kinds.some((k) => k.future && k.end <= d.index && d.index - k.end < 100) ? 'expected' : 'deadline';
    }
    const clause = before.split(/[;]/).pop() ?? '';
    const cues = [...clause.matchAll(new RegExp(FUTURE_CUE.source, 'gi'))];
    const cue = cues[cues.length - 1];
    if (cue) {
      const between = clause.slice(cue.index);
      if (!OCCURRENCE_VERB.test(between) && !/\b(?:was|were)\s+(?:our|the)\s+last\b/i.test(between) &&
          between.trim().split(/\s+/).length <= 9) return 'expected';
    }
    if (kinds.some((k) => k.future && k.end <= d.index && d.index - k.end < 40)) return 'expected';
    return 'occurred';
  });
  if (PUBLISH.test(t) && !NOT_PUBLISHED.test(t)) {
    const re = new RegExp(PUBLISH.source, 'gi');
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) !== null) {
      const at = m.index;
      let best = -1;
      let bestGap = Infinity;
      dates.forEach((d, i) => {
        if (roles[i] !== 'occurred') return;
        const from = Math.min(at, d.index), to = Math.max(at + m![0].length, d.index + d.text.length);
        const between = t.slice(from, to);
        if (OCCURRENCE_VERB.test(between) || OCCURRENCE_VERB.test(t.slice(Math.max(0, d.index - 30), d.index))) return;
        const gap = d.index > at ? d.index - at : 2 * (at - (d.index + d.text.length));
        if (gap < bestGap && gap < 90) {
          bestGap = gap;
          best = i;
        }
      });
      if (best >= 0) roles[best] = 'published';
    }
  }
  return roles;
}

/** The mention a date of occurrence belongs to: just after it, just before it, or the first one for an opening date. */
function linkDate(t: string, d: DateMention, kinds: KindMention[], all: DateMention[]): KindMention | null {
  const dEnd = d.index + d.text.length;
  let best: KindMention | null = null;
  let bestGap = Infinity;
  for (const k of kinds) {
    if (k.future) continue;
    if (k.end <= d.index) {
      const gap = t.slice(k.end, d.index);
      // A list of dates runs on: "seven such visits in May 2017, September 2017, … and January 2019".
      const between = all.filter((x) => x.index >= k.end && x.index < d.index);
      let bare = gap;
      for (const x of between) bare = bare.replace(x.text, ' ');
      const listed = between.length > 0 && /^[\s,]*(?:in|on|during|from)?[\s,]*(?:and|&)?[\s,]*$/i.test(bare.replace(/\s*,\s*|\s+and\s+/g, ' '));
      // "the visit to Sandwell children's services on 6 March", "which took place in May": the date is the event's.
      // "the focused visit was agreed by the Board in September": it is something else's.
      const plausible = gap.length <= 25 || listed || OCCURRENCE_VERB.test(gap) || /\b(?:on|in|between|from|during|dated)\s*$/i.test(gap);
      if (gap.length <= 110 && plausible && !OTHER_VERB.test(gap) && !/[;]/.test(gap) && !/\b(?:by|since)\s*$/i.test(gap) && gap.length < bestGap) {
        best = k;
        bestGap = gap.length;
      }
    } else if (k.start >= dEnd) {
      const gap = t.slice(dEnd, k.start);
      if (gap.length <= 12 && !/[,;]|\b(?:for|in|of|to|before|after|and|by|since|until)\b/i.test(gap) && gap.length < bestGap) {
        best = k;
        bestGap = gap.length;
      }
    }
  }
  if (best) return best;
  if (/^\W*(?:\(?(?:\d{1,3}|[ivx]{1,5}|[a-h])[.)]\s+|\d{1,2}\.\d{1,2}\s+)?(?:in|on|during|between|from|in the week of|during the week of|the week (?:commencing|beginning))?\s*$/i.test(t.slice(0, d.index))) return kinds.find((k) => !k.future) ?? null;
  // "was inspected in April 2018", "the inspection ... took place ... in February 2024": the nearest before it.
  const before = kinds.filter((k) => !k.future && k.end <= d.index && !/[;]/.test(t.slice(k.end, d.index))).pop();
  // "This inspection was carried out under the framework that applies from 1 April 2026": that date is the framework's.
  const gap = before ? t.slice(before.end, d.index) : '';
  return before && OCCURRENCE_VERB.test(gap) && !OTHER_VERB.test(gap.replace(OCCURRENCE_VERB, ' ')) ? before : null;
}

/** How many calendar months a date's period runs over (0 within one month; a year-long span counts 12). */
function monthSpan(d: DateMention): number {
  const month = (p: PartialDate, edge: 'start' | 'end'): number | null => {
    if (p.month !== undefined) return p.month;
    if (p.season) return { spring: [3, 5], summer: [6, 8], autumn: [9, 11], winter: [12, 14] }[p.season][edge === 'start' ? 0 : 1]!;
    return null;
  };
  const a = month(d.start, 'start'), b = month(d.end, 'end');
  if (a === null || b === null) return (d.end.year - d.start.year) * 12;
  return (d.end.year - d.start.year) * 12 + b - a;
}

function addDate(list: DatedFact[], d: DateMention, ev: Evidence): void {
  if (list.some((x) => x.evidence.start === ev.start && x.text === d.text)) return;
  list.push({ start: d.start, end: d.end, text: d.text, relative: d.relative, evidence: ev });
}

function addJudgement(list: JudgementFact[], area: Area | 'all', grade: Grade, ev: Evidence): void {
  const areas = area === 'all' ? ALL_AREAS : [area];
  for (const a of areas) {
    // An area named on its own in the same sentence overrides "all areas".
    const same = list.find((j) => j.area === a && j.evidence.start === ev.start);
    if (same) {
      if (area !== 'all') same.grade = grade;
      continue;
    }
    list.push({ area: a, grade, evidence: ev });
  }
}

/** The authority a sentence is about when it names one other than the document's and not the document's own. */
function otherAuthority(t: string, own: string, authorities: AuthorityDirectory): string | null {
  const named = authorities.find(t);
  if (named.length === 0 || named.some((m) => m.authority === own)) return null;
  if (!/\b(?:inspect|judged|rated|ofsted|visit)/i.test(t)) return null;
  return named[0]!.authority;
}
