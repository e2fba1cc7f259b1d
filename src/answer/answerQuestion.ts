import type { CorpusIndex } from '../search/CorpusIndex';
import { eventName, KIND_LABELS } from '../search/describeEvent';
import { eventSortKey, occurredDate, publishedDate, eventDate } from '../timeline/buildTimeline';
import { formatDate, formatSpan, overlaps, type PartialDate, parseIso, precision, sortKey, toIso } from '../timeline/dates';
import { AREA_LABELS, type Area, type DatedFact, type EventKind, type Evidence, type Expectation, GRADED_KINDS, type Grade, type InspectionEvent, type JudgementFact } from '../timeline/types';
import { Citations } from './Citations';
import { ACKNOWLEDGEMENT_REPLY, isAcknowledgement } from './acknowledgement';
import { groupNamed } from './authorityGroups';
import { districtCouncil, districtText } from './districtCouncils';
import { type AskedFor, askedFor, contentTerms, isYesNo } from './askedFor';
import { readPeople } from '../reading/people';
import { bestSentences, evidenceAnswer } from './evidenceAnswer';
import { fallbackAnswer } from './fallbackAnswer';
import { type FollowUpKind, type PreviousTurn, readFollowUp } from './followUp';
import { distinctImprovements } from './improvements';
import { bestJudgement, REFORM_DATE, sameGrade } from './judgements';
import { authoritiesAnswer, inspectorAnswer, inspectorNamed, isNationalEventQuestion, nationalEventsAnswer, ungradedSentence } from './nationalAnswer';
import { historyNote, newestDocumentNote, newestSourceDate } from './freshness';
import { parseQuestion } from './parseQuestion';
import { isDated, matchingEvents, pick } from './selectEvents';
import type { Answer, Fact, Intent, Query } from './types';
import { whatsNewAnswer } from './whatsNew';
import { andList, orList } from './words';

/** A sentence of an answer, and whether it states a fact or says one is not on record. */
interface Line {
  text: string;
  found: boolean;
}

const EVENT_INTENTS: Intent[] = ['when', 'judgement', 'count', 'list', 'history', 'lead', 'focus', 'improve', 'improveCount', 'published', 'next', 'number'];

export interface AnswerOptions {
  /** The authority to use when the question names none (the conversation's, or the caller's). */
  authority?: string | null | undefined;
}

/** An answer, and what the conversation keeps of it to read the next question against. */
export interface TurnResult {
  answer: Answer;
  turn: PreviousTurn;
  /** How the question followed up the previous one, or null when it stood on its own. */
  followUp: FollowUpKind | null;
}

/** Answers a question from the timeline and the passages, with every claim cited. */
export function answerQuestion(index: CorpusIndex, question: string, options: AnswerOptions = {}): Answer {
  return answerTurn(index, question, options).answer;
}

/** Answers a question in a conversation: a follow-up ("who led it?") is read against the previous turn. */
export function answerTurn(index: CorpusIndex, question: string, options: AnswerOptions & { previous?: PreviousTurn | null } = {}): TurnResult {
  const previous = options.previous ?? null;
  const parsed = parseQuestion(question, {
    authorities: index.authorities, defaultAuthority: options.authority ?? previous?.query.authority, onRecord: index.authoritiesOnRecord(),
    knownWord: (w) => index.hasWord(w) || shortWords(index).has(w), newest: newestSourceDate(index),
  });
  // "thanks", "ok", "👍": a short reply, and the conversation's last question stays the one to follow up.
  if (isAcknowledgement(question)) {
    return {
      answer: { status: 'answered', answer: ACKNOWLEDGEMENT_REPLY, authority: previous?.query.authority ?? parsed.authority, facts: [], citations: [] },
      turn: previous ?? { question, query: parsed, eventIds: [] },
      followUp: null,
    };
  }
  // "What's new?" stands on its own: it is never about the previous answer's events.
  const follow = parsed.authorityChoices || parsed.notAnAuthority || parsed.news ? null : readFollowUp(index, question, parsed, previous);
  const q = follow?.query ?? parsed;
  const answer = withNotes(index, answerQuery(index, q), q, follow?.kind ?? null, previous);
  let eventIds = [...new Set(answer.facts.map((f) => f.eventId).filter((id) => id !== null))];
  const authority = answer.authority ?? q.authority;
  if (eventIds.length === 0 && authority) {
    // Nothing found to say about the event, but it is still the one a follow-up ("and before that?") means.
    eventIds = pick(matchingEvents(index.timeline.events, q, authority), q).map((e) => e.id);
  }
  return {
    answer,
    turn: { question: follow?.kind === 'other-authority' ? previous!.question : question, query: { ...q, authority }, eventIds },
    followUp: follow?.kind ?? null,
  };
}

/**
 * The answer with what the reader should know of how its authority was read, each in a short closing line: a name
 * typed with a slip and taken as the authority spelt nearest, or, for a question that names none, the authority of
 * the conversation's last question. Then, on a line of its own, how fresh it is: the date of Ofsted's national
 * history where the answer cites it, and, for the latest of an authority's events, the date of its newest document,
 * so that a reader knows what the bot cannot know. No note holds a colon: a card's heading is the text before the
 * first one.
 */
function withNotes(index: CorpusIndex, answer: Answer, q: Query, follow: FollowUpKind | null, previous: PreviousTurn | null): Answer {
  const notes: string[] = [];
  if (q.spelling && answer.authority === q.spelling.authority) notes.push(`Taking ${q.spelling.authority} for “${q.spelling.typed}”.`);
  const remembered = follow === null && q.authorityFrom === 'default' && previous !== null && previous.query.authority === q.authority;
  if (remembered && answer.authority === q.authority && answer.status !== 'ambiguous') notes.push(`About ${q.authority}, the authority of your last question.`);
  const fresh: string[] = [];
  const history = answer.status === 'ambiguous' ? null : historyNote(index, answer);
  if (history) fresh.push(history);
  const newest = answer.authority && asksLatest(q, answer) ? newestDocumentNote(index, answer.authority) : null;
  if (newest) fresh.push(newest);
  const closing = [notes.join(' '), fresh.join(' ')].filter(Boolean);
  return closing.length ? { ...answer, answer: `${answer.answer}\n\n${closing.join('\n\n')}` } : answer;
}

/** Intents that ask about one event, the latest unless the question picks another. */
const ONE_EVENT: Intent[] = ['when', 'judgement', 'lead', 'focus', 'improve', 'improveCount', 'published', 'number', 'next'];

/**
 * True when an answer is about the latest of an authority's events, or what is new for it ("what was Worcestershire
 * judged?", "the last monitoring visit", "the next inspection"): what came after its newest document is not known.
 */
function asksLatest(q: Query, answer: Answer): boolean {
  if (answer.status === 'ambiguous' || answer.authority !== q.authority) return false;
  if (q.news) return true;
  if (q.during || q.before || q.since || q.beforeGrade || q.eventIds || (q.ever && q.grade)) return false;
  if (q.intents.some((i) => i === 'count' || i === 'list' || i === 'history' || i === 'authorities')) return false;
  if (q.selector?.type === 'last') return true;
  return q.selector === null && q.intents.some((i) => ONE_EVENT.includes(i));
}

/** The words under six letters that an index's documents use (lower case), worked out once per index. */
const shortWordsByIndex = new WeakMap<CorpusIndex, Set<string>>();

function shortWords(index: CorpusIndex): Set<string> {
  let words = shortWordsByIndex.get(index);
  if (!words) {
    words = new Set();
    for (const d of index.corpus.documents) for (const w of d.text.toLowerCase().split(/[^a-z]+/)) if (w.length >= 3 && w.length < 6) words.add(w);
    shortWordsByIndex.set(index, words);
  }
  return words;
}

