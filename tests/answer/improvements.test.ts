import { distinctImprovements } from '../../src/answer/improvements';
import type { TextFact } from '../../src/timeline/types';

const item = (text: string, file: string, start: number): TextFact => ({ text, evidence: { file, passage: `${file}:0`, start, end: start + text.length } });

describe('distinctImprovements', () => {
  it('keeps one item, with both sources, when a paper restates the report’s wording', () => {
    const list = [
      item('Multi-agency arrangements to promote information-sharing for care leavers who misuse drugs and alcohol, engage in criminal behaviours and are being exploited.', 'report.pdf', 100),
      item('The quality of direct work with disabled children who are in care.', 'report.pdf', 400),
      item('Multi-agency arrangements to promote information-sharing for care leavers, who misuse drugs, and alcohol, engage in criminal behaviors and are being exploited', 'paper.txt', 50),
      item('The quality of direct work with disabled children in care', 'paper.txt', 300),
    ];
    const out = distinctImprovements(list);
    expect(out.map((i) => i.text)).toEqual([list[0]!.text, list[1]!.text]);
    expect(out.map((i) => i.evidence.map((e) => e.file))).toEqual([['report.pdf', 'paper.txt'], ['report.pdf', 'paper.txt']]);
  });

  it('keeps items apart that share only common words or a theme', () => {
    const list = [
      item('The timeliness of initial health assessments for children in care.', 'a.pdf', 0),
      item('The timeliness of strategy meetings for children at risk of harm.', 'a.pdf', 100),
      item('Management oversight and supervision of social workers.', 'a.pdf', 200),
    ];
    expect(distinctImprovements(list)).toHaveLength(3);
  });

  it('lists the same passage once', () => {
    const one = item('Placement sufficiency for older children.', 'a.pdf', 0);
    expect(distinctImprovements([one, one])).toEqual([{ text: one.text, evidence: [one.evidence] }]);
  });

  it('gives nothing for nothing', () => {
    expect(distinctImprovements([])).toEqual([]);
  });
});
