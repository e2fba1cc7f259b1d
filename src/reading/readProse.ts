/**
 * The binder: reads a document of prose (a press release, minutes, a web page, a bulletin) sentence by sentence with
 * the readers, and links what they find to events clause by clause. A fact joins an event only where the text
 * joins them: the same clause names the event, or the clause goes on with the sentence's event, or the document is
 * about that event and the clause names no other. Clauses about an earlier event ("since it was found inadequate in
 * 2019") give that event its facts; a kindless "the inspection" joins only an event of its family; a date of other
 * business or of a meeting dates no event; a publication date before the event is refused.
 */
import type { AuthorityDirectory } from '../corpus/authorities';
import { splitSentences } from '../corpus/splitSentences';
import type { Passage, SourceDocument } from '../corpus/types';
import { type DateMention, findDates, overlaps, type PartialDate, sortKey } from '../timeline/dates';
import { bestDate, datesOf, type DocumentFindings, type Draft, kindCompatible } from '../timeline/extractDocument';
import { type Area, type DatedFact, type EventKind, type Evidence, GRADED_KINDS, type Grade, type TextFact } from '../timeline/types';
import { type Clause, clauseAt, splitClauses } from './clauses';
import { dateRole, type DateRole } from './dateRoles';
import { announcesImprovements, improvementCount, isTableHeader, readFocus, readImprovement, readTheme, tableCells } from './findings';
import { type GradeSpan, readAreas, readGrades } from './grades';
import { type KindSpan, readKinds } from './kinds';
import { countBefore, seriesNumber } from './numbers';
import { readPeople } from './people';
import { referenceDate } from './referenceDate';

/** How many months after an event its report may come out, and a document report it. */
const REPORT_LAG_MONTHS = 12;
/** How far into a document its opening runs: the title and the first sentences say what it is about. */
const OPENING_SENTENCES = 6;

/** A date found in a sentence, with its role. */
interface RoledDate extends DateMention {
  role: DateRole;
}

/** One sentence as the readers found it. */
interface Reading {
  text: string;
  ev: Evidence;
  passage: Passage;
  clauses: Clause[];
  kinds: KindSpan[];
  dates: RoledDate[];
  grades: GradeSpan[];
  /** A line that opens with a bullet or a number. */
  item: boolean;
}

const LIST_ITEM = /^\s*(?:[-*•◦▪▫■□◼◻●○◆◇►▸‣⁃∙·\uF000-\uF0FF]\s*|\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)]\s+)/i;
const NOT_PUBLISHED = /\b(?:not|never)\s+(?:been\s+|yet\s+been\s+)?published\b|\bunpublished\b|\bwas\s+not\s+made\s+public\b|\bno\s+formal\s+report\s+(?:will\s+be|was|is)\s+(?:produced|published)\b/i;
const SAME_JUDGEMENT = /\b(?:the\s+)?same\s+(?:judge?ment|grade|rating|outcome)\b/i;
/** "…rated outstanding for the second consecutive time since 2019": the inspection before had the same grade. */
const AGAIN_SINCE = /\b(?:second|2nd)\s+(?:consecutive\s+)?time\b[^.;]{0,20}?\b(?:since|in|after)\s+((?:19|20)\d\d)\b|\b(?:second|2nd)\s+(?:consecutive\s+)?time\s+in\s+a\s+row\b[^.;]{0,20}?\b(?:since|in|after)\s+((?:19|20)\d\d)\b/i;
const COUNT_CUE = /\b(?:there\s+(?:have|has|had)\s+been|(?:have|has|had)\s+(?:had|received|undergone|completed|conducted|undertaken|carried\s+out)|a\s+total\s+of|in\s+total|to\s+date|so\s+far|altogether|(?:have|has)\s+taken\s+place|took\s+place|were\s+carried\s+out)\b/i;

/** Whether a report dated `p` can be about an event held at `o`: not before it, and within the lag after it. */
/** Events Ofsted gives no grade at. */
const UNGRADED_KINDS: readonly EventKind[] = ['monitoring', 'focused', 'jtai'];

/** A verb that says inspectors came again: "Ofsted were back", "inspectors returned". */
const BACK = /\b(?:(?:were|was|came|have\s+been|had\s+been)\s+back|returned|went\s+back)\b/i;

export function canFollow(o: { start: PartialDate; end: PartialDate }, p: { start: PartialDate; end: PartialDate }): boolean {
  // A date without a year is placed when the document is read to its end.
  if (yearless(o) || yearless(p)) return true;
  const months = (p.start.year - o.end.year) * 12 + (p.start.month ?? 12) - (o.end.month ?? 1);
  return sortKey(o.start, 'start') <= sortKey(p.end, 'end') && months <= REPORT_LAG_MONTHS;
}

function familyOf(kind: EventKind): 'visit' | 'inspection' {
  return kind === 'monitoring' || kind === 'focused' ? 'visit' : 'inspection';
}