/** Answers a question already read into a query. */
export function answerQuery(index: CorpusIndex, q: Query): Answer {
  const onRecord = index.authoritiesOnRecord();
  const cites = new Citations(index);

  if (!q.text) {
    return { status: 'not_found', answer: 'Ask a question about an authority’s Ofsted inspections, for example “When was the last monitoring visit to Worcestershire?”', authority: null, facts: [], citations: [] };
  }
  // "How many inspections did John Roughton lead?": a lead inspector, not a place.
  const inspector = q.authority === null && !q.intents.includes('authorities') ? inspectorNamed(index, q.text) : null;
  if (inspector) return inspectorAnswer(index, q, inspector, cites);
  if (q.authorityChoices) return choicesAnswer(index, q, cites);
  // "Which councils in London are inadequate?": a group of authorities, not a place that is no authority.
  if (q.notAnAuthority && !(groupNamed(q.text) && (q.intents.includes('authorities') || isNationalEventQuestion({ ...q, authority: null })))) {
    const near = q.notAnAuthority.suggestions;
    const district = districtCouncil(q.notAnAuthority.name);
    return {
      status: 'not_found',
      answer: district ? districtText(district) : `${q.notAnAuthority.name} is not an English children's services authority.` + (near.length ? ` Did you mean ${orList(near)}?` : ''),
      authority: null, facts: [], citations: [], choices: near,
    };
  }
  if (q.news && !q.unknownAuthority) return whatsNewAnswer(index, q, cites);
  if (q.intents.includes('authorities')) return authoritiesAnswer(index, q, cites);
  if (q.unknownAuthority) {
    return {
      status: 'not_found',
      answer: `Nothing about ${q.unknownAuthority} is on record: none of the documents is about it. ` +
        `The documents on record cover ${andList(onRecord)}.`,
      authority: q.unknownAuthority, facts: [], citations: [],
    };
  }
  const isEventQuestion = q.intents.some((i) => EVENT_INTENTS.includes(i)) &&
    !(q.kind === null && q.selector === null && q.intents.every((i) => i === 'when' || i === 'next'));
  let authority = q.authority;
  if (!authority && onRecord.length === 1) authority = onRecord[0]!;
  const asked = askedFor(q);
  // "Was the 2021 focused visit done on site?", "did the latest FV find progress on homeless 16–17 year olds?": what the
  // event's documents say of a matter the timeline does not hold.
  const matter = (isYesNo(q.text) && contentTerms(q).length > 0) || /^\s*why\b/i.test(q.text);
  if (authority && (!isEventQuestion || asksBeyondTimeline(q, asked) || matter)) {
    // A person in a council role, a count of something other than events, a quote: the documents' own sentences.
    const found = evidenceAnswer(index, q, { authority, kinds: specificKinds(q), eventFiles: eventFilesFor(index, q, authority) }, cites);
    if (found) return found;
    if (!isEventQuestion) return notInDocuments(index, q, authority, asked, cites);
    // "How many inspectors were on the team?": a count of something not an event is never answered with a count of events.
    if (countsOtherThings(q, asked)) return notInDocuments(index, q, authority, asked, cites);
  }
  if (!isEventQuestion) return fallbackAnswer(index, q, cites);

  if (!authority && isNationalEventQuestion(q)) return nationalEventsAnswer(index, q, cites);
  if (!authority) return whichAuthority(index, q, cites, onRecord);
  const fromTimeline = eventAnswer(index, q, authority, cites);
  if (fromTimeline.status !== 'not_found') return fromTimeline;
  // The timeline has nothing to say; a sentence may still state it.
  const scoped = new Citations(index);
  const scope = { authority, kinds: specificKinds(q), eventFiles: eventFilesFor(index, q, authority) };
  const found = evidenceAnswer(index, q, scope, scoped);
  // The event is on record but not who led it: an inspector quoted speaking of it is quoted, not read as the answer
  // ("Lead inspector Caroline Dumbrell said that the council had responded well to the 2021 focused visit").
  if (found && q.intents.includes('lead') && pick(matchingEvents(index.timeline.events, q, authority), q).length > 0) {
    const top = bestSentences(index, q, scope)[0];
    if (!top) return fromTimeline;
    if (!readPeople(top.c.text).some((p) => p.speaker && (p.role === 'lead inspector' || p.role === 'inspector'))) return found;
    const only = new Citations(index);
    const n = only.cite(top.c.evidence);
    return { ...fromTimeline, answer: `${fromTimeline.answer} A passage that names an inspector, without saying who led it: “${only.list[n - 1]!.quote}” ${Citations.markers([n])}`, citations: only.list };
  }
  return found ?? fromTimeline;
}

