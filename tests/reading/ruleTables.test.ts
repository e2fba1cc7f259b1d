import { FUTURE_CLAUSES, PRIOR_CLAUSES } from '../../src/reading/clauses';
import { ROLE_AFTER, ROLE_BEFORE } from '../../src/reading/dateRoles';
import { FOCUS_CUES, IMPROVE_CUES } from '../../src/reading/findings';
import { AREA_NAMES, GRADE_WORDS } from '../../src/reading/grades';
import { KIND_NAMES, KIND_RATINGS, KIND_VERBS, type KindValue, readKinds } from '../../src/reading/kinds';
import { ROLES } from '../../src/reading/people';
import { matchRules, type Rule, ruleMatches } from '../../src/reading/rules';

/** Every table of phrasings the reading layer knows; each rule's examples are its tests. */
const TABLES: [string, Rule<unknown>[]][] = [
  ['KIND_NAMES', KIND_NAMES], ['KIND_VERBS', KIND_VERBS], ['KIND_RATINGS', KIND_RATINGS],
  ['GRADE_WORDS', GRADE_WORDS], ['AREA_NAMES', AREA_NAMES], ['ROLES', ROLES],
  ['PRIOR_CLAUSES', PRIOR_CLAUSES], ['FUTURE_CLAUSES', FUTURE_CLAUSES],
  ['ROLE_BEFORE', ROLE_BEFORE], ['ROLE_AFTER', ROLE_AFTER], ['FOCUS_CUES', FOCUS_CUES], ['IMPROVE_CUES', IMPROVE_CUES],
];

const cases = TABLES.flatMap(([table, rules]) => rules.map((rule) => [table, rule.name, rule] as const));

describe('rule tables', () => {
  it.each(cases)('%s › %s matches each of its examples', (_table, _name, rule) => {
    expect(rule.examples.length).toBeGreaterThan(0);
    for (const example of rule.examples) expect([example, ruleMatches(rule, example)]).toEqual([example, true]);
  });

  const countered = cases.filter(([table, , rule]) => table !== 'KIND_NAMES' && rule.counter);
  it.each(countered)('%s › %s takes none of its false friends', (_table, _name, rule) => {
    for (const counter of rule.counter!) expect([counter, ruleMatches(rule, counter)]).toEqual([counter, false]);
  });

  // Names of events are read in context: "inspection" before "framework", "visit" after "home" are no events.
  it.each(KIND_NAMES.filter((r) => r.counter).map((r) => [r.name, r] as const))('KIND_NAMES › %s: the reader takes none of its false friends', (_name, rule) => {
    const value = rule.value as KindValue;
    for (const counter of rule.counter!) {
      const taken = readKinds(counter).filter((k) => k.kind === value.kind && k.family === value.family);
      expect([counter, taken.length]).toEqual([counter, 0]);
    }
  });

  it.each(TABLES)('%s names each rule once', (_table, rules) => {
    const names = rules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps the earlier rule where two overlap, then the longer match', () => {
    const rules: Rule<string>[] = [
      { name: 'visit', examples: ['visit'], re: /\bvisit\b/i, value: 'any visit' },
      { name: 'monitoring visit', examples: ['monitoring visit'], re: /\bmonitoring\s+visit\b/i, value: 'monitoring' },
    ];
    expect(matchRules(rules, 'The monitoring visit and a second visit').map((m) => [m.rule.value, m.start])).toEqual([['any visit', 15], ['any visit', 34]]);
    expect(matchRules([...rules].reverse(), 'The monitoring visit and a second visit').map((m) => [m.rule.value, m.start])).toEqual([['monitoring', 4], ['any visit', 34]]);
  });

  it('finds a rule again after a match of nothing', () => {
    const rules: Rule<string>[] = [{ name: 'empty or visit', examples: ['visit'], re: /x*|visit/, value: 'v' }];
    expect(() => matchRules(rules, 'a visit')).not.toThrow();
  });
});
