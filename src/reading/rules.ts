/**
 * Rules as data: each phrasing a reader knows is one entry of a table, with the examples it exists for (in the
 * project's own words) and the false friends it must not take. The examples are the rules' tests.
 */

/** One phrasing of a fact, and what it means. */
export interface Rule<T> {
  /** A short name, for tests and for reading the table. */
  name: string;
  /** Phrasings the rule is for: each must be matched. */
  examples: string[];
  /** Phrasings that look alike but mean something else: none may be matched. */
  counter?: string[];
  /** The pattern; flags 'g' are added where missing. */
  re: RegExp;
  /** What a match means. */
  value: T;
}

/** One match of a rule in a text. */
export interface RuleMatch<T> {
  rule: Rule<T>;
  start: number;
  end: number;
  groups: (string | undefined)[];
}

const GLOBAL = new WeakMap<RegExp, RegExp>();

/** The rule's pattern with the global flag, compiled once. */
export function globalPattern(re: RegExp): RegExp {
  let g = GLOBAL.get(re);
  if (!g) {
    g = re.flags.includes('g') ? re : new RegExp(re.source, `${re.flags}g`);
    GLOBAL.set(re, g);
  }
  return g;
}

/**
 * Every match of every rule in `text`, leftmost first; where matches overlap the earlier rule in the table wins,
 * then the longer match.
 */
export function matchRules<T>(rules: readonly Rule<T>[], text: string): RuleMatch<T>[] {
  const found: (RuleMatch<T> & { order: number })[] = [];
  rules.forEach((rule, order) => {
    const re = globalPattern(rule.re);
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ rule, start: m.index, end: m.index + m[0].length, groups: m.slice(1), order });
    }
  });
  found.sort((a, b) => a.order - b.order || a.start - b.start || b.end - a.end);
  const kept: RuleMatch<T>[] = [];
  for (const f of found) {
    if (kept.some((k) => k.start < f.end && f.start < k.end)) continue;
    kept.push({ rule: f.rule, start: f.start, end: f.end, groups: f.groups });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** True when a rule matches somewhere in `text`. */
export function ruleMatches<T>(rule: Rule<T>, text: string): boolean {
  const re = globalPattern(rule.re);
  re.lastIndex = 0;
  return re.test(text);
}