/** Questions the timeline's events do not hold the answer to: people in council roles, counts of other things. */
function asksBeyondTimeline(q: Query, asked: AskedFor): boolean {
  // "Which of our children's homes got outstanding?": a thing of the authority's other than its inspections.
  if (/\bwhich\s+(?:of\s+(?:our|the|their|its)\s+)?(?:children['’]?s\s+homes?|homes?|settings?|providers?|schools?|teams?|partners?|agenc(?:y|ies)|nurser(?:y|ies)|colleges?)\b/i.test(q.text)) return true;
  if (asked.type === 'person') return !asked.roles.some((r) => r === 'inspector' || r === 'lead inspector');
  // "How many focused visits can we get between inspections?": what the rules allow, not what happened.
  if (/\b(?:can|could|may|might|would|should|allowed|entitled|up\s+to)\b/i.test(q.text) && !/\bcan\s+you\b/i.test(q.text)) return true;
  // "When did ILACS replace the SIF?", "when did the improvement board first meet?": a date of something else.
  if (asked.type === 'date' && !q.kind && contentTerms(q).length > 0) return true;
  // "When did the 2019 inspection start?" asks the event's own first day, which the timeline holds.
  const ownStart = /\b(?:inspection|visit|jtai|mvs?|fvs?|ilacs|sif)\s+(?:start|begin|began|commence)/i.test(q.text);
  if (asked.type === 'date' && q.kind && contentTerms(q).some((t) => /^(?:replace|introduc|board|meet|met|set|establish|lift|appoint|announc|deadline|respon|submi)/.test(t) ||
    (!ownStart && /^(?:start|began)/.test(t)))) return true;
  if (asked.type === 'count') return asked.percent || asked.duration || countsOtherThings(q, asked);
  return false;
}

/** A count of things other than events: "how many inspectors", "how many settings", not "how many visits". */
function countsOtherThings(q: Query, asked: AskedFor): boolean {
  if (asked.type !== 'count' || asked.percent || asked.duration || asked.nouns.length === 0) return false;
  const ofEvents = asked.nouns.some((n) => /^(?:visit|inspection|mv|fv|jtai|monitoring|focus|time|re-inspection|judgement|rating)/.test(n));
  return !ofEvents && !q.intents.includes('improveCount');
}

/** The kinds a question names to the kind ("the monitoring visit", "the JTAI"); null for any visit or inspection. */
function specificKinds(q: Query): EventKind[] | null {
  if (!q.kind || q.kind.label === 'visit' || q.kind.label === 'inspection' || q.kind.label === 'inspection or visit') return null;
  return q.kind.kinds;
}

/** The files about the events a question picks, to read first. */
function eventFilesFor(index: CorpusIndex, q: Query, authority: string): Set<string> {
  if (!q.kind && !q.during && !q.selector && !q.eventIds) return new Set();
  const chosen = pick(matchingEvents(index.timeline.events, q, authority), q);
  const files = new Set<string>();
  for (const e of chosen) {
    for (const f of e.subjectOf ?? []) files.add(f);
    for (const m of e.mentions) if (!/\.csv$/i.test(m.file)) files.add(m.file);
  }
  return files;
}

/**
 * What Ofsted's national record holds for an authority none of whose reports is among the documents: its latest
 * inspection and every judgement given then, said to be all that is on record.
 */
function recordAnswer(index: CorpusIndex, q: Query, authority: string, cites: Citations): Answer | null {
  const latest: Query = {
    ...q, text: 'What were the judgements at the latest inspection?', intents: ['judgement'], kind: { kinds: [...GRADED_KINDS], label: 'inspection' },
    selector: { type: 'last' }, grade: null, area: null, during: null, since: null, before: null, beforeGrade: null, sinceGrade: null, topic: null, eventIds: null,
  };
  const found = eventAnswer(index, latest, authority, cites);
  if (found.status !== 'answered') return null;
  return {
    ...found,
    answer: `${found.answer} This is from Ofsted's national inspection record: none of the documents holds the text of ` +
      `${authority}'s reports, so what else Ofsted found is not on record.`,
  };
}

/** "Not on record", saying what kind of fact was looked for. */
function notInDocuments(index: CorpusIndex, q: Query, authority: string, asked: AskedFor, cites: Citations): Answer {
  const what = asked.type === 'person' ? `who ${asked.roles.length ? `the ${asked.roles[0]} was` : 'that was'}` : 'that';
  const docs = index.documentsOf(authority).length;
  // "What did Ofsted find in Cornwall?" with only the national record to go on: its latest judgements, and that the
  // reports' own words are not held.
  if (docs === 0 && (asked.type === 'text' || asked.type === 'grade')) {
    const record = recordAnswer(index, q, authority, cites);
    if (record) return record;
  }
  const r = fallbackAnswer(index, q, cites);
  if (r.status === 'answered' && asked.type === 'text') return r;
  return {
    status: 'not_found',
    answer: `The documents on record for ${authority} (${docs} document${docs === 1 ? '' : 's'}) do not say ${what}.`,
    authority, facts: [], citations: [],
  };
}

function eventAnswer(index: CorpusIndex, q0: Query, authority: string, cites: Citations): Answer {
  let q = q0;
  if (q.beforeGrade) {
    // The latest event with that grade bounds the question: what came before it.
    const graded = matchingEvents(index.timeline.events, { ...q, grade: q.beforeGrade, selector: null, intents: ['judgement'] }, authority).filter(isDated);
    const bound = graded[graded.length - 1];
    const o = bound ? eventDate(bound) : null;
    if (o) q = { ...q, before: o.start, selector: { type: 'last' } };
  }
  if (q.sinceGrade) {
    // "Since going inadequate": after the latest graded event with that overall grade.
    const graded = matchingEvents(index.timeline.events, {
      ...q, grade: q.sinceGrade, sinceGrade: null, kind: null, selector: null, intents: ['judgement'], since: null, during: null, before: null, topic: null,
    }, authority).filter(isDated);
    const bound = graded[graded.length - 1];
    const o = bound ? eventDate(bound) : null;
    if (o) q = { ...q, since: o.start };
  }
  if (q.intents.includes('improve') && !q.kind) {
    // Areas for improvement come from letters and reports of any kind: the latest event that lists some.
    const listing = matchingEvents(index.timeline.events, { ...q, kind: { kinds: ['standard', 'short', 'sif', 'inspection', 'older', 'focused', 'monitoring', 'jtai'], label: 'inspection or visit' } }, authority)
      .filter((e) => e.improvements.length > 0 || e.improvementCount);
    if (listing.length) q = { ...q, kind: { kinds: [...new Set(listing.map((e) => e.kind))], label: 'inspection or visit' } };
  }
  if ((q.intents.includes('list') || q.intents.includes('history')) && (!q.kind || q.kind.label === 'inspection')) {
    q = { ...q, kind: null };
  }
  const all = onTopic(matchingEvents(index.timeline.events, q, authority), q.topic ?? null);
  const facts: Fact[] = [];
  const lines: string[] = [];
  const label = q.kind?.label ?? (q.intents.includes('lead') || q.intents.includes('focus') ? 'inspection or visit' : 'inspection');
  const intents = [...q.intents];

  if (intents.includes('next')) {
    const line = nextLine(index, q, authority, cites, facts);
    if (line) lines.push(line);
  }
  if (intents.includes('history') || intents.includes('list')) {
    // A list answers "when" for each of its events.
    for (const i of ['when'] as Intent[]) if (intents.includes(i)) intents.splice(intents.indexOf(i), 1);
    const events = intents.includes('history') || !q.kind
      ? matchingEvents(index.timeline.events, { ...q, intents: ['history'] }, authority)
      : pick(all, { ...q, selector: { type: 'all' } });
    if (events.length) lines.push(historyText(index, events, authority, label, intents.includes('history'), cites, facts, q));
  } else if (intents.includes('count')) {
    const line = countLine(index, q, all, authority, cites, facts);
    if (line) lines.push(line);
  }
  const single = ['when', 'judgement', 'lead', 'focus', 'improve', 'improveCount', 'published', 'number'] as const;
  const said: Line[] = [];
  if (intents.some((i) => (single as readonly Intent[]).includes(i))) {
    // "Was Worcestershire ever judged inadequate?": every time it was, not only the latest.
    const everyTime = q.ever && q.grade !== null && !q.selector && !q.during && intents.includes('judgement') && !intents.includes('improve');
    const chosen = everyTime ? all.filter(isDated) : pick(all, q);
    for (const e of chosen) said.push(...eventLines(e, { ...q, intents }, cites, facts));
    if (everyTime && chosen.length > 1) {
      lines.push(`${authority} has been judged ${q.grade} ${timesWord(chosen.length)} on record:\n${said.map((l) => `- ${l.text}`).join('\n')}`);
    } else {
      lines.push(...said.map((l) => l.text));
    }
  }
  // Only "…is not on record" to say: the question's answer is not on record.
  const nothing = said.length > 0 && said.every((l) => !l.found) && lines.every((l) => said.some((x) => l.includes(x.text)));
  if (lines.length === 0 && intents.includes('next')) {
    // No expected date on record; a document may still say what comes next ("no further monitoring visits").
    const said = fallbackAnswer(index, q, cites);
    if (said.status === 'answered') {
      // The sentence found may be a paper's expectation since met: what came last on record is said after it.
      const latest = latestOfKinds(index, authority, q.kind?.kinds ?? GRADED_KINDS);
      const last = latest ? ` ${latestOnRecord(latest, authority, label, cites, facts)}` : '';
      return { ...said, answer: `No date for the next ${label} of ${authority} is on record. ${said.answer}${last}`, facts: [...said.facts, ...facts], citations: cites.list, authority };
    }
  }
  if (lines.length === 0) {
    // No dated event, but a document may say how many there were ("we have had one focused visit").
    const claim = intents.includes('next') || !intents.some((i) => i === 'count' || i === 'list') ? null : countLine(index, q, all, authority, cites, facts);
    if (claim) {
      const undated = all.every((e) => !isDated(e));
      return { status: 'answered', answer: `${claim}${undated ? ` The ${q.kind?.label ?? 'date'}${q.kind ? '’s date' : ''} is not on record.` : ''}`, authority, facts, citations: cites.list };
    }
    return notFound(index, q, authority, label, cites);
  }
  return { status: nothing ? 'not_found' : 'answered', answer: joinLines(lines), authority, facts, citations: cites.list };
}

/**
 * The events whose focus or theme holds most of the question's topic words ("the focused visit on care leavers"),
 * or all of them when none does: a topic picks among events, it never empties the list.
 */
function onTopic(events: InspectionEvent[], topic: string[] | null): InspectionEvent[] {
  if (!topic || events.length < 2) return events;
  const stem = (w: string): string => w.toLowerCase().slice(0, Math.max(4, w.length - 2));
  const score = (e: InspectionEvent): number => {
    const words = [e.theme, ...e.focus].filter((f) => f !== null).flatMap((f) => f.text.toLowerCase().split(/[^a-z'’-]+/));
    return topic.filter((t) => words.some((w) => w.startsWith(stem(t)))).length;
  };
  const best = Math.max(...events.map(score));
  return best > 0 ? events.filter((e) => score(e) === best) : events;
}

/** The sentences about one event that the question's intents ask for. */
function eventLines(e: InspectionEvent, q: Query, cites: Citations, facts: Fact[]): Line[] {
  const lines: Line[] = [];
  const say = (text: string, found = true): void => {
    lines.push({ text, found });
  };
  const name = eventName(e);
  const when = occurredDate(e);
  const whenText = when ? formatSpan(when.start, when.end) : null;
  const whenPhrase = when ? datePhrase(when, q) : '';
  const where = `${e.kind === 'monitoring' || e.kind === 'focused' ? 'to' : 'of'} ${e.authority}`;
  const overall = bestJudgement(e, 'overall');
  const fact = (label: string, value: string, citations: number[]): void => {
    facts.push({ label, value, date: when ? toIso(when.start) : null, eventId: e.id, kind: e.kind, judgement: overall?.grade ?? null, citations });
  };
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const intents = q.intents;

  if (intents.includes('when') || (intents.length === 1 && intents[0] === 'judgement' && !overall && e.judgements.length === 0)) {
    if (when) {
      const ns = datesCited(e.occurred, when, cites);
      const which = q.selector?.type === 'last' ? 'last' : q.selector?.type === 'first' ? 'first' : q.selector?.type === 'beforeLast' ? 'previous' : null;
      const label = KIND_LABELS[e.kind];
      const turned = q.sinceGrade && q.grade && q.selector?.type === 'first' ? ` judged ${q.grade} after being judged ${q.sinceGrade}` : '';
      let line = turned ? `The first ${label} ${where}${turned} took place ${whenPhrase} ${Citations.markers(ns)}.` : which && e.number
        ? `The ${which} ${label} ${where} was ${name.replace(/^the /, 'the ').replace(` ${label}`, '')}, ${whenPhrase} ${Citations.markers(ns)}.`
        : which
          ? `The ${which} ${label} ${where} took place ${whenPhrase} ${Citations.markers(ns)}.`
          : `${cap(name)} ${where} took place ${whenPhrase} ${Citations.markers(ns)}.`;
      // "between 6 and 16 March" in a newspaper against the letter's "6–17 March 2023": both are said.
      const differing = e.occurred.filter((o) => !agrees(o, when));
      if (differing.length) {
        const other = differing[0]!;
        line += ` Another source gives ${formatSpan(other.start, other.end)} ${Citations.markers([cites.cite(other.evidence, [other.text])])}.`;
      }
      const grade = bestJudgement(e, 'overall');
      if (grade && !intents.includes('judgement')) {
        line += ` It was judged ${quoteGrade(grade.grade)} ${Citations.markers(sameGrade(e, 'overall', grade.grade).map((x) => cites.cite(x.evidence, [grade.grade])))}.`;
      }
      // The report often comes out in another month or year, and documents date events by either.
      const p = publishedDate(e);
      if (p && !intents.includes('published') && !overlaps(p, when)) {
        line += ` Its ${GRADED_KINDS.includes(e.kind) ? 'report' : 'letter'} was published ${precision(p.start) === 3 ? 'on' : 'in'} ${formatSpan(p.start, p.end)} ${Citations.markers([cites.cite(p.evidence, [p.text])])}.`;
      }
      // Given when only the judgement was asked and none is on record, the date answers nothing asked.
      say(line, intents.includes('when'));
      fact('took place', whenText!, ns);
    } else {
      const p = publishedDate(e);
      if (p) {
        const n = cites.cite(p.evidence, [p.text]);
        say(`The date ${name} took place is not on record; its report was published ${formatSpan(p.start, p.end)} ${Citations.markers([n])}.`);
        fact('published', formatSpan(p.start, p.end), [n]);
      } else if (e.vague) {
        const n = cites.cite(e.vague.evidence, [e.vague.text]);
        const vp = e.vaguePublished ?? null;
        const letter = vp ? ` Its ${GRADED_KINDS.includes(e.kind) ? 'report' : 'letter'} was published on “${vp.text}” ${Citations.markers([cites.cite(vp.evidence, [vp.text])])}, also with no year.` : '';
        say(`The only date given for ${name} ${where} is “${e.vague.text}”, in a document that carries no year, so the year it took place is not known ${Citations.markers([n])}.${letter}`);
        fact('took place', e.vague.text, [n]);
      } else if (e.reported) {
        // Only the document that reports it is dated: say so, and what it was about.
        const n = cites.cite(e.reported.evidence, [e.reported.text]);
        const which = q.selector?.type === 'last' ? 'The latest' : q.selector?.type === 'first' ? 'The first' : 'The';
        const focus = e.theme ?? e.focus[0] ?? null;
        const about = focus ? `; it ${e.theme ? 'looked at' : 'focused on'} ${focus.text.replace(/[.\s]+$/, '')} ${Citations.markers([cites.cite(focus.evidence, [focus.text.slice(0, 40)])])}` : '';
        // "What was the latest visit?": what its own document says of it first.
        const lead = !focus && /^\s*what\s+(?:was|is|were)\b/i.test(q.text) ? leadSentence(e, cites) : null;
        say(`${which} ${KIND_LABELS[e.kind]} ${where} on record was reported on ${formatSpan(e.reported.start, e.reported.end)} ${Citations.markers([n])}; the documents do not give its own dates${about}.${lead ? ` ${lead}` : ''}`,
          !/\bwhen\b|\bdates?\b|\bwhat\s+(?:day|month)\b/i.test(q.text));
        fact('reported', formatSpan(e.reported.start, e.reported.end), [n]);
      }
    }
  }
  if (intents.includes('published')) {
    const p = publishedDate(e);
    if (e.notPublished) {
      const n = cites.cite(e.notPublished, ['not published']);
      say(`The result of ${name}${whenText ? ` (${whenText})` : ''} was not published ${Citations.markers([n])}.`);
      fact('published', 'not published', [n]);
    } else if (p) {
      const ns = datesCited(e.published, p, cites);
      say(`Ofsted published the ${GRADED_KINDS.includes(e.kind) ? 'report' : 'letter'} on ${name}${whenText ? ` (${whenText})` : ''} ${precision(p.start) === 3 ? 'on' : 'in'} ${formatSpan(p.start, p.end)} ${Citations.markers(ns)}.`);
      fact('published', formatSpan(p.start, p.end), ns);
    } else if (e.reported) {
      // No publication date, but a dated page that reports the findings: when they were made public, at the latest.
      const n = cites.cite(e.reported.evidence, [e.reported.text]);
      say(`The documents do not give the day the ${GRADED_KINDS.includes(e.kind) ? 'report' : 'letter'} on ${name}${whenText ? ` (${whenText})` : ''} was published; its findings were reported on ${formatSpan(e.reported.start, e.reported.end)} ${Citations.markers([n])}.`);
      fact('reported', formatSpan(e.reported.start, e.reported.end), [n]);
    } else {
      say(`When the ${GRADED_KINDS.includes(e.kind) ? 'report' : 'letter'} on ${name}${whenText ? ` (${whenText})` : ''} was published is not on record.`, false);
    }
  }
  if (intents.includes('number')) {
    if (e.number) {
      const n = cites.cite(e.number.evidence, [KIND_LABELS[e.kind]]);
      say(`The ${KIND_LABELS[e.kind]} to ${e.authority}${whenText ? ` in ${whenText}` : ''} was ${name.replace(` ${KIND_LABELS[e.kind]}`, '')} ${Citations.markers([n])}.`);
      fact('number', String(e.number.value), [n]);
    } else {
      say(`Which number in its series ${name}${whenText ? ` (${whenText})` : ''} to ${e.authority} was is not on record.`, false);
    }
  }
  if (intents.includes('judgement')) lines.push(...judgementLines(e, q, whenText, cites, fact));
  if (intents.includes('lead')) {
    const leads = e.people.filter((p) => p.role === 'lead');
    const people = leads.length ? leads : e.people;
    if (people.length) {
      const ns = people.map((p) => cites.cite(p.evidence, [p.name, 'led']));
      const others = e.people.filter((p) => !people.includes(p));
      const verb = leads.length ? 'led' : people.length > 1 ? 'were the inspectors for' : 'was the inspector for';
      let line = `${andList(people.map((p) => p.name))} ${verb} ${name}${whenText ? ` (${whenText})` : ''} ${Citations.markers(ns)}.`;
      if (others.length) line += ` ${andList(others.map((p) => p.name))} also inspected ${Citations.markers(others.map((p) => cites.cite(p.evidence, [p.name])))}.`;
      say(line);
      fact(leads.length ? 'lead inspector' : 'inspector', people.map((p) => p.name).join(', '), ns);
    } else {
      say(`Who led ${e.authority}'s ${name.replace(/^the /, '')}${whenText ? ` (${whenText})` : ''} is not on record.`, false);
    }
  }
  if (intents.includes('focus')) {
    const focus = e.theme ?? e.focus[0] ?? null;
    if (focus) {
      // A list of what it looked at ("…focused on:" and its items) is given whole.
      const items = e.theme ? [focus] : e.focus.filter((f) => f.evidence.file === focus.evidence.file).slice(0, 6);
      const listed = items.length > 1 && items.every((f) => f.text.length < 260);
      const ns = listed ? items.map((f) => cites.cite(f.evidence, [f.text.slice(0, 40)])) : [cites.cite(focus.evidence, [focus.text.slice(0, 40)])];
      // The sentence that opens the list ("The inspection, which took place in March 2025, focused on:") is cited too.
      const intro = listed ? sentenceBefore(items[0]!.evidence, cites) : null;
      if (intro) ns.push(cites.cite(intro));
      const n = ns[0]!;
      const what = listed ? `${items.map((f, i) => `${f.text.replace(/[.;\s]+$/, '')} ${Citations.markers([ns[i]!])}`).join('; ')}${intro ? ` ${Citations.markers([ns[ns.length - 1]!])}` : ''}` : `${focus.text.replace(/[.\s]+$/, '')} ${Citations.markers([n])}`;
      let line = `${cap(name)}${whenText ? ` (${whenText})` : ''} ${e.theme ? 'looked at' : 'focused on'} ${what}.`;
      // Another document may put it differently (the letter itself, and a report about it).
      const other = e.focus.find((f) => f !== focus && f.evidence.file !== focus.evidence.file);
      if (other) line += ` Elsewhere: ${other.text.replace(/[.\s]+$/, '')} ${Citations.markers([cites.cite(other.evidence, [other.text.slice(0, 40)])])}.`;
      say(line);
      fact('focus', focus.text, [n]);
    } else {
      say(`What ${e.authority}'s ${name.replace(/^the /, '')}${whenText ? ` (${whenText})` : ''} focused on is not on record.`, false);
    }
  }
  if (intents.includes('improve') || intents.includes('improveCount')) {
    const improvements = distinctImprovements(e.improvements);
    const count = e.improvementCount?.value ?? (improvements.length || null);
    if (intents.includes('improveCount') && count !== null) {
      const n = e.improvementCount ? [cites.cite(e.improvementCount.evidence, ['areas'])] : improvements.map((i) => cites.cite(i.evidence[0]!));
      say(`${cap(name)}${whenText ? ` (${whenText})` : ''} identified ${count} area${count === 1 ? '' : 's'} for improvement ${Citations.markers(n)}.`);
      fact('areas for improvement', String(count), n);
    }
    if (intents.includes('improve') && improvements.length) {
      const items = improvements.map((i) => `${i.text.replace(/[.;,\s]+$/, '')} ${Citations.markers(i.evidence.map((x) => cites.cite(x)))}`);
      say(`After ${name}${whenText ? ` (${whenText})` : ''}, ${e.authority} needs to improve: ${items.map((x, i) => `(${i + 1}) ${x}`).join('; ')}.`);
      fact('areas for improvement', improvements.map((i) => i.text).join('; '), []);
    } else if (count === null) {
      say(`The areas for improvement from ${e.authority}'s ${name.replace(/^the /, '')}${whenText ? ` (${whenText})` : ''} are not on record.`, false);
    }
  }
  return lines;
}

function judgementLines(e: InspectionEvent, q: Query, whenText: string | null, cites: Citations, fact: (l: string, v: string, c: number[]) => void): Line[] {
  const lines: Line[] = [];
  const say = (text: string, found = true): void => {
    lines.push({ text, found });
  };
  const published = whenText ? null : publishedDate(e);
  const known = !whenText && !published ? e.reported ?? null : null;
  const name = `${eventName(e)}${whenText ? ` (${whenText})` : published ? ` (report published ${formatSpan(published.start, published.end)})` :
    known ? ` (reported ${formatSpan(known.start, known.end)})` : e.after ? ` (date not given; ${e.after.text})` : ''}`;
  const occurred = occurredDate(e);
  const postReform = occurred !== null && sortKey(occurred.start) >= sortKey(REFORM_DATE);
  if (!GRADED_KINDS.includes(e.kind)) {
    if (q.intents.length > 1) return lines;
    const own = notGradedSentence(e, cites);
    say(`${name.charAt(0).toUpperCase()}${name.slice(1)} was a ${KIND_LABELS[e.kind]}, and ${KIND_LABELS[e.kind]}s are not graded: no judgement is given${own ? ` ${Citations.markers(own)}` : ''}.`);
    return lines;
  }
  // A grade on a scale the engine does not read ("Care leavers: needs attention"): quoted as the report gives it.
  const labelled = (area: Area): boolean => {
    const row = labelledValue(e, area, cites);
    if (!row) return false;
    say(`At ${name}, ${AREA_LABELS[area]} in ${e.authority} was given as “${row.value}” ${Citations.markers([row.n])}.`);
    fact(AREA_LABELS[area], row.value, [row.n]);
    return true;
  };
  if (e.judgements.length === 0) {
    if (q.area && q.area !== 'overall' && labelled(q.area)) return lines;
    const why = ungradedSentence(e, q.area ?? 'overall', name, cites);
    say(why ?? `The judgement from ${e.authority}'s ${name.replace(/^the /, '')} is not on record.`, why !== null);
    return lines;
  }
  const whichArea = /\bwhich areas?\b/i.test(q.text) && q.grade;
  // "Which area wasn't outstanding?": the areas judged anything else.
  if (whichArea && NOT_GRADE.test(q.text)) {
    const others = areasWith(e, (g) => g !== q.grade);
    if (others.length) {
      const ns = others.map((j) => cites.cite(j.evidence, [j.grade, AREA_LABELS[j.area].split(' ').slice(-3).join(' ')]));
      say(`In ${name}, ${others.length > 1 ? 'the areas' : 'the area'} not judged ${q.grade}: ${andList(others.map((j, i) => `${AREA_LABELS[j.area]}, judged ${j.grade} ${Citations.markers([ns[i]!])}`))}.`);
      fact(`not judged ${q.grade}`, others.map((j) => `${AREA_LABELS[j.area]}: ${j.grade}`).join('; '), ns);
      return lines;
    }
    if (areasWith(e, (g) => g === q.grade).length === 4) {
      const ns = areasWith(e, (g) => g === q.grade).map((j) => cites.cite(j.evidence, [j.grade]));
      say(`In ${name}, every area was judged ${q.grade} ${Citations.markers(ns)}.`);
      return lines;
    }
  }
  if (whichArea) {
    const matched = areasWith(e, (g) => g === q.grade);
    if (matched.length) {
      const ns = matched.map((j) => cites.cite(j.evidence, [j.grade, AREA_LABELS[j.area].split(' ').slice(-3).join(' ')]));
      say(`In ${name}, ${andList(matched.map((j) => AREA_LABELS[j.area]))} ${matched.length > 1 ? 'were' : 'was'} judged ${q.grade} ${Citations.markers(ns)}.`);
      fact(`judged ${q.grade}`, matched.map((j) => AREA_LABELS[j.area]).join('; '), ns);
      return lines;
    }
  }
  const area: Area = q.area ?? 'overall';
  const j = bestJudgement(e, area);
  if (area === 'overall' && postReform) {
    const own = ownSentence(e, cites, /\bno\s+(?:longer\s+(?:award|give|make)s?\s+an?\s+)?(?:overall\s+(?:effectiveness\s+)?(?:judge?ment|grade)|(?:judge?ment|grade)\s+(?:of|for)\s+overall\s+effectiveness)/i, 'overall');
    let line = `${name.charAt(0).toUpperCase()}${name.slice(1)} took place after the framework changed on 1 April 2026, so it gives no overall effectiveness grade${own ? ` ${Citations.markers(own)}` : ''}.`;
    // A paper that gives one anyway ("rated 'good' overall") is quoted, not believed.
    if (j) line += ` One source calls it ${quoteGrade(j.grade)} overall ${Citations.markers([cites.cite(j.evidence, [j.grade])])}.`;
    say(line);
  } else if (j) {
    const ns = sameGrade(e, area, j.grade).map((x) => cites.cite(x.evidence, [j.grade]));
    // A grade read from a table row says nothing more: the report's own sentence about the area says why.
    const tabled = sameGrade(e, area, j.grade).every((x) => TABLE_ROW.test(cites.text(x.evidence)));
    const narrative = area !== 'overall' && tabled ? areaSentence(e, area, cites) : null;
    if (narrative !== null) ns.push(narrative);
    // The date given for the inspection is a claim too: its source is cited with the grade's.
    if (occurred && whenText) ns.push(cites.cite(occurred.evidence, [occurred.text]));
    say(area === 'overall'
      ? `${e.authority} was judged ${quoteGrade(j.grade)} at ${name} ${Citations.markers(ns)}.`
      : `At ${name}, ${AREA_LABELS[area]} in ${e.authority} was judged ${quoteGrade(j.grade)} ${Citations.markers(ns)}.`);
    fact(area === 'overall' ? 'overall effectiveness' : AREA_LABELS[area], j.grade, ns);
    const conflicting = e.judgements.filter((x) => x.area === area && x.grade !== j.grade);
    if (conflicting.length) {
      say(`Sources differ: another gives ${quoteGrade(conflicting[0]!.grade)} ${Citations.markers([cites.cite(conflicting[0]!.evidence, [conflicting[0]!.grade])])}.`);
    }
  } else if (area === 'overall' || !labelled(area)) {
    const why = ungradedSentence(e, area, name, cites);
    say(why ?? `The judgement ${area === 'overall' ? 'of overall effectiveness' : `for ${AREA_LABELS[area]}`} from ${name} is not on record.`, why !== null);
  }
  if (area === 'overall') {
    const subs = (['leaders', 'help and protection', 'children in care', 'care leavers'] as Area[])
      .map((a) => bestJudgement(e, a)).filter((x): x is JudgementFact => x !== null);
    const differ = subs.filter((s) => s.grade !== j?.grade);
    // "What were its grades?", "the judgement for each area": every area, not only those that differ from overall.
    const every = /\b(?:each|every|all(?: the)?|four|five)\s+(?:areas?|judge?ments?|grades?)\b|\bbreakdown\b|\bgrades\b|\bjudge?ments\b/i.test(q.text);
    if (differ.length || ((postReform || every) && subs.length)) {
      const shown = postReform || every ? subs : differ;
      say(`${andList(shown.map((s) => `${AREA_LABELS[s.area]}: ${s.grade} ${Citations.markers([cites.cite(s.evidence, [s.grade])])}`))}.`.replace(/^./, (c) => c.toUpperCase()));
    }
  }
  return lines;
}

/** A judgement table's row: cells set apart by a run of spaces or a tab, or a label and its grade on two lines. */
const TABLE_ROW = /\S(?: {3,}|\t)\S|\n\s*(?:requires?\s+improvement|inadequate|good|outstanding|adequate)[^\n]{0,20}$/i;

/** How a report's sentences about each area open ("Care leavers do not yet receive…"). */
const AREA_OPENINGS: Record<Area, RegExp> = {
  overall: /^(?:Children['’]s\s+)?services\s+(?:for\s+children\s+)?(?:in\s+\S+\s+)?(?:are|were|remain)\b/i,
  leaders: /^(?:Senior\s+|Political\s+and\s+senior\s+)?(?:leaders|leadership)\b/i,
  'help and protection': /^Children\s+(?:and\s+families\s+)?(?:who\s+need|in\s+need\s+of)\s+help\s+and\s+protection\b/i,
  'children in care': /^(?:Children\s+in\s+care|Children\s+looked\s+after|Looked[- ]after\s+children)\b/i,
  'care leavers': /^(?:Care\s+leavers|Young\s+people\s+leaving\s+care)\b/i,
  adoption: /^(?:Adoption|Children\s+(?:placed\s+)?for\s+adoption)\b/i,
};

/** The first sentence of the event's own documents that opens with an area and weighs it ("…good…", "…improve…"), cited; or null. */
function areaSentence(e: InspectionEvent, area: Area, cites: Citations): number | null {
  for (const file of new Set(e.mentions.map((m) => m.file))) {
    for (const s of cites.sentences(file)) {
      const t = s.text.replace(/\s+/g, ' ');
      if (AREA_OPENINGS[area].test(t) && t.length < 300 && /\b(?:good|outstanding|inadequate|improv\w*|effective\w*|well|weak\w*|strong\w*|consistent\w*)\b/i.test(t)) {
        return cites.cite(s.evidence);
      }
    }
  }
  return null;
}

/** How judgement tables and headings name each area ("The experiences and progress of care leavers", "Leadership and governance"). */
const AREA_LABEL_WORDS: Record<Exclude<Area, 'overall'>, string> = {
  leaders: "(?:the\\s+)?impact\\s+of\\s+leaders(?:\\s+on\\s+social\\s+work\\s+practice\\s+with\\s+children\\s+and\\s+families)?|leadership(?:,?\\s+(?:management\\s+)?and\\s+governance)?",
  'help and protection': '(?:the\\s+experiences\\s+and\\s+progress\\s+of\\s+)?children\\s+(?:who\\s+need|in\\s+need\\s+of)\\s+help\\s+and\\s+protection|help\\s+and\\s+protection(?:\\s+for\\s+children(?:\\s+and\\s+families)?)?',
  'children in care': '(?:the\\s+experiences\\s+and\\s+progress\\s+of\\s+)?(?:children\\s+in\\s+care|children\\s+looked\\s+after(?:\\s+and\\s+achieving\\s+permanence)?)',
  'care leavers': '(?:the\\s+experiences\\s+and\\s+progress\\s+of\\s+)?care\\s+leavers',
  adoption: 'adoption(?:\\s+performance|\\s+services?)?',
};

/** A line of the event's own documents that gives an area a value: "Care leavers: needs attention", a table row; or null. */
function labelledValue(e: InspectionEvent, area: Area, cites: Citations): { n: number; value: string } | null {
  if (area === 'overall') return null;
  const re = new RegExp(`^(?:\\d+(?:\\.\\d+)?\\.?\\s+)?(?:${AREA_LABEL_WORDS[area]})\\s*(?::|\\s{3,}|\\t|\\s[–-]\\s)\\s*([A-Za-z][A-Za-z ’'-]{2,40}?)\\.?$`, 'i');
  for (const file of new Set(e.mentions.map((m) => m.file))) {
    for (const s of cites.sentences(file)) {
      const m = re.exec(s.text.trim());
      if (m) return { n: cites.cite(s.evidence, [m[1]!]), value: m[1]! };
    }
  }
  return null;
}

/** The sentence just before one in its document, if it opens what follows (ends on a colon); or null. */
function sentenceBefore(ev: Evidence, cites: Citations): Evidence | null {
  const all = cites.sentences(ev.file);
  const at = all.findIndex((s) => s.evidence.start <= ev.start && ev.start < s.evidence.end + 2);
  const prev = at > 0 ? all[at - 1] : undefined;
  return prev && /:\s*$/.test(prev.text) ? prev.evidence : null;
}

/** The first sentence of the document an event is the subject of that names it, quoted and cited; or null. */
function leadSentence(e: InspectionEvent, cites: Citations): string | null {
  const file = e.subjectOf?.[0];
  const first = e.mentions.find((m) => m.file === file && cites.text(m).length > 40);
  if (!first) return null;
  const k = cites.cite(first);
  return `Its report: “${cites.list[k - 1]!.quote}” ${Citations.markers([k])}`;
}

/** A sentence of the event's own documents saying visits of its kind are not graded, cited; or null. */
function notGradedSentence(e: InspectionEvent, cites: Citations): number[] | null {
  return ownSentence(e, cites, /\b(?:not\s+(?:be\s+)?graded|do(?:es)?\s+not\s+(?:result\s+in|give|lead\s+to)\s+(?:a\s+)?(?:graded\s+)?(?:grade|judge?ment)|no\s+(?:graded\s+)?judge?ment\s+(?:is|was)\s+(?:given|awarded|made)|no\s+graded\s+judge?ment|are\s+not\s+given\s+a\s+grade|judge?ment\s+(?:is|was)\s+not\s+(?:awarded|given|made)|(?:is|are|was|were)\s+not\s+(?:awarded|given)\s+(?:a\s+)?(?:judge?ment|grade)|there\s+is\s+no\s+grade)\b/i, 'graded');
}

/** Up to two sentences of the event's own documents that match `pattern`, cited: their numbers, or null. */
function ownSentence(e: InspectionEvent, cites: Citations, pattern: RegExp, needle: string): number[] | null {
  const found: number[] = [];
  for (const file of new Set(e.mentions.map((m) => m.file))) {
    const doc = cites.document(file);
    if (!doc) continue;
    const re = new RegExp(`[^.\\n]*(?:${pattern.source})[^.\\n]*\\.?`, 'gi');
    for (const m of doc.text.matchAll(re)) {
      if (found.length >= 2) break;
      const start = m.index + (m[0].length - m[0].trimStart().length);
      found.push(cites.cite({ file, passage: cites.passageAt(file, start), start, end: m.index + m[0].trimEnd().length }, [needle]));
    }
  }
  return found.length ? found : null;
}

/** The month (or season, or year) a date falls in. */
function monthOf(d: PartialDate): PartialDate {
  return d.month === undefined ? d : { year: d.year, month: d.month };
}

/** "on 8 and 9 January 2019", "from 15 to 26 May 2023", "in May 2017", "between February and March 2019". */
function datePhrase(d: DatedFact, q: Query): string {
  const text = writtenSpan(d, q);
  let phrase: string;
  if (sortKey(d.start) === sortKey(d.end) && precision(d.start) === precision(d.end)) phrase = `${precision(d.start) === 3 ? 'on' : 'in'} ${text}`;
  else if (text.includes(' and ')) phrase = `on ${text}`;
  else phrase = `from ${text}`;
  return `${phrase}${asWritten(d, text)}`;
}

/** The source's own words for a date given to the day, where the answer puts it otherwise: ` (“between Monday 27 January and Friday 31 January”)`. */
function asWritten(d: DatedFact, shown: string): string {
  const fold = (x: string): string => x.toLowerCase().replace(/(\d)(?:st|nd|rd|th)\b/g, '$1').replace(/[–—-]/g, ' to ').replace(/\s+/g, ' ').trim();
  const written = d.text.replace(/\s+/g, ' ').trim();
  if (precision(d.start) < 3 || fold(shown).includes(fold(written)) || written.length > 80) return '';
  return ` (“${written}”)`;
}

/**
 * A date as an answer gives it: to a question that asks for the dates, a date to the day as its source wrote it
 * ("17 June 2019 to 28 June 2019"), a dash between its ends read "to"; else, and for one written relatively, in
 * figures or to the month only, in full ("15 to 26 May 2023", "February 2019 to March 2019").
 */
function writtenSpan(d: DatedFact, q: Query): string {
  const text = d.text.replace(/\s+/g, ' ').replace(/^between\s+/i, '').trim();
  // "20 June and 13 July, 2017" is a span, not two days: said "20 June 2017 to 13 July 2017".
  if (d.start.month !== d.end.month && /\band\b/i.test(text)) return formatSpan(d.start, d.end);
  if (!/\bdates?\b/i.test(q.text) || d.relative || precision(d.start) < 3 || precision(d.end) < 3 || !/\b(?:19|20)\d\d\b/.test(text) || !/[A-Za-z]{3}/.test(text)) return formatSpan(d.start, d.end);
  return text.replace(/\s*[–—-]\s*(?=\d|[A-Z])/g, ' to ');
}

function quoteGrade(g: Grade): string {
  return g === 'requires improvement' ? "'requires improvement to be good'" : `'${g}'`;
}

/** The four areas' judgements whose grade passes `test`. */
function areasWith(e: InspectionEvent, test: (grade: Grade) => boolean): JudgementFact[] {
  const out: JudgementFact[] = [];
  for (const area of ['leaders', 'help and protection', 'children in care', 'care leavers'] as Area[]) {
    const j = bestJudgement(e, area);
    if (j && test(j.grade)) out.push(j);
  }
  return out;
}

/** A question about what was not given a grade: "which area wasn't outstanding?", "which areas were not judged good?". */
const NOT_GRADE = /\b(?:was|were|is|are)n['’]?t\b|\b(?:was|were|is|are)\s+not\b|\b(?:did|does|do)(?:n['’]?t|\s+not)\s+(?:get|reach|achieve|receive)\b|\bnot\s+(?:judged|rated|graded)\b/i;

/** Cites the given date and the others that agree with it (up to three sources). */
/** Whether one date given for an event agrees with another: they overlap, and where both give days, the same days. */
function agrees(a: DatedFact, b: DatedFact): boolean {
  if (!overlaps(a, b)) return false;
  const days = [a.start, a.end, b.start, b.end].every((d) => d.day !== undefined);
  const same = (x: PartialDate, y: PartialDate): boolean => x.year === y.year && x.month === y.month && x.day === y.day;
  return !days || (same(a.start, b.start) && same(a.end, b.end));
}

function datesCited(list: DatedFact[], main: DatedFact, cites: Citations, limit = 3): number[] {
  const agreeing = [main, ...list.filter((d) => d !== main && agrees(d, main))];
  const ns: number[] = [];
  const files = new Set<string>();
  for (const d of agreeing) {
    const key = `${d.evidence.file}:${d.evidence.start}`;
    if (files.has(key) || ns.length >= limit) continue;
    files.add(key);
    ns.push(cites.cite(d.evidence, [d.text]));
  }
  return ns;
}

function historyText(index: CorpusIndex, events: InspectionEvent[], authority: string, label: string, history: boolean, cites: Citations, facts: Fact[], q: Query): string {
  const mixed = new Set(events.map((e) => e.kind)).size > 1;
  const rows = events.map((e) => {
    const o = occurredDate(e);
    const p = publishedDate(e);
    const overall = bestJudgement(e, 'overall');
    const ns: number[] = [];
    if (o) ns.push(...datesCited(e.occurred, o, cites, 2));
    else if (p) ns.push(cites.cite(p.evidence, [p.text]));
    if (overall) ns.push(cites.cite(overall.evidence, [overall.grade]));
    const r = !o && !p ? e.reported ?? null : null;
    if (r) ns.push(cites.cite(r.evidence, [r.text]));
    const date = o ? writtenSpan(o, q) : p ? `report published ${formatSpan(p.start, p.end)}` : r ? `reported ${formatSpan(r.start, r.end)}` : 'date not on record';
    // A joint inspection is known by its theme.
    const theme = e.theme ? ` on ${e.theme.text.replace(/[.\s]+$/, '')} ${Citations.markers([cites.cite(e.theme.evidence, [e.theme.text.slice(0, 30)])])}` : '';
    facts.push({ label: KIND_LABELS[e.kind], value: date, date: o ? toIso(o.start) : p ? toIso(p.start) : null, eventId: e.id, kind: e.kind, judgement: overall?.grade ?? null, citations: [...new Set(ns)] });
    const what = history || mixed ? `: ${KIND_LABELS[e.kind]}${e.number && e.kind === 'monitoring' ? ` no. ${e.number.value}` : ''}` : '';
    return `- ${date}${what}${theme}${overall ? `, judged ${overall.grade}` : ''} ${Citations.markers(ns)}`.replace(/\s+$/, '');
  });
  const n = events.length;
  const head = history || mixed
    ? `${authority}'s inspection history on record (${n} event${n === 1 ? '' : 's'}${periodNote(q)}, oldest first):`
    : `${authority} has had ${n} ${label}${n === 1 ? '' : 's'}${periodNote(q)} on record:`;
  // Counts the documents state that the dated events do not reach ("eight monitoring visits between…").
  const notes: string[] = [];
  for (const claim of index.timeline.counts.filter((c) => c.authority === authority && !q.during && (!q.since || c.since === null || sortKey(c.since) >= sortKey(q.since) - 10000))) {
    const listed = events.filter((e) => e.kind === claim.kind).length;
    if (claim.count <= listed || notes.some((x) => x.includes(KIND_LABELS[claim.kind]))) continue;
    notes.push(`The documents also count ${claim.count} ${KIND_LABELS[claim.kind]}${claim.count === 1 ? '' : 's'}${claim.since ? ` since ${formatDate(claim.since)}` : ''}${claim.asOf ? ` (as of ${formatDate(parseIso(claim.asOf)!)})` : ''} ${Citations.markers([cites.cite(claim.evidence, [String(claim.count)])])}.`);
  }
  // One short line a row, and what the documents say besides after them.
  return `${head}\n${rows.join('\n')}${notes.length ? `\n\n${notes.join(' ')}` : ''}`;
}

/** An answer's sentences in one text: a list (lines of its own) set apart from the sentences around it. */
function joinLines(lines: string[]): string {
  return lines.reduce((text, line, i) => (i === 0 ? line : `${text}${line.includes('\n') || lines[i - 1]!.includes('\n') ? '\n\n' : ' '}${line}`), '');
}

function periodNote(q: Query): string {
  if (q.since) return ` since ${formatDate(q.since)}`;
  if (q.during) return ` in ${formatSpan(q.during.start, q.during.end)}`;
  return '';
}

function countLine(index: CorpusIndex, q: Query, events: InspectionEvent[], authority: string, cites: Citations, facts: Fact[]): string | null {
  const kinds = q.kind?.kinds ?? [...GRADED_KINDS];
  const label = q.kind?.label ?? 'inspection';
  const claims = index.timeline.counts
    .filter((c) => c.authority === authority && kinds.includes(c.kind))
    .filter((c) => !q.since || (c.since !== null && sortKey(c.since) >= sortKey(q.since) - 10000) || c.since === null)
    .sort((a, b) => (b.asOf ?? '').localeCompare(a.asOf ?? '') || b.count - a.count);
  const claim = claims.find((c) => !q.since || c.since !== null) ?? claims[0];
  const dated = events.filter(isDated);
  // A series number counts the visits up to its own ("the fourth since…"); events after it add to it.
  const numbered = events.filter((e) => e.number && e.number.value > 0).sort((a, b) => b.number!.value - a.number!.value)[0];
  const afterNumbered = numbered ? dated.filter((e) => eventSortKey(e) > eventSortKey(numbered) && !e.number).length : 0;
  const afterClaim = claim?.asOf ? dated.filter((e) => toIso(eventDate(e)!.start) > claim.asOf! && !(e.number && e.number.value <= claim.count)).length : 0;
  const fromClaim = claim ? claim.count + afterClaim : 0;
  const fromNumber = numbered ? numbered.number!.value + afterNumbered : 0;
  const n = Math.max(events.length, fromClaim, fromNumber);
  if (n === 0) return null;
  const ns: number[] = [];
  let said = '';
  const told = claim && fromClaim >= fromNumber ? claim.evidence : numbered && fromNumber > events.length ? numbered.number!.evidence : null;
  if (told && n > events.length - 1) {
    const k = cites.cite(told, [String(claim?.count ?? numbered?.number?.value ?? '')]);
    ns.push(k);
    said = ` One source puts it: “${cites.list[k - 1]!.quote}” ${Citations.markers([k])}.`;
  }
  // "How many times has Dorset been judged outstanding?": the events counted are those with that grade.
  const judged = q.grade && !q.intents.includes('improve') && !claim ? ` judged ${q.grade}${q.area && q.area !== 'overall' ? ` for ${AREA_LABELS[q.area]}` : ''}` : '';
  const times = /\bhow\s+many\s+times\b|\bhow\s+often\b/i.test(q.text) && judged;
  const countWords = times ? timesWord(n) : `${n} ${label}${n === 1 ? '' : 's'}`;
  const since = q.since ? ` since ${formatDate(q.since)}` : claim?.since ? ` since ${formatDate(claim.since)}` : '';
  const atLeast = n > events.length && (afterClaim > 0 || afterNumbered > 0) ? 'at least ' : '';
  const asOf = claim?.asOf && fromClaim === n && afterClaim === 0 ? ` (as of ${formatDate(parseIso(claim.asOf)!)})` : '';
  let line: string;
  // Only Ofsted's national history lists every graded inspection; visits are known from the papers that tell of them,
  // and what no paper counts or numbers is given as what the documents record, not as all there were.
  const complete = Boolean(told) || fromNumber >= n || events.some((e) => e.mentions.some((m) => /\.csv$/i.test(m.file)));
  const what = times ? `${authority} has been judged ${q.grade}${q.area && q.area !== 'overall' ? ` for ${AREA_LABELS[q.area]}` : ''} ${countWords}`
    : complete ? `${authority} has had ${atLeast}${countWords}${judged}`
    : `The documents record ${countWords}${judged} for ${authority}`;
  if (dated.length >= 2) {
    const first = eventDate(dated[0]!);
    const last = eventDate(dated[dated.length - 1]!);
    for (const e of dated) ns.push(...countEvidence(e, judged ? q.grade : null).map((m) => cites.cite(m)));
    // An event known only by its report, or by a paper reporting it, is said to be so.
    const when = (e: InspectionEvent, d: DatedFact): string => `${occurredDate(e) ? 'in' : publishedDate(e) ? 'published in' : 'reported in'} ${formatDate(monthOf(d.start))}`;
    // Where some are known only from a count or a number, the earliest described need not be the first.
    const [earliest, latest] = dated.length < n ? ['the earliest described', 'the latest described'] : ['the first', 'the latest'];
    line = `${what}${since}${asOf}, ${earliest} ${when(dated[0]!, first!)} and ${latest} ${when(dated[dated.length - 1]!, last!)} ${Citations.markers(ns)}.`;
  } else {
    if (!ns.length) for (const e of events) ns.push(...countEvidence(e, judged ? q.grade : null).map((m) => cites.cite(m)));
    line = `${what}${since}${asOf} ${Citations.markers(ns)}.`;
  }
  if (dated.length < n && dated.length > 0 && !times) line += ` The documents describe ${dated.length} of them: ${dated.map((e) => formatSpan(eventDate(e)!.start, eventDate(e)!.end)).join('; ')}.`;
  // One sentence that tells of two of them ("…outstanding for the second consecutive time since 2019") is read out:
  // the count rests on its words.
  if (!said && judged) {
    const graded = (e: InspectionEvent): Evidence[] => e.judgements.filter((j) => j.grade === q.grade && j.area === (q.area ?? 'overall')).map((j) => j.evidence);
    const seen = new Map<string, number>();
    for (const e of events) for (const m of new Set(graded(e).map((x) => `${x.file}#${x.start}`))) seen.set(m, (seen.get(m) ?? 0) + 1);
    const shared = events.flatMap(graded).find((x) => (seen.get(`${x.file}#${x.start}`) ?? 0) > 1);
    if (shared) {
      const k = cites.cite(shared, [q.grade!]);
      said = ` One source puts it: “${cites.list[k - 1]!.quote}” ${Citations.markers([k])}.`;
    }
  }
  if (!complete && !times) line += ` No document says how many there have been in all.`;
  facts.push({ label: `number of ${label}s`, value: String(n), date: claim?.asOf ?? null, eventId: null, kind: null, judgement: null, citations: ns });
  return `${line}${said}`;
}

/** "once", "twice", "three times". */
function timesWord(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** What to cite for an event counted: where it is numbered ("the third monitoring visit since…"), else its first mention. */
function countEvidence(e: InspectionEvent, grade: Grade | null = null): Evidence[] {
  if (grade) {
    // Counted by its grade: cite where each source gives that grade.
    const byFile = new Map<string, Evidence>();
    for (const j of e.judgements) if (j.area === 'overall' && j.grade === grade && !byFile.has(j.evidence.file)) byFile.set(j.evidence.file, j.evidence);
    if (byFile.size) return [...byFile.values()].slice(0, 3);
  }
  return e.number ? [e.number.evidence] : e.mentions.slice(0, 1);
}

function nextLine(index: CorpusIndex, q: Query, authority: string, cites: Citations, facts: Fact[]): string | null {
  const kinds = q.kind?.kinds ?? [...GRADED_KINDS];
  const label = q.kind?.label ?? 'inspection';
  const list = index.timeline.expectations
    .filter((x) => x.authority === authority && (kinds.includes(x.kind) || x.kind === 'inspection'))
    .sort((a, b) => (b.asOf ?? '').localeCompare(a.asOf ?? ''));
  const x: Expectation | undefined = list[0];
  if (!x) return null;
  const when = formatSpan(x.date.start, x.date.end);
  const asOf = x.asOf ? ` (as of ${formatDate(parseIso(x.asOf)!)})` : '';
  const written = x.date.relative ? ` (“${x.date.text}”${x.asOf ? `, as of ${formatDate(parseIso(x.asOf)!)}` : ''})` : asOf;
  // "no later than June 2029", "by the summer": a latest date, not the date itself.
  const said = cites.text(x.date.evidence).replace(/\n/g, ' ');
  const at = said.indexOf(x.date.text);
  const noLater = at > 0 && /\b(?:no\s+later\s+than|by|before)\s+(?:the\s+)?$/i.test(said.slice(0, at));
  const expected = `${noLater ? 'no later than' : 'in'} ${when}`;
  // What a paper expected is out of date once an inspection on record came after the paper: the latest is said, and
  // that no next date is known; the paper's expectation only when the inspection it expected is that latest one.
  const held = index.timeline.events
    .filter((e) => e.authority === authority && kinds.includes(e.kind) && occurredDate(e))
    .sort((a, b) => eventSortKey(a) - eventSortKey(b));
  const latest = held[held.length - 1];
  if (latest && (!x.asOf || toIso(occurredDate(latest)!.start) > x.asOf)) {
    const followed = x.asOf ? held.find((e) => toIso(occurredDate(e)!.start) > x.asOf!) : undefined;
    const before = followed === latest && x.asOf
      ? ` A document of ${formatDate(parseIso(x.asOf)!)} had expected the next ${KIND_LABELS[x.kind]} ${expected}${x.date.relative ? ` (“${x.date.text}”)` : ''} ${Citations.markers([cites.cite(x.date.evidence, [x.date.text])])}.`
      : '';
    return `No date for the next ${label} of ${authority} is on record. ${latestOnRecord(latest, authority, label, cites, facts)}${before}`;
  }
  const n = cites.cite(x.date.evidence, [x.date.text]);
  facts.push({ label: 'next inspection expected', value: when, date: toIso(x.date.start), eventId: null, kind: x.kind, judgement: null, citations: [n] });
  return `The next ${KIND_LABELS[x.kind]} of ${authority} was expected ${expected}${written} ${Citations.markers([n])}.`;
}

/** "The latest on record is the standard inspection of 10 to 21 June 2024 [1], and Bury was judged …": for a next event not on record. */
function latestOnRecord(latest: InspectionEvent, authority: string, label: string, cites: Citations, facts: Fact[]): string {
  const o = occurredDate(latest)!;
  // Cited in the order they are read: the dates, then the grade.
  const dated = Citations.markers(datesCited(latest.occurred, o, cites, 2));
  const overall = bestJudgement(latest, 'overall');
  const grade = overall ? `, and ${authority} was judged ${quoteGrade(overall.grade)} ${Citations.markers(sameGrade(latest, 'overall', overall.grade).slice(0, 2).map((j) => cites.cite(j.evidence, [overall.grade])))}` : '';
  facts.push({ label: `latest ${label}`, value: formatSpan(o.start, o.end), date: toIso(o.start), eventId: latest.id, kind: latest.kind, judgement: overall?.grade ?? null, citations: [] });
  return `The latest on record is ${eventName(latest)} of ${formatSpan(o.start, o.end)} ${dated}${grade}.`;
}

/** The latest dated event of these kinds for an authority, or undefined. */
function latestOfKinds(index: CorpusIndex, authority: string, kinds: readonly EventKind[]): InspectionEvent | undefined {
  return index.timeline.events
    .filter((e) => e.authority === authority && kinds.includes(e.kind) && occurredDate(e))
    .sort((a, b) => eventSortKey(a) - eventSortKey(b)).pop();
}

function notFound(index: CorpusIndex, q: Query, authority: string, label: string, cites: Citations): Answer {
  const events = index.timeline.events.filter((e) => e.authority === authority && isDated(e)).sort((a, b) => eventSortKey(b) - eventSortKey(a));
  // "Was it ever judged inadequate?" cannot be answered no while some inspection's grades are unknown: say which.
  const unknown = q.grade && !q.intents.includes('improve')
    ? events.filter((e) => GRADED_KINDS.includes(e.kind) && !bestJudgement(e, q.area ?? 'overall'))
      .map((e) => {
        const o = occurredDate(e);
        return ungradedSentence(e, q.area ?? 'overall', `${eventName(e)}${o ? ` (${formatSpan(o.start, o.end)})` : ''}`, cites);
      })
      .filter((x): x is string => x !== null).slice(0, 3)
    : [];
  const known = events.slice(0, 4).map((e) => {
    const o = eventDate(e)!;
    const overall = bestJudgement(e, 'overall');
    const ns = [cites.cite(o.evidence, [o.text])];
    return `${formatSpan(o.start, o.end)}: ${KIND_LABELS[e.kind]}${overall ? `, ${overall.grade}` : ''} ${Citations.markers(ns)}`;
  });
  const period = periodNote(q);
  const graded = q.grade && !q.intents.includes('improve') ? ` judged ${q.grade}` : '';
  const what = q.intents.includes('next') ? `No date for the next ${label} of ${authority} is on record in the documents.`
    : `No ${label}${graded}${period} for ${authority} is on record in the documents.`;
  const answer = what +
    (unknown.length ? ` ${unknown.join(' ')} Whether it was judged ${q.grade} then is not known from the record.` : '') +
    (known.length ? `\n\nWhat is on record for ${authority}:\n${known.map((k) => `- ${k}`).join('\n')}` : ` The documents hold no inspection events for ${authority}.`);
  return { status: 'not_found', answer, authority, facts: [], citations: cites.list };
}

/**
 * A name several authorities answer to: a former council they replaced ("Cumbria": Cumberland, and Westmorland and
 * Furness, since 1 April 2023) or a slip spelt as near one as another ("Suton": Luton or Sutton). Each is offered,
 * with what is on record for it that the question asks about.
 */
function choicesAnswer(index: CorpusIndex, q: Query, cites: Citations): Answer {
  const { typed, choices, succession } = q.authorityChoices!;
  const formed = succession?.formed ? parseIso(succession.formed) : null;
  const lead = succession
    ? `${succession.former} was replaced${formed ? ` on ${formatDate(formed)}` : ''} by ${succession.successors.length === 2 ? 'two' : succession.successors.length} authorities, ${namesList(succession.successors)}. Which do you mean?`
    : `“${typed}” is spelt like ${orList(choices)}. Which do you mean?`;
  const rows = choices.map((a) => `- ${a}: ${onRecordFor(index, q, a, cites)}`);
  const asksEvent = q.intents.some((i) => EVENT_INTENTS.includes(i));
  return { status: 'ambiguous', answer: `${lead} ${asksEvent ? 'On record' : 'The latest inspection of each on record'}:\n${rows.join('\n')}`, authority: null, facts: [], citations: cites.list, choices };
}

/** "A and B", or "Cumberland, and Westmorland and Furness" where the last name holds an "and" of its own. */
function namesList(names: string[]): string {
  if (names.length < 2) return names.join('');
  const last = names[names.length - 1]!;
  return `${names.slice(0, -1).join(', ')}${/ and /.test(last) ? ',' : ''} and ${last}`;
}

/** What is on record for an authority that the question asks about, in a few words: its event, or its latest inspection. */
function onRecordFor(index: CorpusIndex, q: Query, authority: string, cites: Citations): string {
  const asksEvent = q.intents.some((i) => EVENT_INTENTS.includes(i));
  const events = asksEvent ? pick(matchingEvents(index.timeline.events, q, authority), q) : [];
  const e = events[events.length - 1] ?? index.timeline.events
    .filter((x) => x.authority === authority && GRADED_KINDS.includes(x.kind) && isDated(x))
    .sort((a, b) => eventSortKey(a) - eventSortKey(b)).pop();
  const d = e ? eventDate(e) : null;
  if (!e || !d) return 'no inspection on record';
  const overall = bestJudgement(e, 'overall');
  const ns = [cites.cite(d.evidence, [d.text])];
  if (overall) ns.push(cites.cite(overall.evidence, [overall.grade]));
  return `${KIND_LABELS[e.kind]}, ${formatSpan(d.start, d.end)}${overall ? `, judged ${overall.grade}` : ''} ${Citations.markers([...new Set(ns)])}`;
}

/** Authorities listed when a question names none: more than this, and only those with papers of their own are. */
const MAX_CHOICES = 8;

function whichAuthority(index: CorpusIndex, q: Query, cites: Citations, onRecord: string[]): Answer {
  const withPapers = [...new Set(index.corpus.documents.map((d) => d.authority).filter((a): a is string => a !== null))].sort();
  const many = onRecord.length > MAX_CHOICES;
  const choices = (many ? withPapers : onRecord).slice(0, MAX_CHOICES);
  const lines: string[] = [];
  for (const a of choices) {
    const chosen = pick(matchingEvents(index.timeline.events, q, a), q)[0];
    const o = chosen ? eventDate(chosen) : null;
    if (chosen && o) lines.push(`${a}: ${formatSpan(o.start, o.end)} ${Citations.markers([cites.cite(o.evidence, [o.text])])}`);
    else lines.push(`${a}: none on record`);
  }
  const example = choices[0] ?? onRecord[0] ?? 'Worcestershire';
  const listed = lines.length ? ` ${many ? 'Authorities with papers of their own' : 'On record'}:\n${lines.map((l) => `- ${l}`).join('\n')}\n\n` : ' ';
  const more = many ? `Any of the ${onRecord.length} authorities on record can be named. ` : '';
  // The question is quoted back without any "[1]" typed in it: in an answer that is a citation marker.
  const asked = q.text.replace(/\s*\[\d+\]/g, '').replace(/[?.!\s]+$/, '');
  return {
    status: 'ambiguous',
    answer: `Which authority do you mean?${listed}${more}Ask again naming one, for example “${asked} for ${example}?”.`,
    authority: null, facts: [], citations: cites.list, choices,
  };
}