/** Reads a document of prose into the events, expectations and counts it states. */
export function readProse(doc: SourceDocument, passages: Passage[], _authorities: AuthorityDirectory): DocumentFindings {
  const findings: DocumentFindings = { drafts: [], expectations: [], counts: [] };
  if (!doc.authority) return findings;
  const authority = doc.authority;
  const ref = referenceDate(doc)?.date ?? null;
  const latest = ref ?? today();

  // A committee's work programme or forward plan lists meetings to come, each with its items.
  const agenda = /\b(?:work\s+programme|forward\s+plan|work\s+plan|agenda)\b/i.test(`${doc.title} ${doc.text.slice(0, 300)}`);
  // Every sentence, read once.
  const readings: Reading[] = [];
  for (const passage of passages) {
    for (const s of splitSentences(passage.text, passage.start)) {
      const text = s.text.replace(/[\n\f]/g, ' ');
      const clauses = splitClauses(text);
      const kinds = readKinds(text);
      const dates: RoledDate[] = [];
      let floor = 0;
      for (const d of readDates(text, ref)) {
        const clause = clauseAt(clauses, d.index);
        dates.push({ ...d, role: dateRole(text, d, clause, kinds.filter((k) => inSpan(k, clause)), floor) });
        floor = d.index + d.text.length;
      }
      // A work programme's row ("10 June 2025 | JTAI – action plan update | Director…", "JTAI outcome letter | w/c 12 May
      // 2025 | …"): a date that fills a cell of its own is its meeting's.
      if (agenda && /[\t|]/.test(text)) {
        for (const d of dates) {
          const cellStart = Math.max(text.lastIndexOf('|', d.index), text.lastIndexOf('\t', d.index)) + 1;
          const after = text.slice(d.index + d.text.length);
          const cellEnd = /[\t|]/.test(after) ? after.search(/[\t|]/) : after.length;
          const rest = `${text.slice(cellStart, d.index)} ${after.slice(0, cellEnd)}`;
          if (/^\s*(?:w\/c|week\s+commencing|wc|tbc|\(tbc\)|provisional(?:ly)?|[,()\s])*\s*$/i.test(rest)) d.role = 'meeting';
        }
      }
      // Nothing has taken place after the day the document was written, or for one with no date, after today: "a short
      // inspection to follow in 2028" is one to come, whatever its clause says.
      for (const d of dates) {
        if ((d.role === 'occurred' || d.role === 'published') && !yearless(d) && sortKey(d.start, 'start') > sortKey(latest, 'end')) d.role = d.role === 'occurred' ? 'expected' : 'other';
      }
      // "today (November 25)", "published today (22 April)": a date in brackets after another restates it.
      for (let i = 1; i < dates.length; i++) {
        const a = dates[i - 1]!, b = dates[i]!;
        if (/^\s*\(\s*$/.test(text.slice(a.index + a.text.length, b.index))) {
          // "Ofsted has today (16 March) published…": the words after the brackets give both their role.
          const role = a.role !== 'other' ? a.role : b.role;
          a.role = role;
          b.role = role;
        }
      }
      readings.push({
        text, passage, clauses, kinds, dates, grades: readGrades(text), item: LIST_ITEM.test(text),
        ev: { file: doc.file, passage: passage.id, start: s.start, end: s.end },
      });
    }
  }

  const newDraft = (kind: EventKind, ev: Evidence): Draft => {
    const d: Draft = {
      authority, kind, theme: null, number: null, final: null, occurred: [], published: [], notPublished: null,
      judgements: [], people: [], focus: [], improvements: [], improvementCount: null, vague: null, after: null, mentions: [ev],
      reported: null, subjectOf: [],
    };
    findings.drafts.push(d);
    return d;
  };
  const mention = (d: Draft, ev: Evidence): void => {
    if (!d.mentions.some((m) => m.start === ev.start)) d.mentions.push(ev);
  };

  // What the document is about: the first event its title and opening name as the one in hand.
  // The opening: its first sentences of substance, past a page's furniture ("HULL CITY COUNCIL", "For immediate release").
  const furniture = /\||^\s*\[|^\s*(?:home|skip|cookie|accept|menu|search|share|print|back\s+to)\b|\s>\s/i;
  const providerOfAdoption = /\badoption\b/i.test(`${doc.title} ${readings.slice(0, 3).map((r) => r.text).join(' ')}`);
  const topicKind = topicOf(doc.title, readings.filter((r) => (r.text.length >= 30 || r.kinds.length > 0) && !furniture.test(r.text)).slice(0, OPENING_SENTENCES));
  let topic: Draft | null = null;
  const ensureTopic = (ev: Evidence): Draft | null => {
    if (!topicKind) return null;
    if (!topic) {
      topic = newDraft(topicKind, ev);
      topic.subjectOf = [doc.file];
    }
    return topic;
  };

  const dated = (d: Draft): DatedFact | null => bestDate(d.occurred);
  const fitsDate = (d: Draft, date: DateMention): boolean => {
    const own = dated(d);
    return !own || overlaps(own, date);
  };
  /** The event a mention names, made if none of this document's fits; null for one to come. */
  /** The kind a mention stands for: its own, else the document's where the family fits. */
  const kindFor = (k: KindSpan, graded = false): EventKind | null => {
    // In a page about one service's inspection ("Adoption services … rated ‘Good’"), ratings and visits are the service's.
    if (topicKind === 'provider' && k.by !== 'noun') return 'provider';
    if (k.kind !== null) return k.kind;
    // "…were last fully inspected in November 2022" on a page about a joint inspection: an earlier graded inspection.
    if (k.relation === 'prior' && k.family !== 'visit' && topicKind && !GRADED_KINDS.includes(topicKind)) return 'inspection';
    if (graded && k.family !== 'visit' && (!topicKind || !GRADED_KINDS.includes(topicKind))) return 'inspection';
    if (k.family === 'any') return k.relation === 'prior' ? 'inspection' : topicKind ?? 'inspection';
    if (topicKind && familyOf(topicKind) === k.family) return topicKind;
    if (k.family === 'visit') return lastVisit(findings.drafts);
    return 'inspection';
  };
  const resolve = (k: KindSpan, time: 'main' | 'prior' | 'future', own: DateMention[], r: Reading, number: number | null, graded: boolean, carried: Draft | null): Draft | null => {
    if (time === 'future') return null;
    // "Andy Waugh HMI led the inspection", "The inspection took place in October" in a letter about a visit: people are
    // loose with the words; a graded fact is not.
    if (k.kind === null && k.family === 'inspection' && !graded && time === 'main' && topicKind && familyOf(topicKind) === 'visit') {
      const t = ensureTopic(r.ev)!;
      if (own.length === 0 || !dated(t) || overlaps(dated(t)!, own[0]!)) return t;
    }
    // "Ofsted were back in July, on Tuesday 11 and Wednesday 12 July", after a paragraph on "the fourth monitoring
    // visit": the event just told of, which had no date until now.
    if (k.by === 'verb' && own.length > 0 && time === 'main' && number === null && BACK.test(k.text) && lastDraft &&
        r.passage.index - lastDraftPassage <= 1 && !dated(lastDraft) && (k.family === 'any' || familyOf(lastDraft.kind) === k.family)) return lastDraft;
    // A rating dated in its own clause ("In 2016 services were rated inadequate") is of the event it dates, which a
    // document reporting another need not be about.
    if (k.by === 'rating' && own.length > 0 && time === 'main') {
      const date = own[0]!;
      const of = topicKind === 'provider' ? 'provider' : 'inspection';
      const same = findings.drafts.find((d) => (of === 'provider' ? d.kind === 'provider' : GRADED_KINDS.includes(d.kind)) && dated(d) && overlaps(dated(d)!, date));
      if (same) return same;
      // "Ofsted inspected the services from 3 to 14 June 2024 and judged them good" under "Ofsted rates … good": the
      // page's own inspection, where the page came out soon after.
      const t = topicKind && kindCompatible(topicKind, of) && ref && canFollow(date, { start: ref, end: ref }) ? ensureTopic(r.ev) : null;
      if (t && !dated(t)) return t;
      return newDraft(of, r.ev);
    }
    // "…was last inspected in November 2019 when it was judged 'requires improvement'": the event the sentence is on.
    if (carried && own.length === 0 && number === null && (k.by !== 'noun' || k.kind === null)) return carried;
    const kind = kindFor(k, graded);
    const t = kind !== null && topicKind !== null && time === 'main' && (kindCompatible(topicKind, kind) || (topicKind === 'standard' && kind === 'short')) ? ensureTopic(r.ev) : topic as Draft | null;
    if (kind === null) {
      // "the visit" in a document about no visit: a visit of unstated kind is none the timeline can place.
      const visits = findings.drafts.filter((d) => familyOf(d.kind) === 'visit');
      return visits.length === 1 ? visits[0]! : null;
    }
    const candidates = findings.drafts.filter((d) => kindCompatible(d.kind, kind!) || (k.kind === null && k.family !== 'visit' && GRADED_KINDS.includes(d.kind) && GRADED_KINDS.includes(kind!)));
    if (own.length > 0) {
      const date = own[0]!;
      const same = candidates.find((d) => dated(d) && overlaps(dated(d)!, date) && (number === null || !d.number || d.number.value === number));
      if (same) return same;
      // A short inspection told of in a paper titled with the framework's name ("Ofsted inspection of local authority
      // children's services"): the paper's inspection is the short one.
      const refines = t !== null && t.kind === 'standard' && kind === 'short' && !dated(t) && t.judgements.length === 0;
      if (time === 'main' && t && (kindCompatible(t.kind, kind) || refines) && !dated(t) && (number === null || !t.number || t.number.value === number) &&
          (!t.reported || canFollow(date, t.reported))) {
        if (refines) t.kind = 'short';
        return t;
      }
      return newDraft(kind, r.ev);
    }
    if (number !== null) {
      const numbered = candidates.find((d) => d.number?.value === number);
      if (numbered) return numbered;
      if (time === 'main' && t && kindCompatible(t.kind, kind) && !t.number) return t;
      return newDraft(kind, r.ev);
    }
    if (time === 'prior') return null;
    // "that inspection": the one just mentioned, if its kind fits.
    // "Services were again judged inadequate.": a rating or a verb with no date of its own is about the event just told.
    if (k.by !== 'noun' && own.length === 0 && number === null) {
      const recent = lastDraft && r.passage.index - lastDraftPassage <= 1 ? lastDraft : null;
      const fits = (d: Draft | null): d is Draft => d !== null && (kindCompatible(d.kind, kind) || (k.family === 'any' && !graded) || (graded && GRADED_KINDS.includes(d.kind)));
      if (fits(recent)) return recent;
      if (fits(t)) return t;
      return null;
    }
    // "Ofsted's letter was published on 4 April 2024", "the visit": after a paragraph about one event, that one.
    if ((k.kind === null || k.report) && k.relation === 'plain' && !k.indefinite && lastDraft && r.passage.index - lastDraftPassage <= 1 &&
        (kindCompatible(lastDraft.kind, kind) || (k.kind === null && (k.family === 'any' || familyOf(lastDraft.kind) === k.family)))) return lastDraft;
    if (k.anaphoric && lastDraft && (kindCompatible(lastDraft.kind, kind) || (k.kind === null && familyOf(lastDraft.kind) === familyOf(kind)))) return lastDraft;
    if (t && (kindCompatible(t.kind, kind) || (k.kind === null && familyOf(t.kind) === familyOf(kind)))) return t;
    // A kind this document names once: its one event of that kind.
    if (k.kind !== null) {
      const same = candidates.filter((d) => d.kind === kind);
      if (same.length === 1) return same[0]!;
      if (same.length === 0 && !k.plural) return newDraft(kind, r.ev);
    }
    return null;
  };

  let previousAreas: Area[] = [];
  let listGrade: { grade: Grade; draft: Draft; passage: number } | null = null;
  let focusList: { draft: Draft; passage: number } | null = null;
  let improveList: { draft: Draft; passage: number } | null = null;
  let improvementsAnnounced: Draft | null = null;
  /** Events made from a verb or a rating alone ("Ofsted last visited in October 2021"), whose kind a later clause may name. */
  const loose = new Set<Draft>();
  let columns: string[] | null = null;
  let pendingTheme: TextFact | null = null;
  let lastDraft: Draft | null = null;
  let lastDraftPassage = -1;
  /** The last date an event took place, for "since that time". */
  let lastDate: PartialDate | null = null;

  for (const r of readings) {
    const { text, ev } = r;
    // Lists under a cue: grades, focus, improvements.
    if (r.item && listGrade && r.passage.index - listGrade.passage <= 2) {
      const areas = readAreas(text).flatMap((a) => a.areas);
      for (const area of new Set(areas)) addJudgement(listGrade.draft, area, listGrade.grade, ev, 2);
      listGrade.passage = r.passage.index;
      if (areas.length) continue;
    } else if (!r.item) listGrade = null;
    if (r.item && focusList && r.passage.index - focusList.passage <= 2 && r.grades.length === 0) {
      focusList.draft.focus.push({ text: text.replace(LIST_ITEM, '').trim(), evidence: itemEvidence(r) });
      focusList.passage = r.passage.index;
      const named = readAreas(text).flatMap((a) => a.areas);
      if (named.length) previousAreas = named;
      continue;
    } else if (!r.item && text.length > 3) focusList = null;
    if (r.item && improveList && r.passage.index - improveList.passage <= 2 && r.grades.length === 0) {
      improveList.draft.improvements.push({ text: text.replace(LIST_ITEM, '').trim(), evidence: itemEvidence(r) });
      improveList.passage = r.passage.index;
      continue;
    } else if (!r.item && text.length > 3) improveList = null;

    // Each clause's event: the one it names, else the one its sentence named before it in the same time, else none.
    const clauseDraft = new Map<Clause, Draft | null>();
    const sentenceDrafts: Draft[] = [];
    const mainDrafts = new Set<Draft>();
    let carried: { draft: Draft | null; time: string } | null = null;
    for (const c of r.clauses) {
      const inClause = r.kinds.filter((k) => inSpan(k, c));
      let chosen: Draft | null = null;
      let chosenTime: string | null = null;
      let namedHere = false;
      // Mentions the clause dates or numbers are read first: an undated "was judged" in the clause is about the same event.
      const datedFirst = [...inClause].sort((a, b) => Number(hasOwnDate(b)) - Number(hasOwnDate(a)) || a.start - b.start);
      function hasOwnDate(x: KindSpan): boolean {
        return r.dates.some((d) => d.role === 'occurred' && d.index >= c.start && d.index < c.end && linksTo(text, d, x, inClause)) || seriesNumber(text, x) !== null;
      }
      for (const k of datedFirst) {
        const time = k.relation === 'prior' || c.time === 'prior' ? 'prior' : k.relation === 'future' || c.time === 'future' ? 'future' : 'main';
        // A period longer than any one visit or inspection lasts ("visits between May 2018 and October 2022") dates none.
        const own = r.dates.filter((d) => d.role === 'occurred' && d.index >= c.start && d.index < c.end && linksTo(text, d, k, inClause) &&
          (k.plural || monthSpan(d) <= (k.family === 'visit' ? 1 : 2)));
        // "Ofsted Report April 2024": a date beside a report is when it came out.
        if (k.report) {
          for (const d of own.filter((x) => x.index >= k.end && /^\s*(?:(?:outcome\s+)?(?:letter|report)\s*)?[,:(–-]?\s*(?:dated|of|published(?:\s+on)?)?\s*$/i.test(text.slice(k.end, x.index)))) d.role = 'published';
        }
        const reportDates = own.filter((d) => d.role === 'published');
        if (reportDates.length) own.splice(0, own.length, ...own.filter((d) => d.role === 'occurred'));
        if (time === 'future') {
          // The dates of one to come: after its name in the clause, or just before it.
          const next = inClause.find((x) => x.start > k.start);
          const dates = r.dates.filter((x) => (x.role === 'expected' || x.role === 'deadline' || x.role === 'occurred' || x.role === 'other') &&
            ((x.index > k.start && x.index < (next?.start ?? c.end) && x.index < c.end) || (x.index >= c.start && x.index + x.text.length <= k.start && k.start - x.index - x.text.length < 12)));
          for (const d of dates) {
            const kind = kindFor(k) ?? 'inspection';
            findings.expectations.push({ authority, kind, asOf: doc.date, date: { start: d.start, end: d.end, text: d.text, relative: d.relative, evidence: ev } });
          }
          namedHere = true;
          continue;
        }
        const series = seriesNumber(text, k);
        const number = series && series.value > 0 && (k.kind === 'monitoring' || (k.kind === null && (topicKind === 'monitoring' || lastVisit(findings.drafts) === 'monitoring'))) ? series.value : null;
        // "seven such visits in May 2017, September 2017, … and January 2019": a list of dates after the name.
        if (k.plural) {
          for (const d of r.dates) {
            if (own.includes(d) || d.index < k.end || d.index >= c.end || d.role === 'since' || d.role === 'meeting' || d.role === 'published') continue;
            let gap = text.slice(k.end, d.index);
            for (const x of r.dates) if (x.index >= k.end && x.index < d.index) gap = gap.replace(x.text, ' ');
            if (/^[\s,]*(?:(?:took\s+place|were\s+(?:held|carried\s+out))\s+)?(?:in|on|during|from|between)?[\s,]*(?:and|&)?[\s,]*$/i.test(gap.replace(/\s*,\s*|\s+and\s+/g, ' '))) own.push(d);
          }
        }
        // "five monitoring visits since the inadequate judgement: in November 2022, March 2023, …": the list after a colon.
        if (k.plural) {
          const colon = text.indexOf(':', k.end);
          if (colon > 0 && !inClause.some((x) => x !== k && x.start > k.end && x.start < colon)) {
            for (const d of r.dates) {
              if (d.index > colon && !own.includes(d) && d.role !== 'since' && d.role !== 'meeting' && d.role !== 'published' && d.role !== 'page') own.push(d);
            }
          }
        }
        // The same month told twice ("last month, on 10 and 11 September", "back in July, on 11 and 12 July") is one
        // date: the more precise.
        for (let i = own.length - 1; i >= 0; i--) {
          const d = own[i]!;
          if (own.some((x) => x !== d && overlaps(x, d) && precisionOf(x) > precisionOf(d))) own.splice(i, 1);
        }
        // A plural names several events: one date does not date any of them ("five monitoring visits … this spring"),
        // unless it is a day they share ("the two inspections that had commenced on 4 July 2016").
        if (k.plural && own.length === 1 && precisionOf(own[0]!) < 3) own.length = 0;
        // "Focused visits do not result in a graded judgement": a plural with no article or number speaks of the kind.
        if (k.plural && /^(?:[\s"“‘'(]*|.*[.;:]\s+)$/.test(text.slice(0, k.start).replace(/^\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)+/i, '')) && countBefore(text, k) === null) {
          namedHere = true;
          continue;
        }
        // "…under the single inspection framework (SIF)": the framework of the clause's event, not another event.
        if (k.kind !== null && /\bunder\s+(?:the\s+)?(?:[\w'’-]+\s+)?$/i.test(text.slice(Math.max(c.start, k.start - 30), k.start))) {
          if (chosen && kindCompatible(chosen.kind, k.kind) && chosen.kind === 'inspection') chosen.kind = k.kind;
          namedHere = true;
          continue;
        }
        const counted = k.plural || /\b(?:one|a\s+single)\s+(?:[\w'’-]+\s+)?$/i.test(text.slice(Math.max(0, k.start - 20), k.start)) ? countBefore(text, k) ?? (/\ba\s+single\s+(?:[\w'’-]+\s+)?$/i.test(text.slice(Math.max(0, k.start - 20), k.start)) ? 1 : null) : null;
        if (k.plural && own.length >= 2) {
          // "seven such visits in May 2017, September 2017, … and January 2019": one event a date, numbered when all are told.
          const kind = kindFor(k) ?? 'inspection';
          const since = r.dates.some((d) => d.role === 'since');
          own.forEach((d, i) => {
            const draft = findings.drafts.find((x) => kindCompatible(x.kind, kind) && dated(x) && overlaps(dated(x)!, d)) ?? newDraft(kind, ev);
            addDate(draft.occurred, d, ev);
            if (counted === own.length && kind === 'monitoring' && !since && !draft.number) draft.number = { value: i + 1, evidence: ev };
            mention(draft, ev);
          });
          if (counted !== null && COUNT_CUE.test(text)) {
            findings.counts.push({ authority, kind, count: counted, since: r.dates.find((d) => d.role === 'since')?.start ?? null, asOf: doc.date, evidence: ev });
          }
          namedHere = true;
          continue;
        }
        const graded = r.grades.some((g) => g.start >= c.start && g.start < c.end);
        // "Ofsted last visited in October 2021, when inspectors carried out a focused visit": the clause names the kind of
        // the event its sentence dated.
        // "Inspectors returned on 9 and 10 July for the second monitoring visit": the clause's verb dated the event its
        // noun names.
        const upgrade: Draft | null = k.kind === null || k.by !== 'noun' || own.length > 0 ? null
          : carried?.draft && loose.has(carried.draft) && /^\s*(?:when|where|in\s+which|during\s+which)\b/i.test(text.slice(c.start, c.end)) ? carried.draft
            : chosen && chosenTime === time && time === 'main' && loose.has(chosen) && /\b(?:for|as)\s+(?:the|a|an|its|their|our)\s+(?:[\w'’-]+\s+)?$/i.test(text.slice(Math.max(c.start, k.start - 30), k.start)) ? chosen : null;
        if (upgrade) {
          upgrade.kind = k.kind!;
          loose.delete(upgrade);
        }
        const draft: Draft | null = upgrade ?? resolve(k, time, own, r, number, graded,
          // "The last full inspection, in November 2023, had judged services inadequate": an undated verb or rating is
          // of the event its clause names, whatever time that is told in.
          (chosenTime === time || (k.by !== 'noun' && own.length === 0 && number === null) ? chosen : null) ?? (carried && carried.time === time ? carried.draft : null));
        if (draft && !upgrade && k.by !== 'noun' && draft !== topic && draft.mentions.length === 1) loose.add(draft);
        namedHere = true;
        if (!draft) {
          if (counted !== null && COUNT_CUE.test(text) && (kindFor(k) ?? k.kind)) {
            const since = r.dates.find((d) => d.role === 'since')?.start ?? (/\bsince\s+(?:that\s+time|then)\b/i.test(text) ? lastDate : null);
            findings.counts.push({ authority, kind: (kindFor(k) ?? k.kind)!, count: counted, since, asOf: doc.date, evidence: ev });
          }
          continue;
        }
        if (draft.kind === 'inspection' && k.kind && k.kind !== 'inspection' && kindCompatible(draft.kind, k.kind)) draft.kind = k.kind;
        for (const d of own) addDate(draft.occurred, d, ev);
        if (number !== null && !draft.number) draft.number = { value: number, evidence: ev };
        if (series?.final && !draft.final) draft.final = ev;
        mention(draft, ev);
        const n = counted;
        if (n !== null && COUNT_CUE.test(text)) {
          const since = r.dates.find((d) => d.role === 'since')?.start ?? (/\bsince\s+(?:that\s+time|then)\b/i.test(text) ? lastDate : null);
          findings.counts.push({ authority, kind: k.kind ?? draft.kind, count: n, since, asOf: doc.date, evidence: ev });
        }
        if (time === 'main') mainDrafts.add(draft);
        if (!chosen || (chosen.kind === 'inspection' && draft.kind !== 'inspection' && kindCompatible(chosen.kind, draft.kind))) {
          chosen = draft;
          chosenTime = time;
        }
        sentenceDrafts.push(draft);
      }
      // "…the previous focused visit of 3rd–5th October 2022, which had looked at…": a relative clause goes on with its noun.
      const relative = /^\s*(?:which|that|who|where)\b/i.test(text.slice(c.start, c.end));
      if (!namedHere && carried && (carried.time === c.time || relative)) chosen = carried.draft;
      if (!namedHere && !carried && c.time === 'main') chosen = null;
      clauseDraft.set(c, chosen);
      if (namedHere) carried = { draft: chosen, time: chosenTime ?? c.time };
      // A clause of an earlier event with a date but no name ("…since being judged inadequate in November 2023").
      if (!namedHere && c.time === 'prior') {
        const graded = r.grades.filter((g) => g.start >= c.start && g.start < c.end);
        const when = r.dates.filter((d) => (d.role === 'occurred' || d.role === 'other') && d.index >= c.start && d.index < c.end);
        if (graded.length && when.length) {
          const d0 = when[0]!;
          const draft = findings.drafts.find((x) => GRADED_KINDS.includes(x.kind) && dated(x) && overlaps(dated(x)!, d0)) ?? newDraft('inspection', ev);
          addDate(draft.occurred, d0, ev);
          mention(draft, ev);
          clauseDraft.set(c, draft);
          sentenceDrafts.push(draft);
        }
      }
    }

    // The event of a clause that names none: the document's, if its kind can take the fact.
    const target = (c: Clause, wantGraded: boolean): Draft | null => {
      const own = clauseDraft.get(c);
      // Visits and joint inspections give no grades: a grade in a clause about one is of something else.
      if (own && wantGraded && UNGRADED_KINDS.includes(own.kind)) return null;
      if (own !== undefined && own !== null) return own;
      if (own === null && r.kinds.some((k) => inSpan(k, c))) return null;
      if (c.time !== 'main') return null;
      const t = topic ?? (topicKind ? ensureTopic(ev) : null);
      if (t && (!wantGraded || GRADED_KINDS.includes(t.kind) || t.kind === 'provider')) return t;
      if (lastDraft && r.passage.index - lastDraftPassage <= 1 && (!wantGraded || GRADED_KINDS.includes(lastDraft.kind))) return lastDraft;
      return null;
    };

    // Dates that took place, in clauses that name no event but go on with one ("…, which took place in May").
    for (const d of r.dates) {
      const c = clauseAt(r.clauses, d.index);
      if (d.role === 'occurred' && !r.kinds.some((k) => inSpan(k, c))) {
        const draft = clauseDraft.get(c) ?? null;
        if (draft && fitsDate(draft, d)) addDate(draft.occurred, d, ev);
      }
    }

    // Grades.
    for (const g of r.grades) {
      const c = clauseAt(r.clauses, g.start);
      if (g.prior) continue;
      const draft = target(c, true);
      if (!draft) continue;
      let areas = g.areas;
      if (g.thisArea && previousAreas.length) areas = previousAreas;
      // An adoption service's rating is its adoption grade.
      if (draft.kind === 'provider' && providerOfAdoption && !g.named) areas = ['adoption'];
      if (g.listFollows) {
        listGrade = { grade: g.grade, draft, passage: r.passage.index };
        continue;
      }
      const named = r.kinds.some((k) => inSpan(k, c) && k.relation !== 'future');
      const strength = g.row ? 3 : named && g.named ? 3 : g.named ? 2 : named ? 2 : 1;
      for (const a of areas) addJudgement(draft, a, g.grade, ev, strength, areas.length >= 4);
      mention(draft, ev);
    }
    const areasHere = readAreas(text).flatMap((a) => a.areas);
    previousAreas = areasHere.length ? areasHere : r.item ? previousAreas : [];

    // Inspectors.
    for (const p of readPeople(text)) {
      if (p.role !== 'inspector' && p.role !== 'lead inspector') continue;
      // "Lead inspector Caroline Dumbrell said that the council had responded well to the 2021 focused visit": an
      // inspector speaking is of the event the document reports, not of one her words recall.
      const draft = p.speaker && topic ? topic as Draft : target(clauseAt(r.clauses, p.start), false);
      if (!draft) continue;
      const known = draft.people.find((x) => x.name === p.name);
      const role = p.role === 'lead inspector' ? 'lead' : 'inspector';
      if (!known) draft.people.push({ name: p.name, role, evidence: ev });
      else if (role === 'lead' && known.role !== 'lead') Object.assign(known, { role, evidence: ev });
    }

    // "The result of the first visit was not published."
    if (NOT_PUBLISHED.test(text)) {
      const c = clauseAt(r.clauses, NOT_PUBLISHED.exec(text)!.index);
      const draft = target(c, false) ?? sentenceDrafts[0] ?? null;
      if (draft && !draft.notPublished) draft.notPublished = ev;
    }
    // Publication dates: the report of the clause's event, else of the document's.
    for (const d of r.dates.filter((x) => x.role === 'published')) {
      const c = clauseAt(r.clauses, d.index);
      // "The report was published in February 2018.": of the clause's event, else of the one just told, else the document's.
      const recent = lastDraft && r.passage.index - lastDraftPassage <= 1 ? lastDraft : null;
      const candidates = [clauseDraft.get(c) ?? null, ...sentenceDrafts, recent, target(c, false)].filter((x): x is Draft => x !== null);
      const draft = candidates.find((x) => {
        const o = dated(x);
        return !o || canFollow(o, d);
      });
      if (!draft) continue;
      addDate(draft.published, d, ev);
      mention(draft, ev);
    }

    // What it looked at, and what must improve.
    const focus = readFocus(text);
    if (focus) {
      const draft = target(clauseAt(r.clauses, focus.start), false) ?? sentenceDrafts[0] ?? null;
      if (draft && draft.kind !== 'provider') {
        if (focus.listFollows) focusList = { draft, passage: r.passage.index };
        if (focus.text) draft.focus.push({ text: focus.text, evidence: ev });
      }
    }
    const announced = announcesImprovements(text);
    // "…they identified areas that require further improvement. These include…": the sentence announces; the next names.
    const read = readImprovement(text, improvementsAnnounced !== null);
    const improvement = announced && read && read.start === 0 && !read.listFollows ? null : read;
    if (improvement || announced) {
      const draft: Draft | null = improvementsAnnounced ?? target(clauseAt(r.clauses, improvement?.start ?? 0), false) ?? sentenceDrafts[0] ?? null;
      if (draft) {
        if (improvement?.listFollows) improveList = { draft, passage: r.passage.index };
        if (improvement?.text && /[a-z]{3,}(?:\W+[a-z]{2,}){2,}/i.test(improvement.text)) draft.improvements.push({ text: improvement.text, evidence: ev });
        const count = improvementCount(text);
        if (count && !draft.improvementCount) draft.improvementCount = { value: count.value, evidence: ev };
      }
      improvementsAnnounced = announced && !improvement?.text ? draft : null;
    } else {
      improvementsAnnounced = null;
      const count = improvementCount(text);
      const draft = count ? target(clauseAt(r.clauses, count.start), false) : null;
      if (count && draft && !draft.improvementCount) draft.improvementCount = { value: count.value, evidence: ev };
    }

    // A JTAI's theme, as its name gives it.
    const theme = readTheme(text);
    if (theme) {
      const jtai = sentenceDrafts.find((d) => d.kind === 'jtai') ?? (topic && (topic as Draft).kind === 'jtai' ? topic as Draft : null);
      if (jtai && !jtai.theme) jtai.theme = { text: theme.text, evidence: ev };
      else if (!jtai && topicKind === 'jtai') pendingTheme ??= { text: theme.text, evidence: ev };
    }
    // A row of a table of visits: the cells under "Focus" and "Lead HMI" are its event's.
    const cells = tableCells(doc.text.slice(ev.start, ev.end));
    if (cells && isTableHeader(cells) && r.dates.length === 0) columns = cells;
    else if (cells && columns && cells.length === columns.length && sentenceDrafts[0]) {
      const draft = sentenceDrafts[0];
      cells.forEach((cell, i) => {
        const head = columns![i]!;
        if (/\b(?:focus|theme|subject|scope)\b/i.test(head) && /[a-z]/.test(cell) && findDates(cell).length === 0 && !draft.focus.some((f) => f.evidence.start === ev.start)) {
          draft.focus.push({ text: cell, evidence: ev });
        }
        if (/\b(?:lead|inspectors?|HMI)\b/i.test(head) && /^(?:[A-Z][a-z'’-]+|Mc[A-Z][a-z]+)(?:\s+(?:[A-Z]\.?|[A-Z][a-z'’-]+|Mc[A-Z][a-z]+)){1,2}$/.test(cell) && !draft.people.some((p) => p.name === cell)) {
          draft.people.push({ name: cell, role: /\blead\b/i.test(head) ? 'lead' : 'inspector', evidence: ev });
        }
      });
    } else if (!cells) columns = null;
    // "…which followed the previous inspection in 2014 that determined the same judgement."
    if (SAME_JUDGEMENT.test(text)) {
      const at = SAME_JUDGEMENT.exec(text)!.index;
      const into = clauseDraft.get(clauseAt(r.clauses, at)) ?? null;
      const from = r.grades.filter((g) => g.start < at).pop()?.grade ?? null;
      if (into && from) addJudgement(into, 'overall', from, ev, 2);
    }
    // "…which has rated its Children's Services outstanding for the second consecutive time since 2019": the graded
    // inspection of that year had the grade too.
    const again = AGAIN_SINCE.exec(text);
    if (again) {
      const year = Number(again[1] ?? again[2]);
      const grade = r.grades.filter((g) => !g.prior && g.areas.includes('overall') && g.start < again.index).pop()?.grade;
      const into = clauseDraft.get(clauseAt(r.clauses, again.index)) ?? topic as Draft | null;
      const own = into ? dated(into) : null;
      if (grade && (!own || own.start.year > year)) {
        const when = { start: { year }, end: { year }, text: String(year), relative: false };
        const earlier = findings.drafts.find((d) => d !== into && GRADED_KINDS.includes(d.kind) && dated(d)?.start.year === year) ?? newDraft('inspection', ev);
        if (!earlier.occurred.length) earlier.occurred.push({ ...when, evidence: ev });
        mention(earlier, ev);
        addJudgement(earlier, 'overall', grade, ev, 1);
      }
    }
    // The event the sentence is on: the last it names in the time in hand, else the last it names.
    // An earlier event recalled in a clause of its own ("…, having been rated requires improvement in 2019") leaves the
    // sentence on the document's.
    const mainLast = sentenceDrafts.filter((d) => mainDrafts.has(d)).pop();
    const last = mainLast ?? (topic && r.clauses.some((c) => c.time === 'main' && !clauseDraft.get(c)) && r.clauses.some((c) => c.time === 'prior')
      ? topic as Draft : sentenceDrafts[sentenceDrafts.length - 1]);
    if (last) {
      lastDraft = last;
      lastDraftPassage = r.passage.index;
    }
    const occurred = r.dates.filter((d) => d.role === 'occurred' || d.role === 'published');
    if (occurred.length && !yearless(occurred[occurred.length - 1]!)) lastDate = occurred[occurred.length - 1]!.end;
  }

  // The document's own event dated only by the document: reported by its date.
  const t = topic as Draft | null;
  if (t && t.kind === 'jtai' && !t.theme && pendingTheme) t.theme = pendingTheme;
  if (t && !dated(t) && !bestDate(t.published) && ref) {
    const line = readings.find((r) => r.dates.some((d) => d.role === 'page')) ?? readings[0];
    if (line) t.reported = { start: ref, end: ref, text: doc.date ?? String(ref.year), relative: false, evidence: line.ev };
  }
  // A page with no date at all reports its event after every event it dates ("…improvements made since 2022, when
  // services were rated ‘requires improvement to be good’" on a page about the next inspection).
  if (t && !dated(t) && !bestDate(t.published) && !t.reported && !ref) {
    let latest: { d: DateMention; r: Reading } | null = null;
    for (const r of readings) {
      for (const d of r.dates) {
        // Only what took place, came out, or is counted from: not a meeting to come, nor rules that "would apply from April 2026".
        if (yearless(d) || (d.role !== 'occurred' && d.role !== 'published' && d.role !== 'since') || clauseAt(r.clauses, d.index).time === 'future') continue;
        if (!latest || sortKey(d.end, 'end') > sortKey(latest.d.end, 'end')) latest = { d, r };
      }
    }
    if (latest) t.after = { start: latest.d.start, end: latest.d.end, text: `after ${latest.d.text}`, relative: false, evidence: latest.r.ev };
  }
  // A monitoring visit's own account numbers it in its series: as of the document, there have been that many.
  if (t && t.kind === 'monitoring' && t.number && !findings.counts.some((c) => c.kind === 'monitoring')) {
    findings.counts.push({ authority, kind: 'monitoring', count: t.number.value, since: null, asOf: doc.date ?? null, evidence: t.number.evidence });
  }
  settleYearless(findings);
  settleJudgements(findings.drafts);
  // A joint inspection named with its theme ("Joint Targeted Area Inspection (JTAI) of Somerset – serious youth
  // violence – action plan") took place, though the page does not say when: it is reported by the page, if dated.
  for (const d of findings.drafts) {
    if (d.kind === 'jtai' && !d.theme) {
      const m = d.mentions.map((ev) => readTheme(doc.text.slice(ev.start, ev.end))).find((x) => x !== null);
      if (m) d.theme = { text: m.text, evidence: d.mentions[0]! };
    }
  }
  findings.drafts = findings.drafts.filter((d) => d.occurred.length > 0 || d.published.length > 0 || d.number || d.reported ||
    d.people.length > 0 || d.final || (d.kind === 'jtai' && d.theme) || (d === t && (d.judgements.length > 0 || d.focus.length > 0 || d.improvements.length > 0)));
  return findings;
}

/**
 * Whether a mention stands in a clause: where it starts, or for a verb where its verb stands ("Inspectors from four
 * watchdogs – Ofsted, the CQC… – were in the county between…").
 */
function inSpan(k: KindSpan, c: Clause): boolean {
  const at = k.by === 'verb' ? k.end - 1 : k.start;
  return at >= c.start && at < c.end;
}

/** The kind of the last visit the document has made an event of, if any. */
function lastVisit(drafts: Draft[]): EventKind | null {
  for (let i = drafts.length - 1; i >= 0; i--) if (familyOf(drafts[i]!.kind) === 'visit') return drafts[i]!.kind;
  return null;
}

/**
 * The kind of event a document reports, from its title and opening: the first inspection or visit they name as the
 * one in hand (not an earlier one, not one to come), or a graded inspection where they only give a rating; an
 * inspection of one service where the rating is of one ("Adoption services … rated ‘Good’"). Null when they name none.
 */
function topicOf(title: string, opening: Reading[]): EventKind | null {
  const sources = [title, ...opening.map((r) => r.text)];
  let family: EventKind | null = null;
  let rated = false;
  for (const text of sources) {
    const clauses = splitClauses(text);
    const kinds = readKinds(text).filter((k) => k.relation !== 'prior' && k.relation !== 'future' && clauseAt(clauses, k.start).time === 'main');
    const grades = readGrades(text);
    if (!family && grades.length && grades.every((g) => g.areas.length === 1 && g.areas[0] === 'adoption')) return 'provider';
    const named = kinds.find((k) => k.kind !== null && k.kind !== 'inspection' && k.by !== 'rating' && !k.plural);
    // "Ofsted rates … good" over an opening that goes on to recall a focused visit: the page is about the rating.
    if (named && !(rated && familyOf(named.kind!) === 'visit')) return named.kind;
    if (!family) {
      const any = kinds.find((k) => k.by === 'rating' || (k.kind === null && k.family !== 'visit'));
      if (any || (grades.length && !kinds.some((k) => k.family === 'visit'))) family = 'inspection';
      else if (kinds.some((k) => k.family === 'visit')) family = null;
      rated = family === 'inspection' && (kinds.some((k) => k.by === 'rating') || grades.length > 0);
    }
  }
  return family;
}

/** Whether a date of occurrence in a clause belongs to the mention: it is the nearest mention before it, or just after. */
function linksTo(text: string, d: DateMention, k: KindSpan, inClause: KindSpan[]): boolean {
  const before = inClause.filter((x) => x.end <= d.index).pop();
  if (before) return before === k;
  const after = inClause.find((x) => x.start >= d.index + d.text.length);
  return after === k && /^[\s,]*(?:the\s+|an?\s+|its\s+|their\s+)?$/i.test(text.slice(d.index + d.text.length, k.start)) || (inClause[0] === k && !before);
}

/**
 * The year given to a date written without one in a document that has no date of its own ("the inspection that
 * took place in March"): a mark, never shown, that the document's end replaces with a year its own dates imply, or
 * turns into words as written.
 */
const NO_YEAR = 9000;
const YEARLESS: PartialDate = { year: NO_YEAR, month: 12, day: 31 };
const UNPLACED: PartialDate = { year: NO_YEAR };

function yearless(d: { start: PartialDate }): boolean {
  return d.start.year >= NO_YEAR - 1;
}

function readDates(t: string, ref: PartialDate | null): DateMention[] {
  if (!ref) {
    // Only relative words that name a month or a day can stand without a year ("in March", "on 18 December").
    // Others ("last month") are kept as written, placed nowhere.
    return findDates(t, YEARLESS, 'past').map((d) => !d.relative || (d.start.month !== undefined && !/\b(?:today|yesterday|this|last|next|month|year|week)\b/i.test(d.text))
      ? d : { ...d, start: UNPLACED, end: UNPLACED });
  }
  return datesOf(t, ref);
}

function addDate(list: DatedFact[], d: DateMention, ev: Evidence): void {
  if (list.some((x) => x.evidence.start === ev.start && x.text === d.text)) return;
  list.push({ start: d.start, end: d.end, text: d.text, relative: d.relative, evidence: ev });
}

/**
 * Dates written without a year in a document that has none: an inspection "in March" whose report came out on 13 June
 * 2017 took place in March 2017, and a letter "published on 18 December" after a visit of October 2019 came out in
 * December 2019; a date no other date places is kept as written, and no bound, count or expectation keeps one.
 */
function settleYearless(findings: DocumentFindings): void {
  const placed = (list: DatedFact[]): DatedFact[] => list.filter((x) => !yearless(x));
  for (const d of findings.drafts) {
    const known = bestDate(placed(d.occurred));
    const pub = bestDate(placed(d.published));
    // Dates with a month first: "today (16 March)" is kept as "16 March".
    const byMonth = (a: DatedFact, b: DatedFact): number => Number(a.start.month === undefined) - Number(b.start.month === undefined);
    const occurredLoose = d.occurred.filter(yearless).sort(byMonth);
    const publishedLoose = d.published.filter(yearless).sort(byMonth);
    d.occurred = placed(d.occurred);
    d.published = placed(d.published);
    for (const o of occurredLoose) {
      if (known) continue;
      if (o.start.month === undefined) {
        d.vague ??= { text: o.text, evidence: o.evidence };
        continue;
      }
      const month = o.start.month ?? 12;
      if (pub) {
        const y = month <= (pub.start.month ?? 12) ? pub.start.year : pub.start.year - 1;
        d.occurred.push(rebase(o, y, pub.start.year - (month <= (pub.start.month ?? 12) ? 0 : 1)));
      } else if (!d.vague) d.vague = { text: o.text, evidence: o.evidence };
    }
    const anchor = bestDate(d.occurred);
    for (const p of publishedLoose) {
      if (pub) continue;
      if (p.start.month === undefined) {
        d.vaguePublished ??= { text: p.text, evidence: p.evidence };
        continue;
      }
      if (anchor) {
        const month = p.start.month ?? 1;
        const y = month >= (anchor.end.month ?? 1) ? anchor.end.year : anchor.end.year + 1;
        d.published.push(rebase(p, y, y));
      } else if (!d.vaguePublished) d.vaguePublished = { text: p.text, evidence: p.evidence };
    }
  }
  findings.expectations = findings.expectations.filter((x) => !yearless(x.date));
  for (const c of findings.counts) if (c.since && c.since.year >= NO_YEAR - 1) c.since = null;
}

/** A yearless date given its year (the end's year may differ, for a span across a new year). */
function rebase(d: DatedFact, startYear: number, endYear: number): DatedFact {
  const shift = (x: PartialDate, y: number): PartialDate => ({ ...x, year: y });
  const endY = d.end.year === d.start.year ? startYear : endYear;
  return { ...d, start: shift(d.start, startYear), end: shift(d.end, Math.max(endY, startYear)), relative: true };
}

/** How strongly each judgement was stated, while a document is read: the weaker of two that differ gives way. */
const STRENGTH = new WeakMap<object, number>();

/** Judgements given for "all areas", which an area named on its own in the same sentence overrides. */
const SWEEPING = new WeakSet<object>();

function addJudgement(d: Draft, area: Area, grade: Grade, ev: Evidence, strength: number, sweeping = false): void {
  const same = d.judgements.find((j) => j.area === area && j.evidence.start === ev.start);
  if (same) {
    // "All areas were judged good, with the exception of children in care, which requires improvement."
    if (SWEEPING.has(same) && !sweeping) {
      same.grade = grade;
      SWEEPING.delete(same);
    }
    return;
  }
  const j = { area, grade, evidence: ev };
  STRENGTH.set(j, strength);
  if (sweeping) SWEEPING.add(j);
  d.judgements.push(j);
}

/** Within one document, a judgement that differs from a more strongly stated one for the same event and area is dropped. */
function settleJudgements(drafts: Draft[]): void {
  for (const d of drafts) {
    const best = new Map<Area, number>();
    for (const j of d.judgements) best.set(j.area, Math.max(best.get(j.area) ?? 0, STRENGTH.get(j) ?? 1));
    const gradeOf = new Map<Area, Set<Grade>>();
    for (const j of d.judgements) if ((STRENGTH.get(j) ?? 1) === best.get(j.area)) gradeOf.set(j.area, (gradeOf.get(j.area) ?? new Set()).add(j.grade));
    d.judgements = d.judgements.filter((j) => (STRENGTH.get(j) ?? 1) === best.get(j.area) || gradeOf.get(j.area)?.has(j.grade));
  }
}

/** How many calendar months a date's period runs over (0 within one month). */
function monthSpan(d: DateMention): number {
  // A year or a season alone is a date known roughly, not a long period.
  if (d.start.month === undefined || d.end.month === undefined) return d.end.year - d.start.year > 0 ? (d.end.year - d.start.year) * 12 : 0;
  return (d.end.year - d.start.year) * 12 + d.end.month - d.start.month;
}

function precisionOf(d: DateMention): number {
  return d.start.day !== undefined ? 3 : d.start.month !== undefined ? 2 : d.start.season ? 1 : 0;
}

function itemEvidence(r: Reading): Evidence {
  const marker = r.text.length - r.text.replace(LIST_ITEM, '').length;
  return { ...r.ev, start: r.ev.start + marker };
}

/** Today's date, the latest day a document with no date of its own can tell of as past. */
function today(): PartialDate {
  const now = new Date();
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}
