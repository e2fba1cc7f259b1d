/** The documents of the synthetic corpus: Ofsted's reports and letters, and councils' reports, news and minutes. */
import { addDays, type Day, dottedDate, longDate, monthName, monthYear, ordinalDate, season, slashedDate, spanText, type SpanStyle, weekdayDate } from './calendar';
import type { BenchArea, BenchGrade, WorldEvent } from './corpusWorld';
import { councilParagraph, findingParagraph, personName, ward } from './prose';
import type { Random } from './random';

/** A generated document and the events it reports. */
export interface GeneratedDocument {
  title: string;
  authority: string;
  publisher: string;
  /** The catalog's kind ("inspection report", "committee report", …). */
  kind: string;
  date: Day;
  url: string | null;
  text: string;
  /** Events the document is the primary source for (Ofsted's own report or letter). */
  reports: string[];
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const OFFICES = [
  'Piccadilly Gate\nStore Street\nManchester\nM1 2WD',
  'Agora\n6 Cumberland Place\nNottingham\nNG1 6HJ',
  'Clive House\n70 Petty France\nLondon\nSW1H 9EX',
  'Freshford House\nRedcliffe Way\nBristol\nBS1 6NL',
];

export function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}

/** "requires improvement to be good" as ILACS writes it; "requires improvement" as the SIF did. */
function gradeWords(g: BenchGrade, kind: 'sif' | 'standard'): string {
  return g === 'requires improvement' && kind === 'standard' ? 'requires improvement to be good' : g;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const ILACS_AREA_LABELS: Record<BenchArea, string> = {
  leaders: 'The impact of leaders on social work practice with children and families',
  'help and protection': 'The experiences and progress of children who need help and protection',
  'children in care': 'The experiences and progress of children in care',
  'care leavers': 'The experiences and progress of care leavers',
  overall: 'Overall effectiveness',
};

const SIF_AREA_LABELS: Partial<Record<BenchArea, string>> = {
  'help and protection': '1. Children who need help and protection',
  'children in care': '2. Children looked after and achieving permanence',
  leaders: '3. Leadership, management and governance',
};

function overall(e: WorldEvent): BenchGrade {
  return e.judgements.find((j) => j.area === 'overall')!.grade;
}

function ofstedUrl(rng: Random): string {
  return `https://files.ofsted.gov.uk/v1/file/${rng.int(2_000_000, 50_299_999)}`;
}

function letterHead(rng: Random, date: Day, authority: string): string {
  const dcs = personName(rng);
  return [
    'Ofsted', rng.pick(OFFICES), '', 'T 0300 123 1231\nTextphone 0161 618 8524\nenquiries@ofsted.gov.uk\nwww.gov.uk/ofsted', '',
    longDate(date), '', `${dcs}\nDirector of Children's Services\n${authority} Council`, '', `Dear ${dcs.split(' ')[0]}`,
  ].join('\n');
}

function inspectorsNamed(e: WorldEvent, rng: Random): string {
  const all = [e.lead, ...e.inspectors];
  return rng.chance(0.5)
    ? `His Majesty's Inspectors ${all.slice(0, -1).join(', ')} and ${all[all.length - 1]} carried out this visit. The lead inspector was ${e.lead}.`
    : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}, His Majesty's Inspectors, carried out this visit.\n\nLead inspector: ${e.lead}, His Majesty's Inspector`;
}

/** Ofsted's report of a standard inspection of local authority children's services (ILACS), as from 2018. */
export function ilacsReport(rng: Random, e: WorldEvent, previous: WorldEvent | null): GeneratedDocument {
  const g = overall(e);
  const rows = (['leaders', 'help and protection', 'children in care', 'care leavers', 'overall'] as BenchArea[])
    .map((area) => `${ILACS_AREA_LABELS[area]}\n${capital(gradeWords(e.judgements.find((j) => j.area === area)!.grade, 'standard'))}`);
  const since = previous && previous.judgements.length
    ? ` Since the last inspection in ${monthYear(previous.end)}, when services were judged to be ${gradeWords(overall(previous), previous.kind === 'sif' ? 'sif' : 'standard')}, leaders have continued to develop the service.`
    : '';
  const sections: string[] = [];
  let para = 1;
  for (const area of ['help and protection', 'children in care', 'care leavers', 'leaders'] as BenchArea[]) {
    const grade = e.judgements.find((j) => j.area === area)!.grade;
    sections.push(`${ILACS_AREA_LABELS[area]}: ${gradeWords(grade, 'standard')}`);
    for (let i = rng.int(3, 6); i > 0; i--) sections.push(`${para++}. ${findingParagraph(rng)}`);
  }
  const text = [
    `Inspection of ${e.authority} local authority children's services`, '',
    `Inspection dates: ${spanText(e.start, e.end, rng.pick(['to', 'dash'] as SpanStyle[]))}`,
    `Lead inspector: ${e.lead}, His Majesty's Inspector`, '',
    'Judgement\nGrade', ...rows, '',
    `Children and families in ${e.authority} receive services that are ${gradeWords(g, 'standard')}.${since} ${findingParagraph(rng, 2, 3)}`, '',
    'What needs to improve in this area of social work practice?', '',
    ...e.improvements.map((x) => `- ${x}.`), '',
    ...sections.flatMap((s) => [s, '']),
    `${para}. The local authority is required to prepare a written statement of proposed action responding to the findings outlined in this report. This should be submitted to Ofsted within 70 working days of the date of publication of this report.`, '',
    'Ofsted', `Report published: ${longDate(e.published)}`,
  ].join('\n');
  return {
    title: `Inspection of ${e.authority} local authority children's services`, authority: e.authority, publisher: 'Ofsted',
    kind: 'inspection report', date: e.published, url: ofstedUrl(rng), text, reports: [e.id],
  };
}

