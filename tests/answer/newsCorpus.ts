/**
 * A small corpus for questions of freshness and of what is new: a national history whose catalog dates it
 * 30 November 2025 (not the clock's date), and one committee paper of Rutland's dated 1 October 2025. The rows are
 * made up for these tests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADER = 'urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,' +
  'inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,help_and_protection_grade,' +
  'in_care_grade,care_leavers_grade,parser_version';

/** The history's rows: Dorset, Rutland and Kent have news in the three months to 30 November 2025; Luton's is older. */
export const NEWS_ROWS = [
  '90001,dorset,https://files.example.org/v1/file/9000101,children\'s services inspection - 28 november 2025.pdf,28/11/25,short,Amira Shah,10/11/2025,14/11/2025,good,good,good,good,outstanding,1',
  '90002,rutland,https://files.example.org/v1/file/9000201,children\'s services inspection - 24 october 2025.pdf,24/10/25,short,Tom Ellery,08/09/2025,12/09/2025,good,good,good,good,good,1',
  '90002,rutland,https://files.example.org/v1/file/9000202,children\'s services inspection - 19 august 2019.pdf,19/08/19,standard,Joan Pell,01/07/2019,12/07/2019,requires improvement,requires improvement,requires improvement,requires improvement,inspection_pre_dates_judgement,1',
  '90003,kent,https://files.example.org/v1/file/9000301,children\'s services inspection - 10 september 2025.pdf,10/09/25,standard,Ravi Moss,07/07/2025,18/07/2025,requires improvement,requires improvement,good,requires improvement,requires improvement,1',
  '90004,luton,https://files.example.org/v1/file/9000401,children\'s services inspection - 02 may 2025.pdf,02/05/25,standard,Clare Dunn,03/03/2025,14/03/2025,inadequate,inadequate,inadequate,requires improvement,inadequate,1',
];

const PAPER = `Rutland County Council
Children and Young People Scrutiny Panel, 1 October 2025

Report of the Strategic Director for Children and Families

1. The panel asked for an update on the service's improvement plan.

2. Recruitment of permanent social workers has continued, and the use of agency staff has fallen over the summer.
`;

/** Writes the corpus to a new temporary folder and returns its path. */
export function writeNewsCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'news-corpus-'));
  writeFileSync(join(dir, 'national-history.csv'), `${HEADER}\n${NEWS_ROWS.join('\n')}\n`);
  writeFileSync(join(dir, 'rutland-scrutiny-2025-10.txt'), PAPER);
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify([
    { file: 'national-history.csv', title: 'National history of children\'s services inspections (test rows)', authority: null, publisher: 'Ofsted', kind: 'national inspection history', date: '2025-11-30' },
    { file: 'rutland-scrutiny-2025-10.txt', title: 'Children\'s services improvement update', authority: 'Rutland', publisher: 'Rutland County Council – Scrutiny Panel', kind: 'committee report', date: '2025-10-01' },
  ], null, 2));
  return dir;
}
