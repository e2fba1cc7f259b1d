import { correctTypos, meantWord } from '../../src/answer/correctTypos';

describe('correctTypos', () => {
  it.each([
    ['when was the last monitering visit', 'when was the last monitoring visit'],
    ['what did the inspetion find', 'what did the inspection find'],
    ['how many recomendations were there', 'how many recommendations were there'],
    ['Which county councils are inadequate?', 'Which county councils are inadequate?'],
    ['what did committees say', 'what did committees say'],
    ['Was Northshre judged good?', 'Was Northshre judged good?'],
  ])('reads %j as %j', (typed, meant) => expect(correctTypos(typed)).toBe(meant));

  it('leaves a word the documents use, and short words, alone', () => {
    expect(meantWord('inspecton', (w) => w === 'inspecton')).toBeNull();
    expect(meantWord('vist')).toBeNull();
    expect(meantWord('councils')).toBeNull();
  });

  it('leaves a word two domain words are equally close to', () => {
    // "inspecter": as near "inspector" as "inspected".
    expect(meantWord('inspecter')).toBeNull();
    expect(meantWord('judgemnts')).toBe('judgements');
  });
});
