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

/** Parses argv, or prints the error and the usage to stderr and returns null (the caller exits 2). */
export function parseOrExplain(command: string, argv: string[], spec: FlagSpec, usage: string): ParsedArgs | null {
  try {
    return parseArgs(argv, spec);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${command}: ${e.message}\n\n${usage}\n`);
    return null;
  }
}

/** Runs a command's main when its file is the program, setting the exit code and printing errors without stacks. */
export function runIfMain(mod: NodeModule, command: string, main: (argv: string[]) => Promise<number>): void {
  if (require.main !== mod) return;
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    process.stderr.write(`${command}: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
