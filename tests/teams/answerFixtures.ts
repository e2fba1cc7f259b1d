/** Answers as the engine gives them for the seed corpus, and generated ones that push Teams' limits. */
import type { Answer, Citation, Fact } from '../../src/answer/types';

const MV_FEEDBACK = {
  source: '001_2d1bfb7a07081a1a.txt',
  title: "Children's Social Care Service – Ofsted Monitoring Visit Feedback",
  date: '2019-03-06',
  url: null,
} as const;

const WCF_ILACS = {
  source: '000_86a8131df8e299f6.txt',
  // 112 characters: longer than a Teams citation name may be.
  title: 'Worcestershire Children First – Ofsted Inspection of Worcestershire Local Authority Childrens Services (ILACS)',
  date: '2023-09-27',
  url: null,
} as const;

const SEVEN_VISITS: Citation = {
  ...MV_FEEDBACK,
  paragraph: '4',
  quote: 'To date there have been seven such visits in May 2017, September 2017, January 2018, April 2018, July 2018, ' +
    'October 2018 and January 2019.',
};

const SEPTEMBER_LETTER: Citation = {
  source: '003_b3a3b50b9d6fd335.txt',
  title: 'Evidence of improvement identified in latest Ofsted monitoring visit',
  date: '2017-10-12',
  paragraph: '5',
  quote: "However, in a letter published today by Ofsted following a monitoring visit in September, Her Majesty's " +
    'Inspector Dominic Stevens made it clear that services for children in Worcestershire require much further progress.',
  url: 'https://example.org/news/evidence-of-improvement-in-latest-ofsted-monitoring-visit',
};

const JANUARY_VISIT: Citation = {
  ...MV_FEEDBACK,
  paragraph: '1',
  quote: "which took place on 8 and 9 January 2019 and focused on the local authority's arrangements for the protection " +
    'of children and young people vulnerable to child sexual exploitation and who go missing from home or care.',
};

function visit(value: string, date: string, citations: number[]): Fact {
  return {
    label: 'monitoring visit',
    value,
    date,
    eventId: `worcestershire:monitoring:${date}`,
    kind: 'monitoring',
    judgement: null,
    citations,
  };
}

/** "List Worcestershire's monitoring visits": seven facts, three citations, one with a web address. */
export const WORCESTERSHIRE_VISITS: Answer = {
  status: 'answered',
  answer: 'Worcestershire has had 7 monitoring visits on record: May 2017 [1]; September 2017 [1][2]; January 2018 [1]; ' +
    'April 2018 [1]; July 2018 [1]; October 2018 [1]; 8 and 9 January 2019 [1][3].',
  authority: 'Worcestershire',
  facts: [
    visit('May 2017', '2017-05', [1]),
    visit('September 2017', '2017-09', [1, 2]),
    visit('January 2018', '2018-01', [1]),
    visit('April 2018', '2018-04', [1]),
    visit('July 2018', '2018-07', [1]),
    visit('October 2018', '2018-10', [1]),
    visit('8 and 9 January 2019', '2019-01-08', [3, 1]),
  ],
  citations: [SEVEN_VISITS, SEPTEMBER_LETTER, JANUARY_VISIT],
};

/** "How many monitoring visits has Worcestershire had?": one fact, so no card. */
export const WORCESTERSHIRE_VISIT_COUNT: Answer = {
  status: 'answered',
  answer: 'Worcestershire has had 7 monitoring visits (as of 6 March 2019), the first in May 2017 and the latest in ' +
    'January 2019 [1].',
  authority: 'Worcestershire',
  facts: [{
    label: 'number of monitoring visits', value: '7', date: '2019-03-06', eventId: null, kind: null, judgement: null,
    citations: [1],
  }],
  citations: [SEVEN_VISITS],
};

