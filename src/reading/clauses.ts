/**
 * A sentence's clauses, each with what it says of time: the event in hand, an earlier one ("since it was found
 * inadequate in 2019", "following the previous inspection", "at the last inspection in 2021") or one to come ("a
 * full inspection will take place by the autumn"). Facts bind to events clause by clause.
 */
import type { Rule } from './rules';
import { ruleMatches } from './rules';

export type ClauseTime = 'main' | 'prior' | 'future';

export interface Clause {
  start: number;
  end: number;
  time: ClauseTime;
}

/** Where a new clause starts inside a sentence (the match's end is the clause's start, or its start for a lookahead). */
const BREAKS = /;\s*|:\s+(?=\S)|,?\s+(?=(?:up|down)\s+from\s|compared\s+(?:with|to)\s)|,\s+(?=(?:since|following|after|before|when|where|while|whilst|whereas|although|though|but|which|who|having\s+(?:been|previously)|as\s+(?:it|they|the|we))\b)|\s+(?=since\s)|\s+(?=(?:following|after)\s+(?:the|its|their|our|it|they|being)\s+(?:last|previous|prior|earlier|initial|inadequate|requires|was|were|had|judged|rated|found)\b)|\s+(?=when\s+(?:services|it|they|the\s+(?:service|council|authority)|we)\s+(?:were|was|had\s+been)\s+(?:found|judged|rated|deemed|graded))|\s+(?=and\s+(?:a|an|the|its|their|our)\s+(?:[\w'’-]+\s+){0,3}(?:inspection|visit|report|letter)\b)|\s+[–—-]\s+|\s+\((?=[^)]{8,}\))/gi;

/** Clauses that speak of an earlier event. */
export const PRIOR_CLAUSES: Rule<ClauseTime>[] = [
  { name: 'since', examples: ['since it was found inadequate in 2019', 'since the last inspection in 2016', 'since being judged inadequate in November 2023'], counter: ['since April 2018, children’s social care has been delivered by the trust'], re: /^since\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|then|that|20\d\d|19\d\d)\b)/i, value: 'prior' },
  { name: 'following the previous', examples: ['following the previous inspection in 2021', 'after its last full inspection'], re: /^(?:following|after)\s+(?:the|its|their|our)\s+(?:last|previous|prior|earlier|initial)\b/i, value: 'prior' },
  { name: 'following the judgement', examples: ['following the inadequate rating', 'after being judged inadequate', 'after the service was given an inadequate rating'], re: /^(?:following|after)\s+(?:the\s+|its\s+|their\s+|being\s+|it\s+was\s+|they\s+were\s+|the\s+\w+\s+was\s+)(?:\w+\s+){0,2}(?:inadequate|requires?\s+improvement|judged|rated|found|given)\b/i, value: 'prior' },
  { name: 'when services were found', examples: ['when services were found to be inadequate', 'when the service was deemed as requiring improvement'], re: /^when\s+(?:services|it|they|the\s+(?:service|council|authority)|we)\s+(?:were|was|had\s+been)\s+(?:found|judged|rated|deemed|graded)\b/i, value: 'prior' },
  { name: 'having been rated', examples: ['having been rated requires improvement in 2019', 'having previously been judged inadequate'], re: /^having\s+(?:previously\s+)?been\s+(?:\w+\s+)?(?:rated|judged|found|graded|inspected)\b/i, value: 'prior' },
  { name: 'at the last', examples: ['At the last inspection in 2021', 'at its previous inspection', 'In the previous inspection'], re: /^(?:at|in|during)\s+(?:the|its|their|our)\s+(?:last|previous|prior|earlier)\s+(?:\w+\s+)?(?:inspection|visit)/i, value: 'prior' },
  { name: 'was last rated', examples: ['The council was last officially rated as ‘good’ in January 2014', 'had previously been judged inadequate', 'was previously rated ‘Requires improvement to be good’'], re: /\b(?:(?:was|were|had\s+been|has\s+been)\s+(?:last|previously|formerly)|had\s+(?:last|previously|formerly)\s+been)\s+(?:\w+\s+)?(?:rated|judged|graded|inspected|found)\b/i, value: 'prior' },
  { name: 'for a decade', examples: ['have been rated inadequate by Ofsted for more than a decade', 'rated inadequate for over ten years', 'For over a decade services were rated inadequate'], re: /\b(?:rated|judged|been)\b[^.;]{0,60}\bfor\s+(?:more\s+than\s+|over\s+|the\s+past\s+|the\s+last\s+)?(?:a\s+decade|\w+\s+years)\b|^\s*for\s+(?:more\s+than\s+|over\s+|almost\s+|nearly\s+)?(?:a\s+decade|\w+\s+years)\b[^.;]*\b(?:rated|judged)\b/i, value: 'prior' },
  { name: 'up from', examples: ['up from ‘requires improvement’ at the last inspection in 2019', 'down from good in 2021', 'compared with 2019'], re: /^(?:up|down)\s+from\b|^compared\s+(?:with|to)\b/i, value: 'prior' },
  { name: 'previous', examples: ['the previous inspection in 2017', 'the previous review in 2022'], re: /^(?:the\s+)?(?:previous|prior|earlier)\s+(?:\w+\s+)?(?:inspection|review|visit|rating|judge?ment)\b/i, value: 'prior' },
];

/** Clauses that speak of an event to come. */
export const FUTURE_CLAUSES: Rule<ClauseTime>[] = [
  { name: 'will take place', examples: ['A full inspection will take place by Autumn 2019', 'the next inspection is expected in the spring', 'is due in 2027', 'An inspection was expected in late-2021/early-2022', 'the next expected Ofsted activity was a focused visit', 'with a short inspection to follow in 2028', 'probably in the spring', 'Ofsted would carry out a standard inspection within about three years', 'and might carry out a focused visit before then'], counter: ['the report will be published on 30 November 2020', 'was expected and took place'], re: /\b(?:will|shall|would|(?:is|are)\s+(?:likely|set|going|due)\s+to)\s+(?:take\s+place|happen|be\s+(?:carried\s+out|undertaken|inspected|held|conducted))\b|\b(?:will|shall|would|might|may|could)\s+(?:then\s+|next\s+|probably\s+|likely\s+|also\s+)?(?:carry\s+out|undertake|conduct|return\s+to|inspect)\b|\b(?:is|are|was|were|can\s+be|could\s+be|will\s+be|may\s+be)\s+(?:now\s+|still\s+)?(?:expected|due|scheduled|anticipated|planned)\b(?![^.;]{0,40}\b(?:took\s+place|happened)\b)|\b(?:next|upcoming|forthcoming)\s+(?:expected\s+)?(?:full\s+|ILACS\s+|ofsted\s+)?(?:inspection|visit|activity)\b|\bto\s+follow\s+in\b|\bprobably\s+in\b/i, value: 'future' },
];

/** The clauses of a sentence, in order; their spans cover it. */
export function splitClauses(text: string): Clause[] {
  const cuts: number[] = [0];
  BREAKS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BREAKS.exec(text)) !== null) {
    const at = m.index + m[0].length;
    // "November 2022: focused visit looking at children in care": a date as a list's label stays with its item.
    if (m[0].startsWith(':') && /^\s*(?:[-•*]\s*)?(?:\w+\s+){0,3}(?:19|20)\d\d\s*$|^\s*(?:[-•*]\s*)?(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:19|20)\d\d\s*$/.test(text.slice(cuts[cuts.length - 1], m.index))) continue;
    if (at > cuts[cuts.length - 1]! && at < text.length) cuts.push(at);
    if (m[0].length === 0) BREAKS.lastIndex++;
  }
  cuts.push(text.length);
  // "…and the third visit since the inadequate judgement had taken place in January 2024": after a name with no verb
  // of its own, "since the …" names what the visit is counted from, and the verb after it is the visit's.
  for (let i = cuts.length - 2; i > 0; i--) {
    const before = text.slice(cuts[i - 1], cuts[i]);
    const after = text.slice(cuts[i], cuts[i + 1]);
    if (/^\s*(?:and|but)?\s*(?:the|a|an|its|their|our)\s+(?:[\w'’-]+\s+){0,3}(?:visit|inspection)\s*$/i.test(before) &&
        /^since\s+(?:the|its|their|our)\s+(?:[\w'’-]+\s+){0,3}?(?:judge?ment|rating|inspection|grade)\s+(?:had|has|have)\s+(?:taken\s+place|been\s+(?:held|carried\s+out))\b/i.test(after)) cuts.splice(i, 1);
  }
  // "Since the inadequate judgement in March 2021, the council has had…": an opening phrase ends at its comma.
  for (let i = 0; i < cuts.length - 1; i++) {
    const body = text.slice(cuts[i], cuts[i + 1]);
    const m = /^\s*(?:since|following|after|before|prior\s+to)\b[^,;:]{3,90}?,\s+(?=\S)/i.exec(body) ??
      // "Since the inadequate judgement in March 2021 there have been five monitoring visits": no comma, but a new subject.
      /^\s*(?:since|following|after)\b[^,;:]{3,70}?\b(?:19|20)\d\d\s+(?=(?:there|we|they|it|the|our|ofsted|inspectors|services|this|a|an)\b)/i.exec(body);
    if (m && cuts[i]! + m[0].length < cuts[i + 1]!) cuts.splice(i + 1, 0, cuts[i]! + m[0].length);
  }
  const clauses: Clause[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const body = text.slice(start, end);
    let time: ClauseTime = 'main';
    if (PRIOR_CLAUSES.some((r) => ruleMatches(r, body))) time = 'prior';
    else if (FUTURE_CLAUSES.some((r) => ruleMatches(r, body)) && !/\b(?:took\s+place|was\s+carried\s+out|were\s+carried\s+out|has\s+(?:been\s+)?published|was\s+published)\b/i.test(body)) time = 'future';
    // "…since the last inspection in February 2019, when services were found to be inadequate": the same earlier event.
    const previous = clauses[clauses.length - 1];
    if (time === 'main' && previous?.time === 'prior' && /^when\b/i.test(body.trim())) time = 'prior';
    clauses.push({ start, end, time });
  }
  return clauses;
}

/** The clause a position of the sentence falls in. */
export function clauseAt(clauses: Clause[], at: number): Clause {
  return clauses.find((c) => c.start <= at && at < c.end) ?? clauses[clauses.length - 1]!;
}
