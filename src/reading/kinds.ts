/**
 * Mentions of inspections and visits in a sentence: by a name ("the monitoring visit"), by a verb alone ("services
 * were re-inspected", "inspectors visited the council") or by a rating ("rated 'good' by Ofsted"), each with what it
 * says of its event's place in time: this one, an earlier one, one to come.
 */
import type { EventKind } from '../timeline/types';
import { matchRules, type Rule } from './rules';

/** What a mention names: a kind, or only a family ("the visit", "the inspection"), or any event ("inspectors visited"). */
export interface KindValue {
  kind: EventKind | null;
  family: 'visit' | 'inspection' | 'any';
}

/** How a mention places its event relative to the one the document reports. */
export type Relation = 'this' | 'prior' | 'future' | 'plain';

/** A mention of an inspection or visit. */
export interface KindSpan extends KindValue {
  start: number;
  end: number;
  text: string;
  plural: boolean;
  relation: Relation;
  /** "an inspection", "a further visit": one not mentioned before. */
  indefinite: boolean;
  /** "that inspection", "the same visit": the one just mentioned. */
  anaphoric: boolean;
  /** "the report", "Ofsted's letter", "the findings": the event's outcome as published. */
  report: boolean;
  /** How the event is stated. */
  by: 'noun' | 'verb' | 'rating';
}

