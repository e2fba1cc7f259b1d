/** Authority names as the user types them: prefix and typo-tolerant, over names, short forms, companies, former names. */
import MiniSearch from 'minisearch';
import type { AuthorityDirectory } from '../corpus/authorities';

/** Teams shows at most this many choices in a typeahead dropdown. */
export const MAX_TYPEAHEAD_RESULTS = 15;
/**
 * Longest text read as an authority's name, in UTF-16 code units: over twice the longest name, short form, company
 * or former name on record (47). Longer text is refused before any matching, which grows with its length.
 */
export const MAX_AUTHORITY_TEXT_LENGTH = 100;

/** One choice: what the dropdown shows, and the canonical authority name it stands for. */
export interface TypeaheadChoice {
  title: string;
  value: string;
}

export interface TypeaheadOptions {
  /** Choices to pass over, for paging (default 0). */
  skip?: number;
  /** How many choices to return (default and at most MAX_TYPEAHEAD_RESULTS). */
  top?: number;
  /** Authorities with documents on record: listed first when nothing is typed, and first among equal matches. */
  onRecord?: readonly string[];
}

type FormKind = 'name' | 'alias' | 'company' | 'former';

interface FormRecord {
  id: number;
  authority: string;
  form: string;
  kind: FormKind;
}

/** Words that say what sort of body an authority is, not which one: typed or not, they change nothing. */
const FILLER = new Set(['the', 'of', 'and', 'council', 'county', 'borough', 'metropolitan', 'district', 'royal', 'cc', 'mbc', 'bc']);

/** How much a match on each sort of form counts: a name above its short forms, both above companies and former names. */
const KIND_BOOST: Record<FormKind, number> = { name: 1.5, alias: 1.2, company: 1, former: 1 };

function processTerm(term: string): string | null {
  const t = term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['’]/g, '');
  return t && !FILLER.has(t) ? t : null;
}

function tokenize(text: string): string[] {
  return text.replace(/&/g, ' and ').split(/[^\p{L}\p{N}'’]+/u).filter((t) => t.length > 0);
}

/** "worcestershire children first" for comparing a form with a name. */
function plain(text: string): string {
  return tokenize(text).map(processTerm).filter((t) => t !== null).join(' ');
}

/** A matcher over one authority list; build it once (see `authorityTypeahead`). */
export class AuthorityTypeahead {
  private readonly index: MiniSearch<FormRecord>;
  private readonly records: FormRecord[] = [];
  private readonly names: string[];

  constructor(private readonly directory: AuthorityDirectory) {
    this.names = directory.all.map((a) => a.name).sort((a, b) => a.localeCompare(b));
    for (const a of directory.all) {
      const seen = new Set<string>();
      const forms: [string, FormKind][] = [
        [a.name, 'name'], ...a.aliases.map((f): [string, FormKind] => [f, 'alias']),
        ...a.companies.map((f): [string, FormKind] => [f, 'company']), ...a.formerly.map((f): [string, FormKind] => [f, 'former']),
      ];
      for (const [form, kind] of forms) {
        const key = form.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        this.records.push({ id: this.records.length, authority: a.name, form, kind });
      }
    }
    this.index = new MiniSearch<FormRecord>({
      idField: 'id',
      fields: ['form'],
      storeFields: [],
      tokenize,
      processTerm,
    });
    this.index.addAll(this.records);
  }

  /**
   * The authorities matching what was typed, best first: exact names and short forms ("Worcs", "LBBD"), then names
   * with words starting as typed ("barking and dag"), then near spellings ("Worcestershrie"). Nothing typed lists the
   * authorities on record, then the rest alphabetically. Paged by `skip` and `top`.
   */
  search(queryText: string, options: TypeaheadOptions = {}): TypeaheadChoice[] {
    const skip = Math.max(0, Math.floor(options.skip ?? 0));
    const top = Math.min(MAX_TYPEAHEAD_RESULTS, Math.max(0, Math.floor(options.top ?? MAX_TYPEAHEAD_RESULTS)));
    return this.ranked(queryText, options.onRecord ?? []).slice(skip, skip + top);
  }

  private ranked(queryText: string, onRecord: readonly string[]): TypeaheadChoice[] {
    const recorded = new Set(onRecord);
    const query = queryText.trim();
    if (!tokenize(query).some((t) => processTerm(t) !== null)) {
      const first = this.names.filter((n) => recorded.has(n));
      return [...first, ...this.names.filter((n) => !recorded.has(n))].map((n) => ({ title: n, value: n }));
    }
    // Per authority: its best score, and the form to show (the name itself whenever it matched too).
    const best = new Map<string, { score: number; form: FormRecord; exact: boolean }>();
    const add = (form: FormRecord, score: number, exact = false): void => {
      const old = best.get(form.authority);
      if (!old) {
        best.set(form.authority, { score, form, exact });
        return;
      }
      if (score > old.score) old.score = score;
      if (!old.exact && isName(form) && !isName(old.form)) old.form = form;
    };
    // A name or short form typed in full comes first ("Worcs", "LBBD", "B&NES").
    const exact = new Set(this.directory.exact(query));
    const key = plain(query);
    for (const r of this.records) if (exact.has(r.authority) && plain(r.form) === key) add(r, Number.MAX_SAFE_INTEGER, true);
    const options = {
      prefix: true,
      fuzzy: (term: string) => (term.length >= 4 ? 0.25 : false),
      boostDocument: (id: unknown) => KIND_BOOST[this.records[id as number]!.kind],
    };
    let hits = this.index.search(query, { ...options, combineWith: 'AND' });
    if (!hits.length) hits = this.index.search(query, { ...options, combineWith: 'OR' });
    for (const h of hits) add(this.records[h.id as number]!, h.score);
    return [...best.entries()]
      .sort(([a, x], [b, y]) => y.score - x.score || Number(recorded.has(b)) - Number(recorded.has(a)) || a.localeCompare(b))
      .map(([authority, { form }]) => ({ title: titleFor(authority, form), value: authority }));
  }
}

/** True for the name itself, or a form with no words the name has not ("Worcestershire County Council"). */
function isName(form: FormRecord): boolean {
  const nameWords = new Set(plain(form.authority).split(' '));
  return form.kind === 'name' || plain(form.form).split(' ').every((w) => nameWords.has(w));
}

/** The name, with the form that matched when that form has words the name has not ("Worcestershire (Worcs)"). */
function titleFor(authority: string, form: FormRecord): string {
  if (isName(form)) return authority;
  return form.kind === 'former' ? `${authority} (formerly ${form.form})` : `${authority} (${form.form})`;
}

const built = new WeakMap<AuthorityDirectory, AuthorityTypeahead>();

/** The typeahead over a directory, built on first use and kept as long as the directory is. */
export function authorityTypeahead(directory: AuthorityDirectory): AuthorityTypeahead {
  let matcher = built.get(directory);
  if (!matcher) {
    matcher = new AuthorityTypeahead(directory);
    built.set(directory, matcher);
  }
  return matcher;
}
