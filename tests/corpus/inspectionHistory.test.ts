import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyPassages, historyProblems, isHistoryText, readHistoryRows } from '../../src/corpus/inspectionHistory';
import { directory, FIXTURES } from '../helpers';

const SAMPLE = readFileSync(join(FIXTURES, 'history/ilacs-sample.csv'), 'utf8');

describe('inspectionHistory', () => {
  describe('isHistoryText', () => {
    it('knows a history by its header, whatever the column order or extra columns', () => {
      expect(isHistoryText(SAMPLE)).toBe(true);
      const [header, ...rest] = SAMPLE.split('\n');
      const reordered = header!.split(',').reverse().join(',');
      expect(isHistoryText([reordered, ...rest].join('\n'))).toBe(true);
    });

    it('does not take other CSV or prose for a history', () => {
      expect(isHistoryText('name,date\nWiltshire,2023-09-25\n')).toBe(false);
      expect(isHistoryText('urn, local_authority and the rest of a sentence.')).toBe(false);
    });
  });

  describe('readHistoryRows', () => {
    const rows = readHistoryRows(SAMPLE);

    it('reads one row per report, numbered by its line in the file', () => {
      expect(rows).toHaveLength(14);
      expect(rows[0]!.line).toBe(2);
      expect(rows[13]!.line).toBe(15);
    });

    it('reads a quoted field holding commas, with offsets that stand in the text', () => {
      const bcp = rows.find((r) => r.cells.urn?.value === '2532287')!;
      expect(bcp.cells.local_authority!.value).toBe('bournemouth, christchurch & poole');
      for (const cell of Object.values(bcp.cells)) expect(SAMPLE.slice(cell.start, cell.end)).toBe(cell.value);
      expect(SAMPLE.slice(bcp.start, bcp.end)).toBe(bcp.text);
      expect(bcp.cells.inspector_name!.value).toBe('Steve Lowe');
    });

    it('reads doubled quotes inside a quoted field, and a row with too few fields', () => {
      const text = `${SAMPLE.split('\n')[0]}\n1,"york ""city""",x\n`;
      const [row] = readHistoryRows(text);
      expect(row!.cells.local_authority!.value).toBe('york "city"');
      expect(row!.problem).toBe('line 2 has 3 fields, the header 15');
    });
  });

  describe('historyPassages', () => {
    it('makes each row a passage whose text is the row', () => {
      const passages = historyPassages('ilacs.csv', SAMPLE);
      expect(passages).toHaveLength(14);
      for (const p of passages) expect(SAMPLE.slice(p.start, p.end)).toBe(p.text);
      expect(passages[0]!.number).toBe('line 2');
    });
  });

  describe('historyProblems', () => {
    it('names the rows that cannot give an event, with their line and value', () => {
      expect(historyProblems(SAMPLE, directory())).toEqual([
        'line 14: local_authority "narnia" is not one English children\'s services authority; row skipped',
        'line 15: neither publication_date nor inspection_start_date is a date (dd/mm/yy or dd/mm/yyyy); row skipped',
      ]);
    });
  });
});
