import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';

/** An English local authority with children's services duties, and the other names it goes by. */
export interface Authority {
  name: string;
  aliases: string[];
  companies: string[];
  formerly: string[];
  /**
   * The day (YYYY-MM-DD) the authority took over from the councils in `formerly` ("2023-04-01" for Cumberland,
   * which replaced Cumbria County Council with Westmorland and Furness); absent when it was not newly made.
   */
  formed?: string;
}

/** One mention of an authority in running text: `text === source.slice(start, end)`. */
export interface AuthorityMention {
  authority: string;
  start: number;
  end: number;
  text: string;
}

/** What a typed name resolved to: exact or near hits in `matches`, otherwise the closest names in `suggestions`. */
export interface AuthorityResolution {
  matches: string[];
  suggestions: string[];
}

/** A former council that several authorities replaced ("Cumbria": Cumberland, and Westmorland and Furness). */
export interface Succession {
  /** The former name as the list gives it. */
  former: string;
  /** The authorities that took over from it, in list order. */
  successors: string[];
  /** The day they took over (YYYY-MM-DD), where the list records it. */
  formed: string | null;
}

/** `<project root>/data/authorities.json`: this file runs from `src/corpus` under ts-jest, `dist/corpus` when built. */
const DEFAULT_FILE = resolvePath(__dirname, '../../data/authorities.json');

const nonBlank = z.string().regex(/\S/, 'is blank');

const authoritySchema = z.strictObject({
  name: nonBlank,
  aliases: z.array(nonBlank),
  companies: z.array(nonBlank).default([]),
  formerly: z.array(nonBlank).default([]),
  formed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)').optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Matching rules that are about English text rather than about any one authority.

/**
 * Single-word names that are also ordinary words (or common surnames/verbs): in running text they only count when
 * capitalised ("in Reading", not "reading the report").
 */
const COMMON_WORDS = new Set([
  'reading', 'bury', 'derby', 'slough', 'hull', 'stoke', 'havering', 'harrow', 'hackney', 'bucks', 'staffs', 'wilts',
  'surrey', 'windsor', 'brent', 'kent', 'sutton', 'poole', 'halton', 'wigan', 'dorset', 'durham', 'york', 'devon',
  'cumberland', 'bolton', 'dudley', 'merton', 'barnet', 'brum', 'kingston', 'richmond', 'christchurch', 'telford',
  'stockton', 'blackburn',
]);

/**
 * Words that, right after a sentence-initial common word, show it is a verb ("Reading the report", "Bury them").
 */
const VERB_OBJECTS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'our', 'its', 'my', 'your', 'it', 'them',
  'him', 'me', 'us', 'all', 'any', 'each', 'every', 'some', 'through', 'off', 'up', 'down', 'out', 'over', 'about',
]);

/** Phrases that contain an authority's name but are not about it; the longest match swallows them. */
const STOP_PHRASES = [
  'New York', 'Newcastle-under-Lyme', 'Sutton Coldfield', 'Stoke Newington', 'Stoke Mandeville', 'Bury St Edmunds',
  'Brent Crude', 'Greater Manchester', 'Greater London', 'Kingston University', 'Durham University',
  'Richmond, North Yorkshire', 'Hull York Medical School',
];

/** Areas (and short forms) that are not one authority: typed alone they never resolve to one, even as a near spelling. */
const REGIONS = new Set([
  'london', 'greater london', 'inner london', 'outer london', 'greater manchester', 'merseyside', 'west midlands',
  'east midlands', 'midlands', 'yorkshire', 'south yorkshire', 'west yorkshire', 'yorkshire and humber', 'humber',
  'humberside', 'tyne and wear', 'north east', 'north west', 'south east', 'south west', 'east of england', 'england',
  'thames valley', 'home counties', 'avon', 'cleveland', 'berkshire', 'sussex', 'wessex', 'teesside', 'wales',
  'scotland', 'northern ireland', 'britain', 'great britain', 'united kingdom', 'uk', 'yorks', 'beds', 'northants',
]);

