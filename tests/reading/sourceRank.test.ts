import { COUNCIL_NEWS, COUNCIL_PAPER, OFSTED, PRESS, sourceRank } from '../../src/reading/sourceRank';

const doc = (publisher: string | null, kind: string | null, url: string | null = null, text = 'A page.') => ({ publisher, kind, url, text });

describe('sourceRank', () => {
  it.each([
    ['Ofsted', 'monitoring visit letter', null, OFSTED],
    ['Ofsted (press release on GOV.UK)', 'press release', null, OFSTED],
    [null, null, 'https://files.ofsted.gov.uk/v1/file/123', OFSTED],
    ['Northshire County Council – Cabinet', 'cabinet report', null, COUNCIL_PAPER],
    ['Northshire County Council – Scrutiny Committee', 'committee minutes', null, COUNCIL_PAPER],
    ['Northshire County Council', 'press release', null, COUNCIL_NEWS],
    ['Northshire Children’s Trust', 'web page', null, COUNCIL_NEWS],
    [null, null, null, COUNCIL_NEWS],
    ['Northshire Evening Star', 'newspaper article', null, PRESS],
    ['BBC News', 'news article', null, PRESS],
    ['Cllr Ann Hale (blog)', 'blog post', null, PRESS],
  ] as const)('ranks %j (%j, %j) as %d', (publisher, kind, url, rank) => {
    expect(sourceRank(doc(publisher, kind, url))).toBe(rank);
  });

  it('ranks an Ofsted letter by its layout, whoever the catalog says published it', () => {
    const letter = 'Dear Ms Doe\n\nMonitoring visit to Northshire children’s services\n\nThis letter summarises the findings of the monitoring visit.';
    expect(sourceRank(doc(null, null, null, letter))).toBe(OFSTED);
  });
});