/** Names of inspections and visits, the most specific first. */
export const KIND_NAMES: Rule<KindValue>[] = [
  {
    name: 'joint targeted area inspection',
    examples: ['a joint targeted area inspection (JTAI) of the response to neglect', 'the JTAI in March', 'the joint inspection of the partnership', 'Joint Area Targeted Inspection'],
    re: /\bjoint\s+(?:targeted\s+(?:area\s+)?|area\s+targeted\s+|multi-agency\s+)?inspections?\b|\bJTAIs?\b/i,
    value: { kind: 'jtai', family: 'inspection' },
  },
  {
    name: 'monitoring visit',
    examples: ['the third monitoring visit', 'Ofsted’s Monitoring Letter', 'our latest MV', 'monitoring visits have continued'],
    counter: ['the mv of the ship'],
    re: /\b[Mm]onitoring\s+(?:[Vv]isits?|[Ll]etters?)\b|\bMVs?\b/,
    value: { kind: 'monitoring', family: 'visit' },
  },
  {
    name: 'monitoring visit (capitalised)',
    examples: ['Monitoring Visit', 'MONITORING VISIT'],
    re: /\bMonitoring\s+Visits?\b|\bMONITORING\s+VISITS?\b/,
    value: { kind: 'monitoring', family: 'visit' },
  },
  {
    name: 'a visit since the inadequate judgement',
    examples: ['It was the second visit since the inadequate judgement', 'the fourth visit since the council was judged inadequate'],
    re: /\bvisits?(?=\s+since\s+(?:the\s+)?(?:(?:council|authority|local\s+authority|service|services|it|we|they)\s+)?(?:was\s+|were\s+|had\s+been\s+|being\s+|went\s+)?(?:judged\s+|rated\s+|found\s+)?(?:to\s+be\s+)?['‘"“]?inadequate)/i,
    value: { kind: 'monitoring', family: 'visit' },
  },
  {
    name: 'focused visit',
    examples: ['a focused visit to the front door', 'the focussed visit in April', 'an assurance visit in early March', 'interim visit', 'the FV'],
    re: /\bfocus{1,2}ed\s+visits?\b|\b(?:interim|assurance)\s+visits?\b|\bFVs?\b/i,
    value: { kind: 'focused', family: 'visit' },
  },
  {
    name: 'short inspection',
    examples: ['a short inspection', 'the short ILACS inspection'],
    re: /\bshort\s+(?:ILACS\s+|ofsted\s+)?inspections?\b/i,
    value: { kind: 'short', family: 'inspection' },
  },
  {
    name: 'single inspection',
    examples: [
      'the single inspection framework inspection', 'a single inspection of services', 'the SIF inspection',
      'the Ofsted Inspection of Southwark local authority services for children in need of help and protection',
    ],
    re: /\bsingle\s+inspection\s+framework(?:\s*\(SIF\))?\s+inspections?\b|\bsingle\s+inspections?\b|\bSIF\s+inspections?\b|\b(?:ofsted\s+)?inspections?\s+of\s+(?:[\w'’&-]+\s+){0,4}?services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection\b/i,
    value: { kind: 'sif', family: 'inspection' },
  },
  {
    name: 'single inspection framework',
    examples: ['inspected under SIF in November 2014', 'the SIF'],
    re: /\b(?:under\s+(?:the\s+)?)?(?:SIF|single\s+inspection\s+framework)\b/,
    value: { kind: 'sif', family: 'inspection' },
  },
  {
    name: 'inspection of a service',
    examples: [
      'a fostering regulatory inspection', 'the inspection of its adoption service', 'the adoption inspection',
      'inspections of individual settings', 'the multi-remit focused inspection', 'its children’s homes inspections',
    ],
    re: /\b(?:fostering|adoption|regulatory|residential|children['’]?s\s+homes?|secure\s+(?:children['’]?s\s+)?home|multi-remit(?:\s+focused)?|settings?|schools?)\s+(?:regulatory\s+)?inspections?\b|\binspections?\s+of\s+(?:its\s+|the\s+|our\s+|individual\s+)?(?:adoption|fostering)\s+(?:services?|agency)|\binspections?\s+of\s+(?:individual\s+)?settings\b/i,
    value: { kind: 'provider', family: 'inspection' },
  },
  {
    name: 'standard inspection',
    examples: [
      'a full inspection', 'the standard inspection', 'the ILACS inspection', 'a re-inspection', 'the graded inspection',
      'Inspection of Local Authority Children’s Services (ILACS)', 'Ofsted Inspecting Local Authority Children\'s Services Inspection',
      'ILACS', 'the full Ofsted inspection',
    ],
    counter: ['a full inspection framework'],
    re: /\b(?:full|standard|graded|formal|judgement|judgment|ILACS|re-?)\s+(?:ofsted\s+|ILACS\s+)?(?:re-?)?inspections?\b(?!\s+framework)|\bre-inspections?\b|\binspecting\s+local\s+authority\s+children['’]?s?\s+services\b(?:\s+inspections?)?|\binspect(?:ions?|ing)\s+of\s+(?:[\w'’&-]+\s+){0,4}?local\s+authority\s+children['’]?s?\s+services\b(?:\s*\(ILACS\))?(?:\s+inspections?)?|\bILACS\b(?:\)?\s+(?:ofsted\s+)?inspections?)?/i,
    value: { kind: 'standard', family: 'inspection' },
  },
  {
    name: 'older framework',
    examples: [
      'an inspection of safeguarding and looked after children services', 'the annual performance assessment',
      'an unannounced Ofsted inspection into the arrangements for the protection of children', 'a joint area review',
    ],
    re: /\binspections?\s+of\s+safeguarding\s+and\s+looked\s+after\s+children\s+services\b|\bsafeguarding\s+and\s+looked\s+after\s+children\s+inspections?\b|\bannual\s+performance\s+assessments?\b|\bjoint\s+area\s+reviews?\b|\binspections?\s+(?:into|of)\s+(?:[\w'’&-]+\s+){0,3}?arrangements\s+for\s+(?:the\s+)?protection\s+of\s+children\b/i,
    value: { kind: 'older', family: 'inspection' },
  },
  {
    name: 'a pilot inspection',
    examples: ['rated good in pilot Ofsted inspection', 'the pilot inspection of the new framework'],
    re: /\bpilot(?:ed|ing)?\s+(?:ofsted\s+|ILACS\s+)?inspections?\b|\binspections?\s+pilot\b/i,
    value: { kind: 'pilot', family: 'inspection' },
  },
  {
    name: 'an Ofsted report',
    examples: ['An Ofsted report, published in January 2017', 'the Ofsted Report published on 5th July', 'Ofsted’s judgement'],
    re: /\bofsted['’]?s?\s+(?:inspection\s+)?(?:report|judge?ments?|ratings?|findings|outcome)\b/i,
    value: { kind: null, family: 'any' },
  },
  {
    name: 'an Ofsted letter',
    examples: ['the Ofsted letter', 'Ofsted’s letter identifies'],
    re: /\bofsted['’]?s?\s+(?:outcome\s+)?letter\b/i,
    value: { kind: null, family: 'visit' },
  },
  {
    name: 'an inspection',
    examples: ['the inspection', 'an Ofsted inspection', 'inspections of children’s services', 're-inspection'],
    counter: ['the inspection framework', 'inspection regime'],
    re: /\b(?:ofsted['’]?s?\s+)?(?:re-?)?inspections?\b/i,
    value: { kind: null, family: 'inspection' },
  },
  {
    name: 'a visit',
    examples: ['the visit', 'their final visit', 'visits by Ofsted'],
    counter: ['home visits', 'a site visit'],
    re: /\bvisits?\b/i,
    value: { kind: null, family: 'visit' },
  },
];

/** Verbs that say an inspection or visit took place, where no name of one stands in the clause. */
export const KIND_VERBS: Rule<KindValue>[] = [
  {
    name: 're-inspected',
    examples: ['services were re-inspected from 4 to 15 May', 'the council was reinspected in 2019'],
    re: /\b(?:was|were|been|being)\s+re-?inspected\b/i,
    value: { kind: 'standard', family: 'inspection' },
  },
  {
    name: 'inspected',
    examples: ['children’s services were inspected by Ofsted in March', 'had last been inspected under SIF in November 2014', 'when we were last inspected', 'was last formally inspected in April 2018', 'Ofsted inspected the council’s children’s services', 'inspectors last inspected the service'],
    re: /\b(?:was|were|been|being|is|are|be)\s+(?:(?:last|previously|fully|next|formally|officially|recently|again|most\s+recently)\s+){0,2}inspected\b|\b(?:Ofsted|OFSTED|[Ii]nspectors|HMIs?)\s+(?:(?:last|previously|fully|formally|recently|again)\s+)?inspected\b/i,
    value: { kind: null, family: 'inspection' },
  },
  {
    name: 'inspectors came',
    examples: [
      'Ofsted inspectors visited Kent’s children’s services in May', 'inspectors visited the council', 'Ofsted returned in July',
      'Ofsted arrived in February', 'HMIs spent four days', 'His Majesty’s inspectors visited', 'Five HM inspectors carried out the inspection',
      'Ofsted last visited in October 2021', 'Ofsted were back in July', 'inspectors came back on 4 and 5 March',
    ],
    re: /\b(?:Ofsted|OFSTED|[Ii]nspectors|HMIs?|HM\s+[Ii]nspectors)\s+(?:have\s+|had\s+|has\s+|also\s+|last\s+|first\s+|previously\s+|recently\s+|most\s+recently\s+|again\s+)?(?:visited|returned|came|arrived|spent|were\s+on\s+site|went\s+back|(?:were|was|came|have\s+been|had\s+been)\s+back|carried\s+out|find|found|finds|praised|highlighted|noted|reported|say|says|said)\b/,
    value: { kind: null, family: 'any' },
  },
  {
    name: 'they were with us',
    examples: ['They were with us on 11 and 12 July', 'the inspectors were with us on 10 and 11 November', 'the team were on site for four days'],
    re: /\b(?:[Tt]hey|[Tt]he\s+(?:inspectors|inspection\s+team|team))\s+(?:were|was)\s+(?:with\s+us|on\s+site|here)\b/,
    value: { kind: null, family: 'any' },
  },
  {
    name: 'inspectors visited, after a long subject',
    examples: ['Inspectors from Ofsted, the CQC and the police visited the district between Monday 9 June and Friday 13 June'],
    re: /\b(?:[Ii]nspectors|Ofsted|OFSTED|HMIs?)\b[^.;]{10,160}?\b(?:visited|returned|arrived|spent)\b/,
    value: { kind: null, family: 'any' },
  },
  {
    name: 'inspectors were in the county',
    examples: ['Inspectors from four watchdogs – Ofsted and the CQC – were in the county between Monday 22 January and Friday 26 January', 'HMIs were on site in Bury for four days'],
    re: /\b(?:[Ii]nspectors|Ofsted|OFSTED|HMIs?)\b[^.;]{0,200}?\b(?:were|was)\s+(?:(?:on\s+site\s+)?(?:in|at|with)\s+(?:the\s+)?(?:county|borough|city|council|authority|area|town\s+hall|district)\b|on\s+site\b)/,
    value: { kind: null, family: 'any' },
  },
  {
    // Ofsted with the police inspectorate (and so the CQC and probation): a joint targeted area inspection. Ofsted
    // with the CQC alone inspect special educational needs, another thing. Last: a longer name around it wins.
    name: 'inspectorates together',
    examples: ['a joint report by four inspectorates', 'Inspectors from Ofsted, the Care Quality Commission, HM Inspectorate of Constabulary and Fire & Rescue Services and HM Inspectorate of Probation spent a week', 'Ofsted, the CQC, HMICFRS and HMI Probation'],
    counter: ['the Ofsted and CQC inspection of local area SEND services', 'two inspectorates'],
    re: /\bjoint\s+(?:report|letter|findings)\s+(?:by|from)\s+(?:the\s+)?(?:three|four|five)?\s*inspectorates\b|\b(?:three|four|five)\s+inspectorates\b|\bOfsted\b(?=[^.;]{0,160}\b(?:HMICFRS|Inspectorate\s+of\s+Constabulary|HMI\s+Constabulary)\b)/i,
    value: { kind: 'jtai', family: 'inspection' },
  },
];

/** Ratings that say a graded inspection took place, where no name of one stands in the clause. */
export const KIND_RATINGS: Rule<KindValue>[] = [
  {
    name: 'rated or judged',
    examples: [
      'has been rated “outstanding” by Ofsted', 'were judged to be inadequate', 'was graded good', 'was last officially rated as ‘good’',
      'the rating was upgraded to good', 'awarded an overall ‘good’ rating', 'retained its ‘Good’ rating', 'found to be inadequate',
      'since being judged inadequate', 'has ranked the service as ‘inadequate’', 'deemed as requiring improvement',
      'Ofsted also rated our children’s social care services ‘Outstanding’ in 2018', 'Ofsted rates the council’s children’s services good',
      'and judged them good',
    ],
    re: /\b(?:(?:was|were|been|being|is|are|be|had|has|have)\s+(?:\w+\s+){0,3}?(?:rated|judged|graded|found\s+to\s+be|deemed|ranked|assessed\s+as)|(?:rating|judge?ment|grade)\s+(?:was|has\s+been)\s+(?:upgraded|raised|lowered|downgraded)|(?:awarded|given|retained|achieved|received|kept|maintained)\s+(?:an?\s+|its\s+|their\s+|our\s+)?(?:overall\s+)?['‘"“]?(?:outstanding|good|inadequate|requires?\s+improvement)|\b(?:found\s+to\s+be|deemed(?:\s+as|\s+to\s+be)?)\s+(?=['‘"“]?(?:outstanding|good|inadequate|requir))|ranked\s+the\s+service|has\s+rated|have\s+rated|had\s+rated|Ofsted\s+(?:also\s+|again\s+|previously\s+|first\s+)?rat(?:ed|es)|\b(?:judged|rated|graded)\s+(?:them|it|the\s+service|the\s+services|services)\s+(?:to\s+be\s+|as\s+)?(?=['‘"“]?(?:outstanding|good|inadequate|requir)))\b/i,
    value: { kind: 'inspection', family: 'inspection' },
  },
];

/** Words before a name that make it another, earlier event. */
const PRIOR_BEFORE = /\b(?:last|previous|prior|earlier|preceding|former|old|past|original)\s+(?:(?:full|formal|ofsted|ofsted['’]s|ILACS|SIF|standard|graded|routine|inspection|monitoring|focused)\s+){0,2}$|\b(?:since|following|after)\s+(?:the|its|their|our|his|her)\s+(?:last|previous|prior|earlier)\s+(?:\w+\s+){0,2}$/i;
/** Words before a name that make it one to come. */
const FUTURE_BEFORE = /\b(?:next|forthcoming|upcoming|future|expected|expect|expects|expecting|anticipated|anticipate|planned|impending|pending|potential|possible|any\s+future|awaiting|await|preparing\s+for|prepare\s+for|ready\s+for)\s+(?:\w+\s+){0,3}$/i;
/** Words before a name that make it the event in hand. */
const THIS_BEFORE = /\b(?:this|the\s+(?:latest|recent|most\s+recent|final|new|current)|(?:our|its|their|his|her)\s+(?:latest\s+|recent\s+|most\s+recent\s+|final\s+|new\s+)?|latest|recent|most\s+recent)\s+(?:(?:full|formal|ofsted|ofsted['’]s|ILACS|standard|monitoring|focused|focussed|two-week|three-week|four-week|unannounced|joint)\s+){0,3}$/i;
const INDEFINITE_BEFORE = /\b(?:an?|another|a\s+(?:further|new|second|third))\s+(?:[\w'’-]+\s+){0,3}$/i;
/** What follows "inspection" when it is no event: a framework, its regime, a team. */
const NOT_AN_EVENT_AFTER = /^\s*(?:framework|frameworks|regime|methodology|handbook|guidance|process|readiness|preparation|preparations|team|teams|inspectors?|activity|programme|cycle|arrangements|criteria|schedule|system|of\s+(?:documents|records|the\s+register))\b/i;
/** What stands before "visit" when it is no event of Ofsted's: a home visit, a site visit. */
const NOT_A_VISIT_BEFORE = /\b(?:home|site|school|family|house|social\s+work|practice|face-to-face|virtual|statutory|study|ministerial|royal|return|regular|frequent|unannounced\s+home)\s+$/i;
/** Words after a name that make it one to come: "a full inspection can be expected in the spring", "inspection, expected in…". */
const FUTURE_AFTER = /^\s*,?\s*(?:(?:[\w'’-]+\s+){0,3}(?:can|could|will|would|may|might|is|are|was|were|should)\s+(?:now\s+|still\s+|also\s+)?(?:be\s+)?(?:expected|due|scheduled|anticipated|planned|likely)|(?:expected|due|scheduled|planned)\b|(?:[\w'’-]+\s+){0,3}(?:will|shall)\s+(?:take\s+place|happen|follow|be\s+(?:carried\s+out|held|undertaken)))/i;
/** Words after a name that make it the event's published outcome. */
const REPORT_AFTER = /^\s*(?:letter|report|outcome\s+letter|findings|outcome|results?|judge?ment)\b/i;

/** Every mention of an inspection or visit in a sentence, in order; overlapping names give way to the more specific. */
export function readKinds(text: string): KindSpan[] {
  const out: KindSpan[] = [];
  for (const m of matchRules(KIND_NAMES, text)) {
    const word = text.slice(m.start, m.end);
    const before = text.slice(Math.max(0, m.start - 60), m.start);
    const after = text.slice(m.end, m.end + 40);
    if (NOT_AN_EVENT_AFTER.test(after)) continue;
    if (m.rule.value.family === 'visit' && m.rule.value.kind === null && NOT_A_VISIT_BEFORE.test(before)) continue;
    if (m.rule.name === 'single inspection framework' && NOT_AN_EVENT_AFTER.test(after) && !/under\s/i.test(word)) continue;
    out.push({
      ...m.rule.value, start: m.start, end: m.end, text: word,
      plural: /\b(?:inspections|re-?inspections|visits|reviews|assessments|letters|JTAIs|MVs|FVs)\b/i.test(word),
      relation: FUTURE_AFTER.test(after + text.slice(m.end + 40, m.end + 80)) ? 'future' : relationBefore(before),
      indefinite: INDEFINITE_BEFORE.test(before),
      anaphoric: /\b(?:that|the\s+same|said)\s+(?:[\w'’-]+\s+){0,2}$/i.test(before),
      report: /\breport\b|\bletter\b/i.test(word) || REPORT_AFTER.test(after),
      by: 'noun',
    });
  }
  const free = (start: number, end: number): boolean => !out.some((k) => k.start < end && start < k.end);
  for (const rules of [KIND_VERBS, KIND_RATINGS]) {
    for (const m of matchRules(rules, text)) {
      if (!free(m.start, m.end)) continue;
      const before = text.slice(Math.max(0, m.start - 60), m.start);
      const said = text.slice(m.start, m.end);
      out.push({
        ...m.rule.value, start: m.start, end: m.end, text: said, plural: false,
        relation: /\b(?:last|previously|formerly|once)\b/i.test(said) || /\b(?:since|after|following)\s+$/i.test(before) || /^had\s+been\b/i.test(said) ? 'prior' : /\bnext\b/i.test(said) || /\bwill\s+(?:be\s+)?$/i.test(before) ? 'future' : 'plain',
        indefinite: false, anaphoric: false, report: false, by: rules === KIND_VERBS ? 'verb' : 'rating',
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function relationBefore(before: string): Relation {
  if (FUTURE_BEFORE.test(before)) return 'future';
  if (PRIOR_BEFORE.test(before)) return 'prior';
  if (THIS_BEFORE.test(before)) return 'this';
  return 'plain';
}