/** Ofsted's report of a single inspection (SIF), 2013–2017. */
export function sifReport(rng: Random, e: WorldEvent): GeneratedDocument {
  const g = overall(e);
  const rows = (['help and protection', 'children in care', 'leaders'] as BenchArea[])
    .map((area) => `${SIF_AREA_LABELS[area]}\n${capital(e.judgements.find((j) => j.area === area)!.grade)}`);
  const body: string[] = [];
  for (let i = 1; i <= rng.int(10, 18); i++) body.push(`${i}. ${findingParagraph(rng)}`);
  const text = [
    `${e.authority} Council`, '',
    'Inspection of services for children in need of help and protection, children looked after and care leavers', '', 'and', '',
    'Review of the effectiveness of the Local Safeguarding Children Board', '',
    `Inspection dates: ${spanText(e.start, e.end, 'to')}`, `Report published: ${longDate(e.published)}`, '',
    `Lead inspector: ${e.lead}, Her Majesty's Inspector`, '',
    `Children's services in ${e.authority} ${g === 'requires improvement' ? 'require improvement to be good' : `are ${g}`}`, '',
    ...rows.flatMap((r) => [r, '']),
    'What does the local authority need to improve?', '', 'Priority and immediate action', '',
    ...e.improvements.map((x, i) => `${i + 1}. ${x}.`), '',
    'Summary for children and young people', '', ...body.flatMap((p) => [p, '']),
  ].join('\n');
  return {
    title: 'Inspection of services for children in need of help and protection, children looked after and care leavers',
    authority: e.authority, publisher: 'Ofsted', kind: 'inspection report', date: e.published, url: ofstedUrl(rng), text, reports: [e.id],
  };
}

