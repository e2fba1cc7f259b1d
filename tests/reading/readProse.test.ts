import { splitPassages } from '../../src/corpus/splitPassages';
import type { Corpus, SourceDocument } from '../../src/corpus/types';
import { buildTimeline, occurredDate, publishedDate } from '../../src/timeline/buildTimeline';
import { formatSpan } from '../../src/timeline/dates';
import type { InspectionEvent } from '../../src/timeline/types';
import { directory } from '../helpers';

interface Doc { file: string; date?: string | null; title?: string; publisher?: string; kind?: string; text: string }

function timeline(docs: Doc[], authority = 'Northumberland'): InspectionEvent[] {
  const documents: SourceDocument[] = docs.map((d) => ({
    file: d.file, title: d.title ?? d.text.split('\n')[0]!, authority, publisher: d.publisher ?? null, kind: d.kind ?? null,
    date: d.date ?? null, url: null, text: d.text, hash: d.file,
  }));
  const corpus: Corpus = { dir: '/tmp', documents, passages: documents.flatMap((d) => splitPassages(d.file, d.text)), warnings: [] };
  return buildTimeline(corpus, directory()).events;
}

/** "kind date overall lead", one line an event. */
function lines(events: InspectionEvent[]): string[] {
  return events.map((e) => {
    const o = occurredDate(e);
    const overall = e.judgements.find((j) => j.area === 'overall')?.grade;
    const lead = e.people.find((p) => p.role === 'lead')?.name;
    return [e.kind, o ? formatSpan(o.start, o.end) : 'undated', overall, lead].filter(Boolean).join(' | ');
  });
}

