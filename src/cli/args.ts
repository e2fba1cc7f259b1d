/** A small, strict command-line parser: known flags only, with a clear message for anything else. */

export interface FlagSpec {
  /** Flags that take a value ("--data DIR"). */
  values: string[];
  /** Flags that stand alone ("--json"). */
  switches: string[];
}

export interface ParsedArgs {
  values: Map<string, string>;
  switches: Set<string>;
  positional: string[];
}

export class UsageError extends Error {}

/** Parses argv (without node and the script); throws UsageError naming the offending argument. */
export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const out: ParsedArgs = { values: new Map(), switches: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
      if (spec.switches.includes(name)) {
        out.switches.add(name);
      } else if (spec.values.includes(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
        out.values.set(name, value);
      } else {
        throw new UsageError(`unknown option ${name}`);
      }
    } else if (arg === '-h') {
      out.switches.add('--help');
    } else {
      out.positional.push(arg);
    }
  }
  return out;
}