/** Ofsted's letter after a monitoring visit. */
export function monitoringLetter(rng: Random, e: WorldEvent, judged: WorldEvent): GeneratedDocument {
  const findings = Array.from({ length: rng.int(4, 7) }, () => findingParagraph(rng));
  const text = [
    letterHead(rng, e.published, e.authority), '',
    `Monitoring visit to ${e.authority} children's services`, '',
    `This letter summarises the findings of the monitoring visit to ${e.authority} children's services on ${spanText(e.start, e.end, 'and')}. ` +
      `This visit was the ${ordinal(e.number ?? 1)} monitoring visit since the local authority was judged inadequate in ${monthYear(judged.end)}. ${inspectorsNamed(e, rng)}`, '',
    'Areas covered by the visit', '',
    `Inspectors reviewed the progress made in the quality and impact of social work practice, with a particular focus on ${e.focus ?? 'children in need of help and protection'}.`, '',
    'This visit was carried out in line with the inspection of local authority children\'s services (ILACS) framework. Inspectors considered a range of evidence, including electronic case records, supervision files and notes, performance information and the local authority\'s own audits.', '',
    'Headline findings', '', findingParagraph(rng, 3, 4), '',
    'Findings and evaluation of progress', '', ...findings.flatMap((p) => [p, '']),
    'Ofsted will take the findings from this monitoring visit into account when planning your next monitoring visit.', '',
    'Yours sincerely', '', e.lead, "His Majesty's Inspector",
  ].join('\n');
  return {
    title: `Monitoring visit to ${e.authority} children's services`, authority: e.authority, publisher: 'Ofsted',
    kind: 'monitoring visit letter', date: e.published, url: ofstedUrl(rng), text, reports: [e.id],
  };
}

/** Ofsted's letter after a focused visit. */
export function focusedLetter(rng: Random, e: WorldEvent, lastGraded: WorldEvent | null): GeneratedDocument {
  const since = lastGraded ? `Since the last standard inspection in ${lastGraded.end.y}, when ${e.authority} was judged to be ${gradeWords(overall(lastGraded), 'standard')}, leaders have kept a clear focus on practice. ` : '';
  const text = [
    letterHead(rng, e.published, e.authority), '',
    `Focused visit to ${e.authority} local authority children's services`, '',
    `This letter summarises the findings of the focused visit to ${e.authority} local authority children's services on ${spanText(e.start, e.end, 'and')}. ${inspectorsNamed(e, rng)}`, '',
    `Inspectors looked at ${e.focus ?? 'the front door'}.`, '',
    'This visit was carried out in line with the inspection of local authority children\'s services (ILACS) framework. Inspectors considered a range of evidence, including electronic case records, performance information and the local authority\'s own audits.', '',
    'Headline findings', '', `${since}${findingParagraph(rng, 2, 4)}`, '',
    'What needs to improve in this area of social work practice?', '', ...e.improvements.map((x) => `- ${x}.`), '',
    'Main findings', '', ...Array.from({ length: rng.int(4, 7) }, () => findingParagraph(rng)).flatMap((p) => [p, '']),
    'Ofsted will take the findings from this focused visit into account when planning your next inspection or visit.', '',
    'Yours sincerely', '', e.lead, "His Majesty's Inspector",
  ].join('\n');
  return {
    title: `Focused visit to ${e.authority} local authority children's services`, authority: e.authority, publisher: 'Ofsted',
    kind: 'focused visit letter', date: e.published, url: ofstedUrl(rng), text, reports: [e.id],
  };
}

/** The inspectorates' letter after a joint targeted area inspection. */
export function jtaiLetter(rng: Random, e: WorldEvent): GeneratedDocument {
  const title = `Joint targeted area inspection of the multi-agency response to ${e.focus} in ${e.authority}`;
  const text = [
    longDate(e.published), '', `${personName(rng)}, Director of Children's Services, ${e.authority} Council`,
    `${personName(rng)}, Chief Executive, ${e.authority} Council`, `${personName(rng)}, Chief Constable`, '', title, '',
    `This letter summarises the findings of the joint targeted area inspection (JTAI) of the multi-agency response to ${e.focus} in ${e.authority}.`, '',
    `This inspection took place from ${spanText(e.start, e.end, 'to')}. It was carried out by inspectors from Ofsted, the Care Quality Commission (CQC), His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) and His Majesty's Inspectorate of Probation (HMI Probation). The inspection was led by ${e.lead}, His Majesty's Inspector.`, '',
    'Headline findings', '', findingParagraph(rng, 3, 5), '',
    'What needs to improve?', '', ...e.improvements.map((x) => `- ${x}.`), '',
    'Strengths', '', ...Array.from({ length: rng.int(3, 5) }, () => findingParagraph(rng)).flatMap((p) => [p, '']),
    'Yours sincerely', '', e.lead, "His Majesty's Inspector",
  ].join('\n');
  return { title, authority: e.authority, publisher: 'Ofsted, CQC, HMICFRS and HMI Probation', kind: 'joint targeted area inspection letter', date: e.published, url: ofstedUrl(rng), text, reports: [e.id] };
}

