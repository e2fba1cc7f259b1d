/** A `${{NAME}}` placeholder in the manifest template (the Teams Toolkit's spelling). */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A template uses placeholders that have no value; `names` lists them, each once. */
export class UnfilledPlaceholderError extends Error {
  constructor(readonly names: readonly string[], known: readonly string[]) {
    const list = (ns: readonly string[]): string => ns.map((n) => `\${{${n}}}`).join(', ');
    super(`the manifest template uses ${list(names)}, which ${names.length === 1 ? 'is' : 'are'} not filled in ` +
      `(the placeholders filled are ${list(known)}): write the value in the template or use one of those`);
    this.name = 'UnfilledPlaceholderError';
  }
}

/** The placeholder names a parsed template uses, each once, in the order they first appear. */
export function placeholdersIn(template: unknown): string[] {
  const names = new Set<string>();
  walkStrings(template, (s) => {
    for (const m of s.matchAll(PLACEHOLDER)) names.add(m[1]!);
    return s;
  });
  return [...names];
}

/**
 * Fills every `${{NAME}}` in the string values of a parsed manifest template with `values[NAME]`, returning a new
 * object (the template is not changed). Keys are left as they are. Throws UnfilledPlaceholderError when a
 * placeholder has no value.
 */
export function fillManifest(template: unknown, values: Readonly<Record<string, string>>): unknown {
  const missing = placeholdersIn(template).filter((n) => !Object.hasOwn(values, n));
  if (missing.length) throw new UnfilledPlaceholderError(missing, Object.keys(values));
  return walkStrings(template, (s) => s.replace(PLACEHOLDER, (_, name: string) => values[name]!));
}

/** Copies a JSON value, passing every string value (not keys) through `f`. */
function walkStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => walkStrings(v, f));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walkStrings(v, f)]));
  }
  return value;
}
