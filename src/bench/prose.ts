/** Ordinary council and inspection prose for the synthetic corpus: sentences built from varied parts. */
import type { Random } from './random';

const SUBJECTS = ['Social workers', 'Team managers', 'Senior leaders', 'Partner agencies', 'Independent reviewing officers',
  'Personal advisers', 'Practice supervisors', 'Early help practitioners', 'The principal social worker', 'Foster carers',
  'Elected members', 'Health colleagues', 'The virtual school', 'Service managers', 'Family support workers'];

const PREDICATES = [
  'know the children they work with well and speak about them with warmth',
  'have caseloads that allow them to spend time with children and their families',
  'receive regular supervision, although it is not always reflective',
  'visit children at a frequency that matches their needs',
  'record their work in a way that children will be able to understand when they read their records later',
  'understand the threshold document and apply it consistently',
  'make timely referrals when concerns about a child first arise',
  'attend strategy discussions and share the information they hold',
  'use a range of tools to understand the wishes and feelings of children',
  'have access to a wide range of training, including on neglect and contextual safeguarding',
  'are clear about the priorities in the improvement plan',
  'challenge each other constructively at the multi-agency safeguarding partnership',
  'track the progress of children’s plans through regular performance meetings',
  'are ambitious for children in care and celebrate their achievements',
  'work closely with schools to improve attendance and reduce exclusions',
  'have strengthened the oversight of children placed out of the area',
  'review the quality of practice through monthly audits with the social worker and the family',
  'help young people to find suitable accommodation and to manage their tenancies',
];

const OPENERS = ['', '', '', 'In most cases, ', 'However, ', 'Increasingly, ', 'For a small number of children, ',
  'Across the service, ', 'In the east of the area, ', 'Since the restructure of the service, ', 'Overall, ',
  'In the assessment teams, ', 'As a result, '];

const TAILS = ['', '', '', ', which means that children receive help at the right time',
  ', although this is not yet consistent across all teams',
  ', and this is helping to reduce drift and delay for children',
  ' and families say that they feel listened to',
  ', so children’s circumstances are better understood',
  ', but the impact of this work is not yet fully evident'];

const COUNCIL_SENTENCES = [
  'Members asked about the number of agency social workers and were told that the proportion had fallen to {pct}% over the year.',
  'The Committee noted that caseloads in the assessment service averaged {n} children per worker.',
  'A Member asked how the service was working with schools to improve attendance, and officers described the work of the attendance panel.',
  'The Director explained that the number of children in care had risen to {n3}, in line with statistical neighbours.',
  'Officers reported that {pct}% of children’s assessments had been completed within 45 working days.',
  'The Committee welcomed the progress made on recruitment and asked for a further update at a future meeting.',
  'The budget for placements was forecast to overspend by £{money} million, mainly because of the cost of residential care.',
  'Members were pleased to hear that {n} foster carers had been approved since April.',
  'The Chair thanked officers for the report and for their continued hard work on behalf of children and families.',
  'The report set out the priorities of the improvement plan and the measures used to track its progress.',
  'The Cabinet Member highlighted the work of the family hubs in {ward} and {ward2}.',
  'Officers confirmed that the quality assurance framework had been refreshed and that audits were moderated each month.',
  'The Committee asked for the performance scorecard to include the timeliness of initial health assessments.',
  'Members discussed the sufficiency strategy and the plan to open two small children’s homes in {ward}.',
  'The Principal Social Worker described the new practice model and the training delivered to {n3} staff.',
];

const WARDS = ['Northfield', 'Castle', 'Abbey', 'Riverside', 'Hillside', 'Moorlands', 'St Mary’s', 'Westgate', 'Eastbrook',
  'Park', 'Millbrook', 'Church Hill', 'Oakwood', 'Harbour', 'Kingsway', 'Greenfields', 'Central', 'Valley'];

/** A sentence of findings such as an Ofsted letter or report writes. */
export function findingSentence(rng: Random): string {
  const opener = rng.pick(OPENERS);
  const subject = rng.pick(SUBJECTS);
  const s = `${opener}${opener ? subject.charAt(0).toLowerCase() + subject.slice(1) : subject} ${rng.pick(PREDICATES)}${rng.pick(TAILS)}.`;
  return s.replace(/^the /, 'The ').replace(/, the principal/, ', the principal');
}

/** A paragraph of findings: three to five sentences. */
export function findingParagraph(rng: Random, min = 3, max = 5): string {
  const n = rng.int(min, max);
  return Array.from({ length: n }, () => findingSentence(rng)).join(' ');
}

/** A sentence of committee minutes or a council report, with its figures filled in. */
export function councilSentence(rng: Random): string {
  return rng.pick(COUNCIL_SENTENCES)
    .replace('{pct}', String(rng.int(8, 92)))
    .replace('{n3}', String(rng.int(120, 980)))
    .replace('{n}', String(rng.int(9, 26)))
    .replace('{money}', `${rng.int(1, 9)}.${rng.int(1, 9)}`)
    .replace('{ward2}', rng.pick(WARDS))
    .replace('{ward}', rng.pick(WARDS));
}

/** A paragraph of a council paper: two to four sentences. */
export function councilParagraph(rng: Random, min = 2, max = 4): string {
  const n = rng.int(min, max);
  return Array.from({ length: n }, () => councilSentence(rng)).join(' ');
}

const COUNCILLOR_FIRST = ['Andy', 'Marcus', 'Nasreen', 'Helen', 'Richard', 'Sue', 'Tariq', 'Joanne', 'Peter', 'Claire', 'Amrit', 'Gill'];
const COUNCILLOR_LAST = ['Roberts', 'Akhtar', 'Hughes', 'Patel', 'Morgan', 'Dunn', 'Walsh', 'Begum', 'Fletcher', 'Grant', 'Singh', 'Price'];

export function personName(rng: Random): string {
  return `${rng.pick(COUNCILLOR_FIRST)} ${rng.pick(COUNCILLOR_LAST)}`;
}

export function ward(rng: Random): string {
  return rng.pick(WARDS);
}