// ---------------------------------------------------------------------------------------------------------------
// Normalising typed names.

const STRIP_PHRASES = new RegExp(
  ' (?:london borough of|royal borough of|metropolitan borough of|county borough of|borough council of|'
  + 'council of the|borough of|city of|county of|children services|childrens services)(?= )',
  'g',
);
const STRIP_WORDS = new Set([
  'council', 'county', 'city', 'borough', 'metropolitan', 'district', 'the', 'co', 'mbc', 'cc', 'bc', 'dc', 'ua',
]);

/**
 * Reduces a typed or listed authority name to a comparison key: lower case, `&` → `and`, no punctuation or trailing
 * `'s`, and without "council", "county", "city of", "(royal|london) borough of", "metropolitan", "district" etc.
 */
export function normaliseAuthorityName(input: string): string {
  let t = input.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  t = t.replace(/[\u2018\u2019`\u00b4]/g, "'").replace(/'s\b/g, '').replace(/'/g, '');
  t = t.replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ');
  t = ` ${t} `
    .replace(/ (?:city of london corporation|city of london|corporation of london)(?= )/g, ' london corporation')
    .replace(/ saint(?= )/g, ' st');
  t = t.replace(STRIP_PHRASES, '');
  const words = t.split(' ').filter((w) => w !== '' && !STRIP_WORDS.has(w));
  while (words[0] === 'of' || words[0] === 'and') words.shift();
  return words.join(' ');
}

/** Optimal-string-alignment (restricted Damerau–Levenshtein) distance; gives up with `max + 1` once it exceeds `max`. */
function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens for running text.

interface Token {
  /** Lower case; `&` is `and`. */
  norm: string;
  start: number;
  end: number;
}

/** Words (letters and digits) and the punctuation that can be part of a name: `&`, `,` and `.`. */
const TOKEN = /[\p{L}\p{N}]+|[&,.]/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index;
    tokens.push({ norm: raw === '&' ? 'and' : raw.toLowerCase(), start, end: start + raw.length });
  }
  return tokens;
}

/** Between two words of one name there may only be spaces, hyphens or apostrophes ("Stoke-on-Trent", "Children's"). */
function isNameGap(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    const ok = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x2d || c === 0x27
      || c === 0x2019 || (c >= 0x2010 && c <= 0x2013);
    if (!ok) return false;
  }
  return true;
}

function hasLowerCase(s: string): boolean {
  return s !== s.toUpperCase();
}

/** An abbreviation is matched only in capitals: one word with at least two capitals ("BCP", "B&NES", "IoW", "LBRuT"). */
function isAbbreviation(form: string): boolean {
  return !/\s/.test(form) && (form.match(/\p{Lu}/gu)?.length ?? 0) >= 2 && form.length <= 6;
}

interface Terminal {
  /** Indexes into `all`; empty for a stop phrase. */
  authorities: Set<number>;
  /** True when some form on this path matches in any case. */
  anyCase: boolean;
  /** The abbreviations on this path, as written (accepted as written or in all capitals). */
  abbreviations: Set<string>;
  /** A single ordinary word: only capitalised, and not as a sentence-initial verb. */
  commonWord: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  terminal?: Terminal;
}

interface KeyEntry {
  key: string;
  authorities: number[];
  /** A name or alias (not a company or former name). */
  primary: boolean;
}

/** The list of authorities, with lookup by name, mentions in running text, and resolution of typed names. */
export class AuthorityDirectory {
  /** Every authority, in list order. */
  readonly all: readonly Authority[];

  private readonly byName = new Map<string, Authority>();
  private readonly root: TrieNode = { next: new Map() };
  /** Normalised key → authority indexes (several only for shared companies and former names). */
  private readonly keys = new Map<string, Set<number>>();
  /** Keys eligible for near matches (no abbreviations). */
  private readonly fuzzyKeys: KeyEntry[] = [];

  private constructor(list: Authority[]) {
    this.all = Object.freeze(list.map((a) => Object.freeze({
      name: a.name,
      aliases: [...a.aliases],
      companies: [...a.companies],
      formerly: [...a.formerly],
      ...(a.formed ? { formed: a.formed } : {}),
    })));
    this.all.forEach((a, i) => {
      this.byName.set(nameKey(a.name), a);
      for (const form of [a.name, ...a.aliases, ...a.companies, ...a.formerly]) this.addForm(form, i);
    });
    for (const phrase of STOP_PHRASES) this.insert(phrase, null);
    // Near matches and prefixes use written-out names only (not abbreviations); prefixes only names and aliases.
    const primary = new Set<string>();
    const spelledOut = new Set<string>();
    for (const a of this.all) {
      for (const form of [a.name, ...a.aliases]) if (!isAbbreviation(form)) primary.add(normaliseAuthorityName(form));
      for (const form of [...a.companies, ...a.formerly]) if (!isAbbreviation(form)) spelledOut.add(normaliseAuthorityName(form));
    }
    for (const [key, set] of this.keys) {
      if (!primary.has(key) && !spelledOut.has(key)) continue;
      this.fuzzyKeys.push({ key, authorities: [...set].sort((x, y) => x - y), primary: primary.has(key) });
    }
  }

  /**
   * Reads and validates a list (default `data/authorities.json` at the project root). Throws naming the file, the
   * entry index and the field when the list is not valid.
   */
  static load(file: string = DEFAULT_FILE): AuthorityDirectory {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: cannot read the authority list: ${(e as Error).message}`, { cause: e });
    }
    return new AuthorityDirectory(validate(raw, file));
  }

  /** Builds a directory from a list already in memory (validated the same way as a file). */
  static fromList(list: Authority[]): AuthorityDirectory {
    return new AuthorityDirectory(validate(list, 'authority list'));
  }

  /** The authority with this canonical name (case-insensitive; `&` and `and` are the same). */
  get(name: string): Authority | undefined {
    return this.byName.get(nameKey(name));
  }

  /**
   * The authorities whose name, alias, company or former name is exactly `input` once normalised (any case:
   * "worcs", "lbbd"); no near spellings. Empty when there is none.
   */
  exact(input: string): string[] {
    const key = normaliseAuthorityName(input);
    const hit = key ? this.keys.get(key) : undefined;
    return hit ? this.names(hit) : [];
  }

  /**
   * Every mention of an authority in running text, left to right; the longest name wins and mentions do not
   * overlap. A name shared by several authorities (a shared company, a former county) gives one mention per
   * authority, all with the same span.
   */
  find(text: string): AuthorityMention[] {
    const tokens = tokenize(text);
    const mentions: AuthorityMention[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode | undefined = this.root;
      let best: { last: number; terminal: Terminal } | undefined;
      for (let j = i; j < tokens.length; j++) {
        const token = tokens[j] as Token;
        if (j > i && !isNameGap(text, (tokens[j - 1] as Token).end, token.start)) break;
        node = node.next.get(token.norm);
        if (node === undefined) break;
        if (node.terminal && accepts(node.terminal, text, tokens, i, j)) best = { last: j, terminal: node.terminal };
      }
      if (best === undefined) {
        i++;
        continue;
      }
      const start = (tokens[i] as Token).start;
      const end = (tokens[best.last] as Token).end;
      const slice = text.slice(start, end);
      for (const index of [...best.terminal.authorities].sort((x, y) => x - y)) {
        mentions.push({ authority: (this.all[index] as Authority).name, start, end, text: slice });
      }
      i = best.last + 1;
    }
    return mentions;
  }

  /**
   * Resolves what a user typed: an exact name, alias, company or former name; else a near spelling (edit distance
   * ≤ 2, ≤ 1 under 6 letters) or the start of exactly one authority's name; else a single authority named in the
   * input. When nothing resolves, `suggestions` holds up to three close names.
   */
  resolve(input: string): AuthorityResolution {
    const query = normaliseAuthorityName(input);
    if (query === '') return { matches: [], suggestions: [] };
    if (REGIONS.has(query)) return { matches: [], suggestions: this.suggest(query) };
    const spelled = this.spelled(query);
    if (spelled) return spelled;

    const mentions = this.find(input);
    if (mentions.length > 0) {
      const spans = new Set(mentions.map((m) => `${m.start}:${m.end}`));
      const named = [...new Set(mentions.map((m) => m.authority))];
      if (spans.size === 1 || named.length === 1) return { matches: named, suggestions: [] };
      return { matches: [], suggestions: named.slice(0, 3) };
    }
    return { matches: [], suggestions: this.suggest(query) };
  }

  /**
   * What a typed name is spelt as, and nothing looser: an exact name, alias, company or former name in `matches`; a
   * near spelling of one (edit distance ≤ 2, ≤ 1 under 6 letters) or the start of one authority's name in
   * `matches`; several names equally near in `suggestions`. Both empty when the input is spelt like no authority
   * (no mention inside it, no far suggestions, unlike `resolve`).
   */
  near(input: string): AuthorityResolution {
    const query = normaliseAuthorityName(input);
    if (query === '' || REGIONS.has(query)) return { matches: [], suggestions: [] };
    return this.spelled(query) ?? { matches: [], suggestions: [] };
  }

  /**
   * The former council a typed name is, when several authorities replaced it ("Cumbria", "Northamptonshire County
   * Council"); null for any other name, including a company several authorities share.
   */
  succession(input: string): Succession | null {
    const key = normaliseAuthorityName(input);
    if (key === '') return null;
    const successors = this.all.filter((a) => a.formerly.some((f) => normaliseAuthorityName(f) === key));
    if (successors.length < 2) return null;
    const former = successors[0]!.formerly.find((f) => normaliseAuthorityName(f) === key)!;
    const dates = [...new Set(successors.map((a) => a.formed ?? null))];
    return { former, successors: successors.map((a) => a.name), formed: dates.length === 1 ? dates[0]! : null };
  }

  /** An exact key, else a near spelling, else the start of one authority's name; null when none is. */
  private spelled(query: string): AuthorityResolution | null {
    const exact = this.keys.get(query);
    if (exact) return { matches: this.names(exact), suggestions: [] };
    if (query.length < 4) return null;
    const max = query.length < 6 ? 1 : 2;
    let bestDistance = max + 1;
    let nearest: KeyEntry[] = [];
    for (const entry of this.fuzzyKeys) {
      const d = editDistance(query, entry.key, max);
      if (d < bestDistance) {
        bestDistance = d;
        nearest = [entry];
      } else if (d === bestDistance && d <= max) {
        nearest.push(entry);
      }
    }
    if (nearest.length > 0) {
      const sets = new Set(nearest.map((e) => e.authorities.join(',')));
      const union = new Set(nearest.flatMap((e) => e.authorities));
      if (sets.size === 1) return { matches: this.names(union), suggestions: [] };
      return { matches: [], suggestions: this.names(union).slice(0, 3) };
    }
    const prefixed = new Set<number>();
    for (const entry of this.fuzzyKeys) {
      if (entry.primary && entry.key.startsWith(query)) for (const a of entry.authorities) prefixed.add(a);
    }
    return prefixed.size === 1 ? { matches: this.names(prefixed), suggestions: [] } : null;
  }

  /**
   * Up to three authorities whose names start with, are contained in, or are spelt closest to `query` (names and
   * aliases before companies and former names).
   */
  private suggest(query: string): string[] {
    const scores = new Map<number, number>();
    const padded = ` ${query} `;
    for (const entry of this.fuzzyKeys) {
      let score: number;
      if (entry.key.startsWith(query)) score = (entry.key.length - query.length) / 1000;
      else if (padded.includes(` ${entry.key} `)) score = 0.5;
      else score = editDistance(query, entry.key);
      if (!entry.primary) score += 0.25;
      for (const a of entry.authorities) {
        const old = scores.get(a);
        if (old === undefined || score < old) scores.set(a, score);
      }
    }
    return [...scores.entries()]
      .sort((x, y) => x[1] - y[1] || (this.all[x[0]] as Authority).name.localeCompare((this.all[y[0]] as Authority).name))
      .slice(0, 3)
      .map(([a]) => (this.all[a] as Authority).name);
  }

  private names(indexes: Iterable<number>): string[] {
    return [...indexes].sort((x, y) => x - y).map((i) => (this.all[i] as Authority).name);
  }

  /** Indexes one written form of an authority's name for `find` and `resolve`. */
  private addForm(form: string, index: number): void {
    this.insert(form, index);
    const key = normaliseAuthorityName(form);
    if (key === '') return;
    const set = this.keys.get(key) ?? new Set<number>();
    set.add(index);
    this.keys.set(key, set);
  }

  /** Adds one written form to the token trie; `index` null marks a stop phrase. */
  private insert(form: string, index: number | null): void {
    const tokens = tokenize(form);
    if (tokens.length === 0) return;
    let node = this.root;
    for (const t of tokens) {
      let next = node.next.get(t.norm);
      if (next === undefined) {
        next = { next: new Map() };
        node.next.set(t.norm, next);
      }
      node = next;
    }
    const terminal: Terminal = node.terminal ?? {
      authorities: new Set(),
      anyCase: false,
      abbreviations: new Set(),
      commonWord: tokens.length === 1 && COMMON_WORDS.has((tokens[0] as Token).norm),
    };
    if (index !== null) terminal.authorities.add(index);
    if (index !== null && isAbbreviation(form)) terminal.abbreviations.add(form);
    else terminal.anyCase = true;
    node.terminal = terminal;
  }
}