const PANELS = ['Children and Families Overview and Scrutiny Panel', 'Children and Young People Scrutiny Committee',
  'Education and Young People Overview and Scrutiny Committee', 'Corporate Parenting Board', 'Children’s Services Scrutiny Board',
  'People Scrutiny Committee'];

function eventPhrase(e: WorldEvent): string {
  switch (e.kind) {
    case 'monitoring': return `Ofsted's ${ordinal(e.number ?? 1)} monitoring visit of the Council's children's services`;
    case 'focused': return 'the Ofsted focused visit of the Council\'s children\'s services';
    case 'jtai': return `the joint targeted area inspection of the multi-agency response to ${e.focus}`;
    case 'sif': return 'the Ofsted inspection of services for children in need of help and protection, children looked after and care leavers';
    case 'standard': return 'the Ofsted Inspection of Local Authority Children\'s Services (ILACS)';
  }
}

function historySentence(p: WorldEvent, rng: Random): string | null {
  if (!p.judgements.length) return null;
  const g = gradeWords(overall(p), p.kind === 'sif' ? 'sif' : 'standard');
  return rng.pick([
    `In ${monthYear(p.end)} the local authority was inspected by Ofsted and judged '${g}'.`,
    `Ofsted's inspection of ${monthName(p.start)} ${p.start.y} judged the Council's children's services to be '${g}' overall.`,
    `Following the inspection in ${p.end.y}, services were judged as '${g}'.`,
  ]);
}