describe('readProse: what a council or newspaper page says happened', () => {
  it('dates the visit a paragraph told of by "inspectors were back on …" in the next, at the more precise date', () => {
    const events = timeline([{ file: 'scrutiny.txt', date: '2024-11-20', text: [
      'Scrutiny Panel – minutes',
      '',
      'The Assistant Director introduced the report on the third monitoring visit since the inadequate judgement that followed the 2023 inspection.',
      '',
      'Inspectors were back in October, on Wednesday 2 and Thursday 3 October, and this time they looked at children on the edge of care.',
    ].join('\n') }]);
    expect(lines(events)).toEqual(expect.arrayContaining(['monitoring | 2 and 3 October 2024']));
    expect(events.find((e) => e.kind === 'monitoring')?.number?.value).toBe(3);
  });

  it('dates an event named after other business ("introduced the report on the visit carried out on …")', () => {
    const events = timeline([{ file: 'minutes.txt', text: [
      'Agenda item: focused visit',
      '',
      'The Assistant Director introduced the report on the Ofsted focused visit carried out on 11 and 12 February 2025, which looked at care leavers. The letter was published on 14 March 2025.',
    ].join('\n') }]);
    expect(lines(events)).toEqual(['focused | 11 and 12 February 2025']);
  });

  it('reads "the third visit since the inadequate judgement had taken place in …" as the visit’s date, and grades no visit', () => {
    const events = timeline([{ file: 'minutes.txt', date: '2025-04-02', text: [
      'Scrutiny Committee – minutes',
      '',
      'The last full inspection, in November 2023, had judged children’s services inadequate.',
      '',
      'The first monitoring visit had taken place in April 2024 and the third visit since the inadequate judgement had taken place in February 2025, when inspectors looked at care leavers.',
    ].join('\n') }]);
    expect(lines(events)).toEqual(['standard | November 2023 | inadequate', 'monitoring | April 2024', 'monitoring | February 2025']);
    expect(events.filter((e) => e.kind === 'monitoring').flatMap((e) => e.judgements)).toEqual([]);
  });

  it('gives an undated "had judged" to the earlier inspection its clause names, not to an event of its own', () => {
    const events = timeline([{ file: 'minutes.txt', date: '2025-04-02', text: [
      'Scrutiny Committee – minutes',
      '',
      'The last full inspection, in November 2023, had judged children’s services inadequate.',
    ].join('\n') }]);
    expect(lines(events)).toEqual(['standard | November 2023 | inadequate']);
  });

  it('does not place an undated page’s inspection after dates of what is to come', () => {
    const events = timeline([{ file: 'minutes.txt', title: 'Ofsted Inspection of Local Authority Children’s Services - Report', text: [
      'Ofsted Inspection of Local Authority Children’s Services - Report',
      '',
      'The Committee noted the judgements: requires improvement to be good overall.',
      '',
      'The Director said Ofsted would carry out a standard inspection within about three years. Under the arrangements that would apply from April 2026, there would be no overall grade.',
      '',
      'RESOLVED: That the Committee receive progress reports, the first at its meeting in June 2025.',
    ].join('\n') }]);
    const graded = events.filter((e) => e.judgements.length > 0);
    expect(graded).toHaveLength(1);
    expect(graded[0]!.after?.text ?? '').not.toMatch(/2025|2026/);
  });

  it('does not take "inspectors returned" for the event before it when that one has a date of its own', () => {
    const events = timeline([{ file: 'news.txt', date: '2024-11-20', text: [
      'Ofsted visits again',
      '',
      'The first monitoring visit took place on 5 and 6 March 2024.',
      '',
      'Inspectors returned on 9 and 10 July 2024 for the second monitoring visit.',
    ].join('\n') }]);
    expect(lines(events)).toEqual(['monitoring | 5 and 6 March 2024', 'monitoring | 9 and 10 July 2024']);
  });

  it('keeps an inspection still to come out of the record, in a paper with no date of its own', () => {
    const events = timeline([{ file: 'minutes.txt', text: [
      'Children’s Services Committee – minutes',
      '',
      'Members noted that the inspection in March 2025 had judged services good overall.',
      '',
      '- the next expected Ofsted activity was a focused visit, probably in 2026, with a short inspection to follow in 2028;',
    ].join('\n') }]);
    expect(lines(events)).toEqual(['inspection | March 2025 | good']);
  });

  it('gives a judgement to the inspection the sentence reports, not the earlier one it recalls', () => {
    const events = timeline([{ file: 'news.txt', date: '2024-06-21', text: [
      'Northumberland children’s services still require improvement',
      '',
      'Inspectors spent two weeks in the county between 13 and 24 May. Their report, published yesterday, judges the service to require improvement to be good overall, having been rated inadequate in 2019.',
      '',
      'The experiences and progress of children in care were judged good.',
    ].join('\n') }]);
    const [earlier, latest] = events;
    expect(lines(events)).toEqual(['inspection | 2019 | inadequate', 'inspection | 13 to 24 May 2024 | requires improvement']);
    expect(latest!.judgements.map((j) => j.area)).toContain('children in care');
    expect(earlier!.judgements.map((j) => j.area)).toEqual(['overall']);
  });

  it('gives an inspector speaking of an earlier visit to the inspection the page reports', () => {
    const events = timeline([{ file: 'release.txt', date: '2024-07-02', text: [
      'Ofsted rates Northumberland children’s services good',
      '',
      'Ofsted inspected the council’s children’s services from 3 to 14 June 2024 and judged them good.',
      '',
      'Lead inspector Ann Cole said the council had responded well to the 2021 focused visit.',
    ].join('\n') }]);
    expect(lines(events)).toEqual(['focused | 2021', 'inspection | 3 to 14 June 2024 | good | Ann Cole']);
  });

  it('reads the dates of a work programme’s rows as its meetings', () => {
    const events = timeline([{ file: 'programme.txt', date: '2025-04-01', title: 'Scrutiny Committee – Work Programme 2025/26', text: [
      'Scrutiny Committee',
      'Work Programme 2025/26',
      '',
      'Item | Meeting | Lead',
      'JTAI outcome letter and partnership response | w/c 12 May 2025 | Head of Early Help',
      '10 June 2025 | Ofsted focused visit – findings | Director of Children’s Services',
    ].join('\n') }]);
    expect(events).toEqual([]);
  });

  it('reads a short inspection in a paper titled with the framework’s name as the paper’s inspection', () => {
    const events = timeline([{ file: 'cabinet.txt', date: '2023-12-12', title: 'Ofsted inspection of local authority children’s services', text: [
      'Ofsted inspection of local authority children’s services',
      '',
      '1. To inform Cabinet of the outcome of the Ofsted inspection.',
      '',
      '2. Ofsted carried out a short inspection of children’s services from 25 to 29 September 2023. Overall effectiveness was judged to be good.',
    ].join('\n') }]);
    expect(lines(events)).toEqual(['short | 25 to 29 September 2023 | good']);
  });

  it('reads a date in brackets after "today" as the day of publication', () => {
    const events = timeline([{ file: 'release.txt', text: [
      'Good rating for Northumberland children’s services',
      '',
      'Ofsted has today (16 March) published the council’s new rating, following a full inspection in February 2020.',
    ].join('\n') }]);
    expect(events.map((e) => publishedDate(e)?.text)).toEqual(['16 March']);
  });

  it('reads four inspectorates together as a joint targeted area inspection', () => {
    const events = timeline([{ file: 'news.txt', date: '2025-04-08', text: [
      'Agencies work well together, inspectors find',
      '',
      'Police, health services and the council are working well together, according to a joint report by four inspectorates.',
      '',
      'Inspectors from Ofsted, the Care Quality Commission, HM Inspectorate of Constabulary and HM Inspectorate of Probation spent a week in the county in February looking at how agencies respond to children at risk of exploitation.',
    ].join('\n') }]);
    expect(lines(events)).toEqual(['jtai | February 2025']);
  });

  it('believes the council’s minutes over a newspaper where their days differ, and keeps both', () => {
    const events = timeline([
      { file: 'paper.txt', date: '2023-05-03', publisher: 'Northumberland Evening Star', kind: 'newspaper article', text: 'County rated inadequate\n\nThe report follows an inspection carried out between 6 and 16 March 2023, which judged services inadequate.' },
      { file: 'minutes.txt', date: '2024-06-12', publisher: 'Northumberland County Council – Scrutiny Committee', kind: 'committee minutes', text: 'Scrutiny minutes\n\nThe committee was reminded that the inspection of 6–17 March 2023 had judged children’s services inadequate.' },
    ]);
    expect(lines(events)).toEqual(['inspection | 6 to 17 March 2023 | inadequate']);
    expect(events[0]!.occurred.map((o) => o.text).sort()).toEqual(['6 and 16 March 2023', '6–17 March 2023']);
  });
});