/** "Show the inspection history of Worcestershire": graded inspections and visits, every judgement colour. */
export const WORCESTERSHIRE_HISTORY: Answer = {
  status: 'answered',
  answer: "Worcestershire's inspection history on record (5 events, oldest first): single inspection, 2016, judged " +
    'inadequate [1]; monitoring visit no. 2, September 2017 [2][3]; monitoring visit no. 7, 8 and 9 January 2019 ' +
    '[2][4]; standard inspection, June 2019, judged requires improvement [5]; standard inspection, 15 to 26 May ' +
    '2023, judged good [6].',
  authority: 'Worcestershire',
  facts: [
    { label: 'single inspection', value: '2016', date: '2016', eventId: 'worcestershire:sif:2016', kind: 'sif', judgement: 'inadequate', citations: [1] },
    visit('September 2017', '2017-09', [2, 3]),
    visit('8 and 9 January 2019', '2019-01-08', [4, 2]),
    { label: 'standard inspection', value: 'June 2019', date: '2019-06', eventId: 'worcestershire:standard:2019-06', kind: 'standard', judgement: 'requires improvement', citations: [5] },
    { label: 'standard inspection', value: '15 to 26 May 2023', date: '2023-05-15', eventId: 'worcestershire:standard:2023-05-15', kind: 'standard', judgement: 'good', citations: [6] },
  ],
  citations: [
    {
      ...WCF_ILACS,
      paragraph: '2',
      quote: "In 2016 the local authority was judged 'inadequate' and following statutory direction from the Department " +
        'for Education, the Council agreed to work in partnership to create Worcestershire Children First (WCF) a ' +
        'wholly owned Council Company.',
    },
    SEVEN_VISITS,
    SEPTEMBER_LETTER,
    JANUARY_VISIT,
    {
      ...WCF_ILACS,
      paragraph: '3',
      quote: 'In June 2019, with progress having been made in many areas where improvements were needed, a further ' +
        'Ofsted inspection of the services for children and families took place and the service was judged as ' +
        "'requires improvement to be good'.",
    },
    {
      ...WCF_ILACS,
      paragraph: '5',
      quote: "An Ofsted Inspection of WCF took place between 15 – 26 May 2023 and a judgement of 'good' was awarded " +
        '(Ofsted Report attached at Appendix 1).',
    },
  ],
};

/** "When was the last inspection?" with no authority: three authorities to choose from. */
export const LAST_INSPECTION_AMBIGUOUS: Answer = {
  status: 'ambiguous',
  answer: 'Which authority do you mean? On record: Barking and Dagenham: February 2019 to March 2019 [1]; ' +
    'Oxfordshire: February 2024 [2]; Worcestershire: 15 to 26 May 2023 [3]. Ask again naming one, for example ' +
    '“when was the last inspection for Barking and Dagenham”.',
  authority: null,
  facts: [],
  citations: [
    {
      source: '004_af83ce42ede04e54.txt',
      title: "Children's Care and Support Self-Evaluation and OFSTED Inspection Readiness",
      date: '2023-05-17',
      paragraph: '7',
      quote: 'Children’s Care and Support (Children’s Social Care) was last the subject of a full OFSTED Inspection of ' +
        'Local Authority Children’s Services (ILACS) inspection in February and March of 2019.',
      url: null,
    },
    {
      source: '002_bafe8324dc1c07ae.txt',
      title: "Inspection of Local Authority Children's Services (ILACS) Outcome Report",
      date: '2024-05-20',
      paragraph: '2',
      quote: "This report shares the outcome of Oxfordshire's recent inspection, which took place in February 2024, " +
        'with the report being published on the Ofsted website on 9th April 2024.',
      url: null,
    },
    { ...WCF_ILACS, paragraph: '5', quote: "An Ofsted Inspection of WCF took place between 15 – 26 May 2023 and a judgement of 'good' was awarded (Ofsted Report attached at Appendix 1)." },
  ],
  choices: ['Barking and Dagenham', 'Oxfordshire', 'Worcestershire'],
};

/** An answer with nothing on record: no citations, no facts. */
export const BARKING_IMPROVE_NOT_FOUND: Answer = {
  status: 'not_found',
  answer: "The areas for improvement from Barking and Dagenham's standard inspection (February 2019 to March 2019) " +
    'are not on record.',
  authority: 'Barking and Dagenham',
  facts: [],
  citations: [],
};

/** `n` distinct citations of monitoring visit letters, the nth dated n months after January 2000. */
export function manyCitations(n: number): Citation[] {
  return Array.from({ length: n }, (_, i) => ({
    source: `${String(i).padStart(3, '0')}_monitoring_visit_letter.txt`,
    title: `Monitoring visit of Worcestershire local authority children’s services: letter ${i + 1}`,
    date: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    paragraph: String(i + 1),
    quote: `This visit was the ${i + 1}th monitoring visit since the local authority was judged inadequate, and ` +
      'inspectors found that senior leaders have a clear understanding of the strengths and weaknesses of services.',
    url: `https://example.org/reports/monitoring-visit-${i + 1}`,
  }));
}

/** A history of `n` monitoring visits, each cited by its own letter, the text marking every one. */
export function longHistory(n: number): Answer {
  const citations = manyCitations(n);
  const facts = citations.map((c, i) => visit(readable(c.date!), c.date!, [i + 1]));
  const answer = `Worcestershire's inspection history on record (${n} events, oldest first): ` +
    facts.map((f, i) => `monitoring visit no. ${i + 1}, ${f.value} [${i + 1}]`).join('; ') + '.';
  return { status: 'answered', answer, authority: 'Worcestershire', facts, citations };
}

function readable(isoMonth: string): string {
  const [year, month] = isoMonth.split('-');
  return `${new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}`;
}