/** A council's committee report on an event, with numbered paragraphs and the history before it. */
export function committeeReport(rng: Random, e: WorldEvent, before: WorldEvent[], next: WorldEvent | null, meeting: Day): GeneratedDocument {
  const panel = rng.pick(PANELS);
  const title = e.kind === 'monitoring' ? 'Children\'s Social Care Service – Ofsted Monitoring Visit Feedback'
    : e.kind === 'focused' ? 'Outcome of the Ofsted Focused Visit'
      : e.kind === 'jtai' ? 'Joint Targeted Area Inspection: Outcome and Action Plan'
        : 'Outcome of the Ofsted Inspection of Children\'s Services';
  const style = rng.pick(['and', 'dash', 'to', 'monthYear'] as SpanStyle[]);
  const when = style === 'monthYear' ? `in ${monthYear(e.end)}` : `on ${spanText(e.start, e.end, style)}`;
  const paras: string[] = [];
  paras.push(`The Cabinet Member with Responsibility for Children and Families and the Director of Children's Services have been invited to the meeting to update the ${panel.includes('Board') ? 'Board' : 'Committee'} on the outcome of ${eventPhrase(e)}, which took place ${when}.`);
  const background: string[] = [];
  for (const p of before.filter((x) => x.judgements.length).slice(-2)) {
    const s = historySentence(p, rng);
    if (s) background.push(s);
  }
  if (e.kind === 'monitoring') {
    const series = before.filter((x) => x.kind === 'monitoring' && x.number !== null && x.number < (e.number ?? 0)).concat(e);
    background.push(`As a result of the inadequate judgement, Ofsted put in place a series of Monitoring Visits to track the Council's progress. To date there have been ${series.length === 1 ? 'one such visit' : `${series.length} such visits`} in ${series.map((x) => monthYear(x.start)).join(', ').replace(/, ([^,]*)$/, ' and $1')}.`);
  }
  const detail: string[] = [];
  const others = e.inspectors.join(' and ');
  if (e.kind === 'monitoring') {
    detail.push(`The visit focused on ${e.focus}. ${e.lead} Her Majesty's Inspector (HMI) from Ofsted, led the inspection, working alongside fellow Ofsted inspector ${others}, (HMI).`);
    detail.push(`Ofsted published their letter outlining the results of the visit on ${longDate(e.published)}. There are no judgements made, but instead a statement summarising the direction of travel.`);
  } else if (e.judgements.length) {
    const g = gradeWords(overall(e), e.kind === 'sif' ? 'sif' : 'standard');
    detail.push(`An Ofsted Inspection took place ${when} and a judgement of '${g}' was awarded. The inspection was led by ${e.lead}, His Majesty's Inspector.`);
    detail.push(`The inspection identified ${e.improvements.length} areas that needed to be addressed to improve.`);
  } else {
    detail.push(`The visit was led by ${e.lead}, His Majesty's Inspector. Inspectors looked at ${e.focus}.`);
  }
  if (next && next.kind === 'standard' && next.start.y === meeting.y + (next.start.m < meeting.m ? 1 : 0) && (next.start.m - meeting.m + 12) % 12 <= 8 && (next.start.m - meeting.m + 12) % 12 >= 2) {
    detail.push(`A full inspection can be expected in the ${season(next.start)}.`);
  }
  const ps = [...paras, ...background, ...detail, councilParagraph(rng), councilParagraph(rng)];
  const headings = ['Summary', 'Background', `Feedback from Ofsted${e.kind === 'monitoring' ? ` Monitoring Visit – No.${e.number}` : ''}`, 'Next Steps'];
  const lines: string[] = [panel.toUpperCase(), '', longDate(meeting).toUpperCase(), '', title.toUpperCase(), ''];
  let n = 1;
  const blocks = [paras, background, detail, ps.slice(paras.length + background.length + detail.length)];
  blocks.forEach((block, i) => {
    if (!block.length) return;
    lines.push(headings[i]!, '');
    for (const p of block) lines.push(`${n++}. ${p}`, '');
  });
  lines.push('Contact Points', '', `${personName(rng)}, Overview and Scrutiny Officer`, `Email: scrutiny@${e.authority.toLowerCase().replace(/[^a-z]+/g, '')}.gov.uk`);
  return { title, authority: e.authority, publisher: `${e.authority} Council – ${panel}`, kind: 'committee report', date: meeting, url: null, text: lines.join('\n'), reports: [] };
}

/** A council's news item about an event. */
export function newsItem(rng: Random, e: WorldEvent): GeneratedDocument {
  const date = addDays(e.published, rng.int(0, 2));
  const g = e.judgements.length ? gradeWords(overall(e), e.kind === 'sif' ? 'sif' : 'standard') : null;
  const title = g ? `Ofsted rates ${e.authority} children's services '${g}'`
    : e.kind === 'monitoring' ? 'Evidence of improvement identified in latest Ofsted monitoring visit'
      : `Ofsted ${e.kind === 'jtai' ? 'inspection' : 'visit'} recognises strengths in ${e.authority}`;
  const cllr = personName(rng);
  // The month alone, as news items write it, when the visit was in the same year as the news.
  const month = e.end.y === date.y && e.end.m !== date.m ? `in ${monthName(e.end)}` : `in ${monthYear(e.end)}`;
  const lead = g
    ? `Children's services in ${e.authority} have been judged '${g}' by Ofsted following an inspection ${month}.`
    : `A letter published today by Ofsted following a ${e.kind === 'monitoring' ? 'monitoring visit' : e.kind === 'focused' ? 'focused visit' : 'joint targeted area inspection'} ${month} has found evidence of improvement.`;
  const text = [
    title, '', `Published ${weekdayDate(date)}`, '', lead, '',
    `Her Majesty's Inspector ${e.lead} made it clear that ${findingParagraph(rng, 1, 1).replace(/^./, (c) => c.toLowerCase())}`, '',
    `Councillor ${cllr}, Cabinet Member for Children and Families, said: "Our staff are working very hard to deliver the improvements that children and families need. We have more to do, and we remain absolutely committed to it."`, '',
    councilParagraph(rng), '', councilParagraph(rng),
  ].join('\n');
  return { title, authority: e.authority, publisher: `${e.authority} Council – news`, kind: 'news item', date, url: null, text, reports: [] };
}

