/** The bot's log: timestamped lines by level, with every secret the process knows of blanked out. */
import { format } from 'node:util';
import { AuthenticationError } from 'botframework-connector';
import { isSecretVariable, type LogLevel } from '../config';

/** What a secret is replaced with in a log line. */
export const REDACTED = '[redacted]';

/**
 * The longest log line written, in characters after the timestamp (4,000): a line quoting what a request carried
 * is cut there, saying how much was left out.
 */
export const MAX_LOG_LINE_CHARS = 4_000;

/** A line cut to MAX_LOG_LINE_CHARS, ending "… (n more characters)" when it was longer. */
export function cutLine(line: string): string {
  if (line.length <= MAX_LOG_LINE_CHARS) return line;
  // Room for the note: "… (" and " more characters)" and up to 16 digits.
  const kept = MAX_LOG_LINE_CHARS - 36;
  return `${line.slice(0, kept)}… (${line.length - kept} more characters)`;
}

/** Secrets shorter than this are not searched for: a value of "1" would blank every digit 1. */
const MIN_SECRET_LENGTH = 6;

export interface Logger {
  error: (line: string) => void;
  info: (line: string) => void;
  debug: (line: string) => void;
}

/** Where log lines go: process.stdout and process.stderr unless told otherwise. */
export interface LogStreams {
  out: { write: (text: string) => unknown };
  err: { write: (text: string) => unknown };
}

/**
 * Credentials written the way they travel, whatever their value: bearer and basic tokens and Authorization header
 * values, JSON web tokens, and the key-like parts of connection strings and signed URLs.
 */
const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi, `$1${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(AccountKey|SharedAccessKey|SharedAccessSignature|AccessKey|Password|Pwd|client_secret|sig)=[^;&\s"']+/gi, `$1=${REDACTED}`],
];

/**
 * The secret values in an environment (variables isSecretVariable names, such as MicrosoftAppPassword and
 * AZURE_STORAGE_CONNECTION_STRING), with the key parts of connection strings (an AccountKey alone is as secret as
 * the whole; the account name is not), longest first.
 */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || !isSecretVariable(name)) continue;
    values.add(value.trim());
    for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && /key|signature|password|secret|token/i.test(part.slice(0, eq))) values.add(part.slice(eq + 1).trim());
    }
  }
  return [...values].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** A function that blanks out the given secret values and any credential written the way it travels. */
export function redactor(secrets: readonly string[]): (line: string) => string {
  return (line) => {
    let out = line;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/**
 * A line with its control characters escaped (a line break as \n): a log line quotes what requests carried (ids,
 * JSON.parse's excerpt of a body), and a line break in one must not start a forged line of its own.
 */
export function oneLine(line: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  return line.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * A logger at `level` (errors only; plus start-up and turn lines; plus one line per request) that writes
 * timestamped lines with `redact` applied: errors to `streams.err`, the rest to `streams.out`.
 */
export function makeLogger(level: LogLevel, redact: (line: string) => string, streams: LogStreams = { out: process.stdout, err: process.stderr }): Logger {
  const write = (stream: LogStreams['out']) => (line: string): void => {
    // Cut after redacting, so that a cut cannot leave part of a secret that redacting would not recognise.
    stream.write(`${new Date().toISOString()} ${cutLine(oneLine(redact(line)))}\n`);
  };
  const none = (): void => undefined;
  return {
    error: write(streams.err),
    info: level === 'error' ? none : write(streams.out),
    debug: level === 'debug' ? write(streams.out) : none,
  };
}

/**
 * Sends what libraries print with console through the logger, so it is redacted and timestamped like the rest: error
 * and warn as errors, log and info as info, debug as debug. botbuilder prints each refused token's AuthenticationError,
 * with its stack, with console.error; the server logs one line of its own for each, so those go to debug, and a
 * flood of forged tokens writes one short line per request.
 */
export function routeConsole(log: Logger, target: Pick<Console, 'error' | 'warn' | 'log' | 'info' | 'debug'> = console): void {
  target.error = (...args: unknown[]) => (isAuthenticationError(args[0]) ? log.debug : log.error)(format(...args));
  target.warn = (...args: unknown[]) => log.error(format(...args));
  target.log = (...args: unknown[]) => log.info(format(...args));
  target.info = (...args: unknown[]) => log.info(format(...args));
  target.debug = (...args: unknown[]) => log.debug(format(...args));
}

/** botframework-connector's AuthenticationError: a request refused for its token (a 401) or its claims (403). */
function isAuthenticationError(value: unknown): boolean {
  return value instanceof AuthenticationError;
}