/** Key for lookup by canonical name. */
function nameKey(name: string): string {
  return name.toLowerCase().replace(/&/g, ' and ').replace(/\s+/g, ' ').trim();
}

/** Whether the words `tokens[i..j]` of `text` may stand for the terminal's name here. */
function accepts(terminal: Terminal, text: string, tokens: Token[], i: number, j: number): boolean {
  const first = tokens[i] as Token;
  const slice = text.slice(first.start, (tokens[j] as Token).end);
  if (!terminal.anyCase && hasLowerCase(slice) && !terminal.abbreviations.has(slice)) return false;
  if (!terminal.commonWord) return true;
  const initial = slice.charAt(0);
  if (initial === initial.toLowerCase()) return false;
  if (!isSentenceStart(text, first.start)) return true;
  const next = tokens[j + 1];
  if (next === undefined || !isNameGap(text, (tokens[j] as Token).end, next.start)) return true;
  const word = text.slice(next.start, next.end);
  return !(VERB_OBJECTS.has(next.norm) && hasLowerCase(word.charAt(0)));
}

/** True when only spaces, quotes or brackets stand between `at` and the start of the text or of a sentence. */
function isSentenceStart(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const c = text.charAt(k);
    if (/[\s"'\u201c\u2018([]/.test(c)) continue;
    return /[.!?:;\u2022]/.test(c);
  }
  return true;
}

function validate(raw: unknown, source: string): Authority[] {
  if (!Array.isArray(raw)) throw new Error(`${source}: expected a JSON array of authorities`);
  const list: Authority[] = [];
  const seen = new Map<string, number>();
  raw.forEach((item: unknown, i) => {
    const parsed = authoritySchema.safeParse(item);
    const label = typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string'
      ? ` (${JSON.stringify((item as { name: string }).name)})` : '';
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path ?? [];
      const field = path.length === 0 ? '(entry)'
        : path.map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k > 0 ? '.' : ''}${String(p)}`)).join('');
      throw new Error(`${source}: entry [${i}]${label} field ${field}: ${issue?.message ?? 'is not valid'}`);
    }
    const key = nameKey(parsed.data.name);
    const other = seen.get(key);
    if (other !== undefined) throw new Error(`${source}: entry [${i}]${label} field name: repeats entry [${other}]`);
    seen.set(key, i);
    list.push(parsed.data);
  });
  return list;
}