/** Minutes of a meeting that heard about an event, with dates as minutes write them. */
export function minutes(rng: Random, e: WorldEvent, meeting: Day, item: number): GeneratedDocument {
  const committee = rng.pick(PANELS);
  const title = e.kind === 'focused' ? 'Ofsted Focused Visit Outcome' : e.kind === 'monitoring' ? 'Ofsted Monitoring Visit Update' : 'Ofsted Inspection Outcome and Improvement Plan';
  const dated = e.kind === 'focused'
    ? `The focused visit, which began on ${dottedDate(e.start)}, looked at ${e.focus}.`
    : e.kind === 'monitoring'
      ? `The ${ordinal(e.number ?? 1)} monitoring visit took place on ${spanText(e.start, e.end, 'and')} and looked at ${e.focus}.`
      : `The Director reported on the inspection of children's services that took place ${spanText(e.start, e.end, 'to').includes(' to ') ? `from ${spanText(e.start, e.end, 'to')}` : `on ${spanText(e.start, e.end, 'to')}`}.`;
  const text = [
    'Issue - meetings', '', title, '', `Meeting: ${slashedDate(meeting)} - ${committee} (Item ${item})`, '',
    `${item} ${title} pdf icon PDF ${rng.int(80, 480)} KB`, '',
    `The Cabinet Member for Children's Social Care introduced the report on the ${title.toLowerCase().replace('ofsted', 'Ofsted')}.`, '',
    dated, '', councilParagraph(rng), '', councilParagraph(rng), '', councilParagraph(rng), '',
    'The Committee resolved to:', '', '(i)   Note the report; and', '', `(ii)   Receive a further update at its meeting in ${monthName(addDays(meeting, rng.int(90, 150)))}.`,
  ].join('\n');
  return { title, authority: e.authority, publisher: `${e.authority} Council – ${committee}`, kind: 'meeting minutes', date: meeting, url: null, text, reports: [] };
}

const FILLER_TOPICS = ['Children’s Services Performance Report', 'Corporate Parenting Annual Report', 'Placement Sufficiency Strategy',
  'Social Work Workforce Strategy', 'Budget Monitoring: Children and Families', 'Family Hubs Programme Update',
  'Annual Report of the Independent Reviewing Officer Service', 'Fostering Service Annual Report', 'Youth Justice Plan',
  'Safeguarding Partnership Annual Report', 'SEND Transformation Programme', 'Early Help Strategy Refresh'];

/** A council paper on something else: how most of a council's children's services papers read. */
export function fillerPaper(rng: Random, authority: string, date: Day, paragraphs: number): GeneratedDocument {
  const topic = rng.pick(FILLER_TOPICS);
  const panel = rng.pick(PANELS);
  const lines = [panel.toUpperCase(), '', ordinalDate(date), '', topic, '', 'Summary', ''];
  for (let i = 1; i <= paragraphs; i++) {
    if (i === Math.ceil(paragraphs / 2)) lines.push(rng.pick(['Key Issues', 'Performance', 'Progress in the Year', 'Members’ Questions']), '');
    lines.push(`${i}. ${rng.chance(0.5) ? councilParagraph(rng) : findingParagraph(rng, 2, 4)}`, '');
  }
  lines.push(`Contact Officer: ${personName(rng)}, ${rng.pick(['Head of Service', 'Assistant Director', 'Service Manager'])}, ${ward(rng)} Office`);
  return { title: topic, authority, publisher: `${authority} Council – ${panel}`, kind: 'committee report', date, url: null, text: lines.join('\n'), reports: [] };
}
