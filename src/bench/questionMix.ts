/** A fixed mix of questions over a generated corpus, each with what a right answer must say (a sanity check). */
import { MONTHS } from './calendar';
import type { BenchKind, ExpectedEvent } from './corpusWorld';
import { ordinal } from './corpusTemplates';
import { Random } from './random';

export type QuestionType = 'when' | 'last' | 'count' | 'judgement' | 'lead' | 'improve' | 'list' | 'national' | 'follow-up' | 'free';

export const QUESTION_TYPES: readonly QuestionType[] = ['when', 'last', 'count', 'judgement', 'lead', 'improve', 'list', 'national', 'follow-up', 'free'];

export interface BenchQuestion {
  type: QuestionType;
  question: string;
  /** For a follow-up: the question asked before it, in the same conversation. */
  previous: string | null;
  /** Words a right answer holds (any one of each inner list), compared without regard to case. */
  mustContain: string[][];
}

const KIND_WORDS: Record<BenchKind, string> = {
  monitoring: 'monitoring visit', focused: 'focused visit', standard: 'standard inspection', sif: 'inspection', jtai: 'joint targeted area inspection',
};

function monthYear(isoDate: string): string {
  const [y, m] = isoDate.split('-');
  return `${MONTHS[Number(m) - 1]} ${y}`;
}

function latest(events: ExpectedEvent[]): ExpectedEvent | undefined {
  return [...events].sort((a, b) => a.start.localeCompare(b.start)).pop();
}

const graded = (e: ExpectedEvent): boolean => e.judgements.length > 0;
const overall = (e: ExpectedEvent): string => e.judgements.find((j) => j.area === 'overall')!.grade;

const FREE_TOPICS = ['care leavers', 'supervision', 'caseloads', 'agency social workers', 'family hubs', 'foster carers', 'the virtual school', 'exploitation'];

/**
 * `n` questions in a fixed order, cycling through the types (national questions are few and the same for all): the
 * same events and seed give the same questions.
 */
export function questionMix(events: ExpectedEvent[], n: number, seed = 7): BenchQuestion[] {
  const rng = Random.derive(seed, 'questions');
  const byAuthority = new Map<string, ExpectedEvent[]>();
  for (const e of events) byAuthority.set(e.authority, [...(byAuthority.get(e.authority) ?? []), e]);
  const authorities = [...byAuthority.keys()].sort();
  if (!authorities.length) throw new Error('questionMix: no events to ask about');
  const out: BenchQuestion[] = [];
  const national = nationalQuestions(byAuthority);
  let i = 0;
  while (out.length < n) {
    const type = QUESTION_TYPES[i++ % QUESTION_TYPES.length]!;
    const a = rng.pick(authorities);
    const mine = byAuthority.get(a)!;
    const q = make(type, a, mine, rng, national);
    if (q) out.push(q);
  }
  return out;
}

function nationalQuestions(byAuthority: Map<string, ExpectedEvent[]>): BenchQuestion[] {
  const out: BenchQuestion[] = [];
  for (const grade of ['inadequate', 'outstanding', 'good']) {
    const names = [...byAuthority.entries()].filter(([, es]) => {
      const l = latest(es.filter(graded));
      return l !== undefined && overall(l) === grade;
    }).map(([a]) => a).sort();
    if (names.length) out.push({ type: 'national', question: `Which authorities are judged ${grade}?`, previous: null, mustContain: [[names[0]!]] });
  }
  return out;
}

function make(type: QuestionType, a: string, mine: ExpectedEvent[], rng: Random, national: BenchQuestion[]): BenchQuestion | null {
  const q = (question: string, mustContain: string[][], previous: string | null = null): BenchQuestion => ({ type, question, previous, mustContain });
  const lastGraded = latest(mine.filter(graded));
  switch (type) {
    case 'when': {
      const kind = rng.pick(['monitoring', 'focused', 'jtai'] as BenchKind[]);
      const e = latest(mine.filter((x) => x.kind === kind));
      if (!e) return null;
      return q(rng.pick([`When was the last ${KIND_WORDS[kind]} to ${a}?`, `when was ${a}'s most recent ${KIND_WORDS[kind]}`]), [[monthYear(e.end), monthYear(e.start)]]);
    }
    case 'last':
      if (!lastGraded) return null;
      return q(rng.pick([`When was ${a} last inspected?`, `When did Ofsted last inspect ${a}?`]), [[monthYear(lastGraded.end), monthYear(lastGraded.start)]]);
    case 'count': {
      const mvs = mine.filter((x) => x.kind === 'monitoring');
      if (!mvs.length) return null;
      return q(`How many monitoring visits has ${a} had?`, [[String(Math.max(mvs.length, ...mvs.map((x) => x.number ?? 0)))]]);
    }
    case 'judgement':
      if (!lastGraded) return null;
      return q(rng.pick([`What was ${a} judged at its last inspection?`, `What grade did Ofsted give ${a}?`]), [[overall(lastGraded)]]);
    case 'lead': {
      const e = rng.pick(mine);
      const question = e.kind === 'monitoring' && e.number
        ? `Who led the ${ordinal(e.number)} monitoring visit to ${a}?`
        : `Who led the ${monthYear(e.start)} ${KIND_WORDS[e.kind]} of ${a}?`;
      return q(question, [[e.lead]]);
    }
    case 'improve':
      if (!lastGraded || !lastGraded.improvements.length) return null;
      return q(`What did Ofsted say ${a} must improve at its last inspection?`, [lastGraded.improvements.map((x) => x.slice(0, 40))]);
    case 'list': {
      const kind = rng.pick(['monitoring', 'focused', 'standard'] as BenchKind[]);
      const es = mine.filter((x) => x.kind === kind);
      if (!es.length) return null;
      return q(`List the ${KIND_WORDS[kind]}s of ${a}`, es.map((e) => [e.start.slice(0, 4), e.end.slice(0, 4)]));
    }
    case 'national':
      return national.length ? rng.pick(national) : null;
    case 'follow-up': {
      if (!lastGraded) return null;
      return q('who led it?', [[lastGraded.lead]], `When was ${a} last inspected?`);
    }
    case 'free':
      return q(`What did inspectors say about ${rng.pick(FREE_TOPICS)} in ${a}?`, []);
  }
}

/** True when an answer's text holds one of each group of words, without regard to case. */
export function answerMatches(text: string, mustContain: string[][]): boolean {
  const t = text.toLowerCase();
  return mustContain.every((any) => any.some((w) => t.includes(w.toLowerCase())));
}
