import { splitPassages } from '../../src/corpus/splitPassages';
import type { Corpus, SourceDocument } from '../../src/corpus/types';
import { buildTimeline, occurredDate, publishedDate } from '../../src/timeline/buildTimeline';
import { formatSpan } from '../../src/timeline/dates';
import type { InspectionEvent } from '../../src/timeline/types';
import { directory } from '../helpers';

function corpus(docs: { file: string; authority: string; date: string | null; title?: string; text: string }[]): Corpus {
  const documents: SourceDocument[] = docs.map((d) => ({
    file: d.file, title: d.title ?? d.text.split('\n')[0]!, authority: d.authority, publisher: null, kind: null, date: d.date,
    url: null, text: d.text, hash: d.file,
  }));
  return { dir: '/tmp', documents, passages: documents.flatMap((d) => splitPassages(d.file, d.text)), warnings: [] };
}

function describeAll(events: InspectionEvent[]): string[] {
  return events.map((e) => {
    const o = occurredDate(e);
    const p = publishedDate(e);
    const overall = e.judgements.find((j) => j.area === 'overall')?.grade;
    return [e.kind, e.number ? `#${e.number.value}` : '', o ? formatSpan(o.start, o.end) : '-', p ? `pub ${formatSpan(p.start, p.end)}` : '',
      overall ?? '', e.people.map((x) => `${x.name}/${x.role}`).join(',')].filter(Boolean).join(' ');
  });
}

describe('timeline', () => {
  describe('buildTimeline', () => {
    it('reads an Ofsted monitoring visit letter', () => {
      const text = [
        '14 March 2024',
        '',
        'Ms Jane Doe',
        'Director of Children’s Services',
        'Sandwell Metropolitan Borough Council',
        '',
        'Monitoring visit to Sandwell children’s services',
        '',
        'This letter summarises the findings of the monitoring visit to Sandwell children’s services on 6 and 7 February 2024. This visit was the fourth monitoring visit since the local authority was judged inadequate in June 2022. His Majesty’s Inspectors Peter Green and Sally Brown carried out this visit.',
        '',
        'Areas covered by the visit',
        '',
        'Inspectors evaluated the quality of the local authority’s response to children at risk of exploitation.',
        '',
        'Yours sincerely',
        '',
        'Peter Green',
        'His Majesty’s Inspector',
      ].join('\n');
      const t = buildTimeline(corpus([{ file: 'mv.txt', authority: 'Sandwell', date: '2024-03-14', text }]), directory());
      expect(describeAll(t.events)).toEqual([
        'inspection June 2022 inadequate',
        'monitoring #4 6 and 7 February 2024 Peter Green/lead,Sally Brown/inspector',
      ]);
      expect(t.events[1]!.focus[0]?.text).toMatch(/^the quality of the local authority’s response to children at risk of exploitation/);
    });

    it('reads a committee report that lists visits, counts them and expects an inspection', () => {
      const text = [
        'CHILDREN’S SCRUTINY COMMITTEE – 12 JULY 2022',
        '',
        'Background',
        '',
        '1. Following the inadequate judgement in 2019, there have been five monitoring visits in March 2020, October 2020, May 2021, November 2021 and April 2022.',
        '2. The fifth monitoring visit, led by Sarah Canto, HMI, found that progress was being made.',
        '3. Ofsted published their letter on 20 May 2022.',
        '4. A full inspection is expected in the autumn.',
        '5. An action plan must be submitted by 30 June 2022 under the Children Act 1989.',
      ].join('\n');
      const t = buildTimeline(corpus([{ file: 'cr.txt', authority: 'Torbay', date: '2022-07-12', text }]), directory());
      const visits = t.events.filter((e) => e.kind === 'monitoring');
      expect(describeAll(visits)).toEqual([
        'monitoring #1 March 2020', 'monitoring #2 October 2020', 'monitoring #3 May 2021', 'monitoring #4 November 2021',
        'monitoring #5 April 2022 pub 20 May 2022 Sarah Canto/lead',
      ]);
      expect(t.counts.map((c) => [c.kind, c.count])).toEqual([['monitoring', 5]]);
      expect(t.expectations.map((x) => formatSpan(x.date.start, x.date.end))).toEqual(['autumn 2022']);
    });

    it('reads a judgement table whose labels and grades stand on separate lines', () => {
      const text = [
        'Inspection of Kirklees local authority children’s services',
        '',
        'Inspection dates: 23 to 27 January 2023',
        'Lead inspector: Joan Smith, His Majesty’s Inspector',
        '',
        'Judgement',
        'Grade',
        'The impact of leaders on social work practice with children and families',
        'Good',
        'The experiences and progress of children who need help and protection',
        'Requires improvement to be good',
        'Adoption performance',
        'Good',
        'Overall effectiveness',
        'Good',
      ].join('\n');
      const t = buildTimeline(corpus([{ file: 'r.txt', authority: 'Kirklees', date: '2023-03-10', text }]), directory());
      expect(describeAll(t.events)).toEqual(['standard 23 to 27 January 2023 good Joan Smith/lead']);
      expect(t.events[0]!.judgements.map((j) => `${j.area}=${j.grade}`).sort()).toEqual([
        'help and protection=requires improvement', 'leaders=good', 'overall=good',
      ]);
    });

    it('merges one inspection told by two documents and keeps both grades where they disagree', () => {
      const a = 'Norfolk was inspected between 10 and 21 October 2022 and judged ‘good’.';
      const b = 'News\n\nPublished 2 December 2022\n\nThe Ofsted inspection of Norfolk in October 2022 judged the service as ‘outstanding’.';
      const t = buildTimeline(corpus([
        { file: 'a.txt', authority: 'Norfolk', date: '2022-11-20', text: a },
        { file: 'b.txt', authority: 'Norfolk', date: '2022-12-02', text: b },
      ]), directory());
      expect(t.events).toHaveLength(1);
      expect(t.events[0]!.judgements.map((j) => j.grade).sort()).toEqual(['good', 'outstanding']);
      expect(new Set(t.events[0]!.mentions.map((m) => m.file))).toEqual(new Set(['a.txt', 'b.txt']));
    });

    it('reads a JTAI letter with its theme', () => {
      const text = 'Joint targeted area inspection of the multi-agency response to children at risk of criminal exploitation in Swindon\n\nBetween 13 and 17 March 2023, Ofsted, the CQC, HMICFRS and HMIP carried out a joint inspection of the multi-agency response to children at risk of criminal exploitation in Swindon.';
      const t = buildTimeline(corpus([{ file: 'j.txt', authority: 'Swindon', date: '2023-05-01', text }]), directory());
      expect(describeAll(t.events)).toEqual(['jtai 13 to 17 March 2023']);
      expect(t.events[0]!.theme?.text).toMatch(/children at risk of criminal exploitation/);
    });

    it('reads a monitoring visit letter wrapped at a fixed width, with its signatory as the lead', () => {
      const text = [
        '2 May 2024',
        '',
        'Monitoring visit to Rotherham children’s services',
        '',
        'This letter summarises the findings of the monitoring visit to Rotherham children’s',
        'services on 3 and 4 April 2024. This was the second monitoring visit since the local',
        'authority was judged inadequate in March 2023. His Majesty’s Inspectors Anna Cole',
        'and Ben Fry carried out this visit.',
        '',
        'Inspectors evaluated the quality of support for young people leaving care, including',
        'the suitability of their accommodation.',
        '',
        'Yours sincerely',
        '',
        'Anna Cole',
        'His Majesty’s Inspector',
      ].join('\n');
      const t = buildTimeline(corpus([{ file: 'mv.txt', authority: 'Rotherham', date: '2024-05-02', text }]), directory());
      expect(describeAll(t.events)).toEqual([
        'inspection March 2023 inadequate',
        'monitoring #2 3 and 4 April 2024 Anna Cole/lead,Ben Fry/inspector',
      ]);
      expect(t.events[1]!.focus[0]?.text).toMatch(/young people leaving care, including the suitability of their accommodation$/);
    });

    it.each([
      ['its opening, before the sentence that dates it',
        'Joint targeted area inspection of the multi-agency response to child sexual\nabuse in the family environment in Luton\n\nThis letter summarises the findings of a joint targeted area inspection (JTAI)\nof the multi-agency response to child sexual abuse in the family environment in\nLuton. This inspection took place from 11 to 15 September 2023.',
        /child sexual abuse in the family environment/],
      ['the sentence that dates it',
        'Between 13 and 17 March 2023, Ofsted, the CQC, HMICFRS and HMIP carried out a joint targeted area inspection of the multi-agency response to children at risk of criminal exploitation in Luton.',
        /children at risk of criminal exploitation/],
    ])('takes a JTAI’s theme from %s', (_where, text, theme) => {
      const t = buildTimeline(corpus([{ file: 'j.txt', authority: 'Luton', date: '2023-10-20', text }]), directory());
      expect(t.events.map((e) => e.kind)).toEqual(['jtai']);
      expect(t.events[0]!.theme?.text).toMatch(theme);
    });

    it('reads the focus and the lead inspector of each visit from a table set out in columns', () => {
      const text = [
        'OVERVIEW AND SCRUTINY COMMITTEE',
        '',
        '3.1 The monitoring visits to date are set out below.',
        '',
        'Visit                 Date         Focus                              Lead HMI',
        'Monitoring visit 1    12.05.2022   Front door and thresholds          Jo Bell',
        'Monitoring visit 2    14.10.2022   Children in care and permanence    Sam Okoye',
      ].join('\n');
      const t = buildTimeline(corpus([{ file: 't.txt', authority: 'Thurrock', date: '2023-01-10', text }]), directory());
      expect(describeAll(t.events)).toEqual(['monitoring #1 12 May 2022 Jo Bell/lead', 'monitoring #2 14 October 2022 Sam Okoye/lead']);
      expect(t.events.map((e) => e.focus.map((f) => f.text))).toEqual([['Front door and thresholds'], ['Children in care and permanence']]);
    });

    it.each([
      ['The next full inspection is expected to take place no later than March 2028.', 'March 2028'],
      ['Ofsted have indicated that the re-inspection is likely to take place in the autumn of 2024.', 'autumn 2024'],
    ])('reads when the next inspection is due from %j', (sentence, when) => {
      const t = buildTimeline(corpus([{ file: 'n.txt', authority: 'Kent', date: '2024-03-01', text: sentence }]), directory());
      expect(t.expectations.map((x) => formatSpan(x.date.start, x.date.end))).toEqual([when]);
    });

    it('takes a deadline for other business as no date of the next inspection', () => {
      const text = 'Following the inspection in January 2024, the action plan will be submitted by 18 April 2024.';
      const t = buildTimeline(corpus([{ file: 'd.txt', authority: 'Kent', date: '2024-03-01', text }]), directory());
      expect(t.expectations).toEqual([]);
    });

    it('dates no visit by a period longer than a visit lasts', () => {
      const text = 'Background papers\n\nOfsted monitoring visit letters, May 2021 to January 2023\n\nThe fifth monitoring visit, in January 2023, looked at care leavers.';
      const t = buildTimeline(corpus([{ file: 'b.txt', authority: 'Bexley', date: '2023-06-01', text }]), directory());
      expect(describeAll(t.events)).toEqual(['monitoring #5 January 2023']);
    });

    it('grades the inspections a JTAI report recalls in its background, and joins them to the inspections they were', () => {
      const report = [
        'CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY PANEL',
        '',
        '16 APRIL 2024',
        '',
        'JOINT TARGETED AREA INSPECTION: OUTCOME AND ACTION PLAN',
        '',
        'Summary',
        '',
        '1. The Director of Children’s Services has been invited to update the Panel on the outcome of the joint targeted area inspection of the multi-agency response to children in need of help and protection aged under five, which took place on 22 to 26 January 2024.',
        '',
        'Background',
        '',
        '2. Ofsted’s inspection of April 2015 judged the Council’s children’s services to be ‘requires improvement’ overall.',
        '',
        '3. Following the inspection in 2018, services were judged as ‘inadequate’.',
      ].join('\n');
      const sif = 'Inspection of services for children in need of help and protection, children looked after and care leavers\n\nInspection dates: 6 April to 1 May 2015\n\nOverall judgement is that children’s services require improvement.';
      const ilacs = 'Inspection of Southampton local authority children’s services\n\nInspection dates: 16 to 27 July 2018\n\nOverall effectiveness: Inadequate';
      const t = buildTimeline(corpus([
        { file: 'panel.txt', authority: 'Southampton', date: '2024-04-16', text: report },
        { file: 'sif.txt', authority: 'Southampton', date: '2015-06-20', text: sif },
        { file: 'ilacs.txt', authority: 'Southampton', date: '2018-09-15', text: ilacs },
      ]), directory());
      expect(describeAll(t.events)).toEqual([
        'sif 6 April 2015 to 1 May 2015 requires improvement',
        'standard 16 to 27 July 2018 inadequate',
        'jtai 22 to 26 January 2024',
      ]);
      expect(t.events[0]!.mentions.map((m) => m.file)).toContain('panel.txt');
      expect(t.events[1]!.mentions.map((m) => m.file)).toContain('panel.txt');
    });

    it('joins an ungraded "inspection" on the very days of a JTAI or a visit to it, and keeps one on other days apart', () => {
      const letter = 'Joint targeted area inspection of the multi-agency response to children in need of help and protection aged under five in Herefordshire\n\nThis inspection took place from 28 October to 1 November 2024.';
      const minutes = 'Ofsted Inspection Outcome and Improvement Plan\n\nThe Director reported on the inspection of children’s services that took place from 28 October to 1 November 2024.';
      const focused = 'Focused visit to Herefordshire children’s services\n\nThis letter summarises the findings of the focused visit to Herefordshire children’s services on 20 and 21 August 2019.';
      const news = 'Ofsted inspection praises Herefordshire\n\nPublished 19 September 2019\n\nInspectors praised the service after an Ofsted inspection of children’s services on 20 and 21 August 2019.';
      const other = 'Children’s Services Update\n\nThe Director reported on the inspection of children’s services that took place from 3 to 14 March 2025.';
      const t = buildTimeline(corpus([
        { file: 'jtai.txt', authority: 'Herefordshire', date: '2024-12-06', text: letter },
        { file: 'minutes.txt', authority: 'Herefordshire', date: '2025-02-08', text: minutes },
        { file: 'fv.txt', authority: 'Herefordshire', date: '2019-09-17', text: focused },
        { file: 'news.txt', authority: 'Herefordshire', date: '2019-09-19', text: news },
        { file: 'update.txt', authority: 'Herefordshire', date: '2025-05-01', text: other },
      ]), directory());
      expect(describeAll(t.events)).toEqual([
        'focused 20 and 21 August 2019',
        'jtai 28 October 2024 to 1 November 2024',
        'inspection 3 to 14 March 2025',
      ]);
      expect(new Set(t.events[1]!.mentions.map((m) => m.file))).toEqual(new Set(['jtai.txt', 'minutes.txt']));
      expect(new Set(t.events[0]!.mentions.map((m) => m.file))).toEqual(new Set(['fv.txt', 'news.txt']));
    });

    it('takes a "full" or "standard" inspection held before ILACS began for the single inspection it was', () => {
      const sif = 'Inspection of services for children in need of help and protection, children looked after and care leavers\n\nInspection dates: 10 February to 7 March 2014\n\nOverall judgement is that children’s services require improvement.';
      const report = 'Outcome of the Ofsted Inspection of Children’s Services\n\n1. The Committee is updated on the outcome of the Ofsted Inspection of Local Authority Children’s Services (ILACS), which took place on 18 to 29 October 2021.\n\n2. The full inspection in February 2014 judged the Council’s children’s services to be ‘requires improvement’ overall.';
      const t = buildTimeline(corpus([
        { file: 'sif.txt', authority: 'Herefordshire', date: '2014-04-11', text: sif },
        { file: 'report.txt', authority: 'Herefordshire', date: '2022-01-06', text: report },
      ]), directory());
      expect(describeAll(t.events)).toEqual(['sif 10 February 2014 to 7 March 2014 requires improvement', 'standard 18 to 29 October 2021']);
      expect(t.events[0]!.mentions.map((m) => m.file)).toContain('report.txt');
    });

    it('leaves a "full inspection" before the single inspection framework of unstated framework', () => {
      const text = 'The full inspection in June 2012 judged services to be adequate. The full inspection in March 2019 judged services to be good.';
      const t = buildTimeline(corpus([{ file: 'x.txt', authority: 'Bristol', date: '2019-06-01', text }]), directory());
      expect(describeAll(t.events)).toEqual(['inspection June 2012 adequate', 'standard March 2019 good']);
    });

    it('takes no judgement from the grading scale, an aim or "good progress"', () => {
      const text = 'Ofsted grades are outstanding, good, requires improvement and inadequate. Our ambition is to be judged outstanding at the next inspection. The focused visit in May 2023 found good progress.';
      const t = buildTimeline(corpus([{ file: 'x.txt', authority: 'Bristol', date: '2023-07-01', text }]), directory());
      expect(t.events.flatMap((e) => e.judgements)).toEqual([]);
      expect(describeAll(t.events)).toEqual(['focused May 2023']);
    });
  });
});

describe('timeline of an undated document', () => {
  it('keeps a relative date as written when the document has no date to resolve it', () => {
    const text = 'Update for members\n\nThe focused visit last month looked at children in care.';
    const t = buildTimeline(corpus([{ file: 'u.txt', authority: 'Medway', date: null, text }]), directory());
    expect(t.events.map((e) => [e.kind, e.vague?.text])).toEqual([['focused', 'last month']]);
    expect(occurredDate(t.events[0]!)).toBeNull();
  });
});
