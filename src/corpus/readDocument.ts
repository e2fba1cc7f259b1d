import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** File extensions the corpus reads, lower case with the dot. */
export const READABLE_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx', '.csv'] as const;

/** True when the corpus can read a file of this name. */
export function isReadable(file: string): boolean {
  return (READABLE_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());
}

/**
 * The text of a report file, as quotes are taken from it: plain text and Markdown as they are, HTML without its
 * markup, PDF and Word documents as their text with paragraphs separated by blank lines.
 */
export async function readDocument(path: string, maxBytes = Infinity, maxChars = Infinity): Promise<{ text: string; bytes: Buffer; pages?: number[] }> {
  const bytes = readRegularFile(path, maxBytes);
  const ext = extname(path).toLowerCase();
  let text: string;
  let pages: number[] | undefined;
  if (ext === '.pdf') ({ text, pageStarts: pages } = await pdfText(bytes, maxChars));
  else if (ext === '.docx') text = await docxText(bytes);
  else {
    checkText(bytes);
    if ((ext === '.html' || ext === '.htm') && bytes.length > MAX_HTML_BYTES) {
      throw new UnreadableFile(`it is ${(bytes.length / (1024 * 1024)).toFixed(1)} MB of HTML, over the ${MAX_HTML_BYTES / (1024 * 1024)} MB a web page may be`);
    }
    text = ext === '.html' || ext === '.htm' ? htmlText(bytes.toString('utf8')) : bytes.toString('utf8');
  }
  // A PDF's text holds no BOM and no carriage return (pdfText takes them out), so its page offsets stand.
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), bytes, ...(pages ? { pages } : {}) };
}

/** The largest web page read, in bytes (24 MB): its markup is taken out by patterns whose work grows faster than the page. */
export const MAX_HTML_BYTES = 24 * 1024 * 1024;

/** What is said of a file that is not to be read: not a regular file, too large, not text, a zip that inflates too far. */
export class UnreadableFile extends Error {}

/** What a file is when it is not a regular file, as people read it. */
function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * A regular file's bytes, at most `maxBytes` of them: opened without waiting (a named pipe is never waited on) and
 * checked to be a regular file before anything is read. Throws UnreadableFile otherwise.
 */
export function readRegularFile(path: string, maxBytes = Infinity): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnreadableFile(`it is ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new UnreadableFile(`it is ${stat.size.toLocaleString('en-GB')} bytes, over the ${maxBytes.toLocaleString('en-GB')} it may be`);
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * The share of a text file's first bytes that may be control characters other than tab, line breaks and form feed
 * (1 %): more, or any NUL byte, and the file is taken to be binary (an image, an archive renamed .txt), not text.
 */
export const MAX_CONTROL_SHARE = 0.01;

/** How much of a text file is looked at to tell it from a binary one, in bytes (64 kB). */
const TEXT_SNIFF_BYTES = 64 * 1024;

/** Throws UnreadableFile when bytes meant as text (.txt, .md, .html, .csv) are binary: a NUL byte, or many control characters. */
function checkText(bytes: Buffer): void {
  if (bytes.includes(0)) throw new UnreadableFile('it is binary, not text (it holds NUL bytes)');
  const head = bytes.subarray(0, TEXT_SNIFF_BYTES);
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  if (control > MAX_CONTROL_SHARE * head.length) throw new UnreadableFile('it is binary, not text (it holds control characters)');
}

/** The most pages a PDF may have (5,000): an inspection report has some 20, a council's committee papers a few hundred. */
export const MAX_PDF_PAGES = 5000;

/**
 * The longest a PDF's text may take to read, in ms (60 s): a report of 100 pages takes under a second. One that takes
 * longer (a page that inflates to gigabytes of drawing) is stopped at the next page and skipped.
 */
export const MAX_PDF_READ_MS = 60_000;

/**
 * A PDF's text, page by page as pdf.js gives it, stopped and skipped (UnreadableFile) when it has more than
 * MAX_PDF_PAGES pages, its text runs past `maxChars` or its reading past MAX_PDF_READ_MS.
 */
async function pdfText(bytes: Buffer, maxChars: number): Promise<JoinedPages> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    if (pdf.numPages > MAX_PDF_PAGES) throw new UnreadableFile(`it has ${pdf.numPages.toLocaleString('en-GB')} pages, over the ${MAX_PDF_PAGES.toLocaleString('en-GB')} a report may`);
    const started = Date.now();
    const pages: string[] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      page.cleanup();
      chars += text.length;
      if (chars > maxChars) {
        throw new UnreadableFile(`its text runs past ${maxChars.toLocaleString('en-GB')} characters by page ${n} of ${pdf.numPages}, over what a report may hold; ` +
          'split it into smaller files');
      }
      if (Date.now() - started > MAX_PDF_READ_MS) {
        throw new UnreadableFile(`reading it took over ${MAX_PDF_READ_MS / 1000} s (stopped at page ${n} of ${pdf.numPages})`);
      }
      pages.push(text.replace(/\r\n?/g, '\n'));
    }
    return layOutPages(pages);
  } finally {
    await pdf.destroy();
  }
}

/** How many lines at the top and at the bottom of a page may be running headers, footers or page numbers. */
const PAGE_EDGE_LINES = 3;
/** A running header or footer repeats at the edge of at least this share of the pages (and of two pages at least). */
const RUNNING_SHARE = 0.3;
/** The page break between two pages of one sentence: a form feed starts the line the sentence goes on in. */
export const PAGE_BREAK = '\f';

/** A page's edge line with its numbers blanked ("15 to 26 May 2023 2" → "# to # may # #"), to find repeats. */
function edgeKey(line: string): string {
  return line.trim().toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

/** A page number as printed at a page's edge: "7", "Page 7", "Page 7 of 12", "- 7 -". */
function isPageNumber(line: string, page: number): boolean {
  const m = /^\s*(?:page\s+)?[-–]?\s*(\d{1,4})\s*[-–]?(?:\s+of\s+\d{1,4})?\s*$/i.exec(line);
  return m !== null && Math.abs(Number(m[1]) - page) <= 2;
}

/**
 * The text of a PDF from the text of its pages, laid out as a reader (and poppler's pdftotext) reads it: running
 * headers and footers ("Inspection of Worcestershire local authority children’s services" over "15 to 26 May 2023 2")
 * and page numbers left out, footnotes without their numbers; a word hyphenated at a line's end joined as pdftotext
 * joins it ("Multi-" + "agency" → "Multiagency"); a page break a blank line, so it ends a passage, unless the sentence
 * clearly runs on (the next page starts in lower case, or this one stops on "the" or a comma), where the next page's
 * first line starts with PAGE_BREAK instead.
 */
export function joinPages(pages: string[]): string {
  return layOutPages(pages).text;
}

/** A PDF's text as joinPages lays it out, and where each of its pages starts in it. */
export interface JoinedPages {
  text: string;
  /** The offset in `text` at which each page starts (page 1 at 0); a page with no text starts where the text before it ends. */
  pageStarts: number[];
}

/** The text of a PDF's pages as joinPages lays it out, with the offset at which each page starts. */
export function layOutPages(pages: string[]): JoinedPages {
  const lines = pages.map((page) => page.split('\n').map((l) => l.trimEnd()));
  const blank = (line: string): boolean => line.trim().length === 0;
  // Lines near the edges of several pages that read the same but for their numbers are running headers and footers.
  const pagesWith = new Map<string, number>();
  for (const page of lines) {
    const filled = page.filter((l) => !blank(l));
    const edges = new Set([...filled.slice(0, PAGE_EDGE_LINES), ...filled.slice(-PAGE_EDGE_LINES)].map(edgeKey));
    for (const key of edges) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const running = (line: string): boolean => {
    const n = pagesWith.get(edgeKey(line)) ?? 0;
    return n >= 2 && n >= RUNNING_SHARE * pages.length;
  };
  const bodies = lines.map((page, i) => {
    const edge = (line: string): boolean => running(line) || isPageNumber(line, i + 1);
    // Up to PAGE_EDGE_LINES lines are taken off each end, blank lines with them.
    let from = 0;
    let to = page.length;
    let top = 0;
    let bottom = 0;
    while (from < to && (blank(page[from]!) || (top < PAGE_EDGE_LINES && edge(page[from]!)))) if (!blank(page[from++]!)) top++;
    while (to > from && (blank(page[to - 1]!) || (bottom < PAGE_EDGE_LINES && edge(page[to - 1]!)))) if (!blank(page[--to]!)) bottom++;
    // Within a page a blank line stays one: it ends a paragraph.
    const body = page.slice(from, to).filter((l, j, all) => !blank(l) || !blank(all[j - 1] ?? ''));
    return dehyphenate(unmarkFootnotes(body));
  });
  let text = '';
  const starts: number[] = [];
  for (const body of bodies) {
    starts.push(text.length);
    if (body.length === 0) continue;
    const last = text.slice(text.lastIndexOf('\n') + 1);
    const first = body[0]!.trim();
    // The sentence runs on: the next page starts in lower case, or this one stops where no sentence can.
    const runsOn = text.length > 0 && !/[.!?:;]["'’”)]*$/.test(last) &&
      (/^[a-z]/.test(first) || (OPEN_END.test(last) && !/^(?:\(?\d{1,3}(?:\.\d{1,2})?[.)]?\s|[-*•◦▪■◼●\uF000-\uF0FF]\s)/.test(first)));
    const joint = text.length === 0 ? '' : runsOn ? `\n${PAGE_BREAK}` : '\n\n';
    starts[starts.length - 1] = text.length + joint.length;
    text += joint + body.join('\n');
  }
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  return { text: trimmed, pageStarts: starts.map((at) => Math.min(Math.max(0, at - lead), trimmed.length)) };
}

/** A line that stops where no sentence can: on a comma or a word that needs a next one. */
const OPEN_END = /(?:,|\b(?:the|a|an|of|and|or|to|in|on|at|by|for|from|with|that|which|who|is|are|was|were|be|been|has|have|had|its|their|this|these|those|as|than|into|under|over|about|including))$/;

/**
 * A page's footnotes without their numbers ("3 These are residential special schools…", marked "schools3" above):
 * another PDF reader sets the number apart from the note.
 */
function unmarkFootnotes(lines: string[]): string[] {
  const marked = new Map<string, number>();
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/[a-z%)](\d{1,2})(?=[\s.,;:)]|$)/g)) if (!marked.has(m[1]!)) marked.set(m[1]!, i);
  });
  return lines.map((line, i) => {
    const note = /^(\d{1,2})\s+(?=[A-Z])/.exec(line);
    return note && (marked.get(note[1]!) ?? Infinity) < i ? line.slice(note[0].length) : line;
  });
}

/** Joins words hyphenated at a line's end as pdftotext does ("well-" + "coordinated" → "wellcoordinated"). */
function dehyphenate(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 0; i + 1 < out.length; i++) {
    const line = out[i]!;
    const next = out[i + 1]!;
    if (!/\p{L}-$/u.test(line) || !/^\s*\p{L}/u.test(next)) continue;
    const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(next)!;
    out[i] = line.slice(0, -1) + m[1]!;
    // The rest of the next line stays on a line of its own, so the text keeps its width.
    if (m[2]) out[i + 1] = m[2];
    else out.splice(i + 1, 1);
  }
  return out;
}

/**
 * The most a Word document may inflate to, all its parts together, in bytes (24 MB): its XML runs to some five to ten
 * times its text, so this is room for the longest report a corpus may hold (MAX_DOCUMENT_CHARS of text). A document that inflates further (a zip bomb:
 * 62 kB that inflates to 25 MB of text) is skipped before it is inflated.
 */
export const MAX_DOCX_INFLATED_BYTES = 24 * 1024 * 1024;

/** The most parts a Word document's zip may hold (a report has a few dozen). */
export const MAX_DOCX_ENTRIES = 2000;

/**
 * Checks a Word document's zip before it is read: the sizes its central directory gives, and that each part inflates
 * to no more than its given size (a zip may understate them), so that no part is inflated past
 * MAX_DOCX_INFLATED_BYTES in all. Throws UnreadableFile when it is not a zip, or inflates too far.
 */
export function checkZipSizes(bytes: Buffer): void {
  const notZip = (why: string): UnreadableFile => new UnreadableFile(`it is not a Word document (${why})`);
  // The end of central directory record: 22 bytes, after which a comment of up to 65,535 bytes may follow.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notZip('no zip directory');
  const count = bytes.readUInt16LE(end + 10);
  const at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new UnreadableFile('it is a zip64 archive, larger than a Word document may be');
  if (count > MAX_DOCX_ENTRIES) throw new UnreadableFile(`its zip holds ${count} parts, over the ${MAX_DOCX_ENTRIES} a Word document may`);
  let total = 0;
  let p = at;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) throw notZip('a damaged zip directory');
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const local = bytes.readUInt32LE(p + 42);
    if (size === 0xffffffff || compressed === 0xffffffff) throw new UnreadableFile('it is a zip64 archive, larger than a Word document may be');
    total += size;
    if (total > MAX_DOCX_INFLATED_BYTES) {
      throw new UnreadableFile(`it inflates to more than ${MAX_DOCX_INFLATED_BYTES / (1024 * 1024)} MB, more than a Word document may; ` +
        'it is skipped without being inflated');
    }
    if (method === 8) {
      if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw notZip('a damaged zip entry');
      const from = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      try {
        // One byte more than the part says it holds: a part that fills it understates its size.
        const inflated = inflateRawSync(bytes.subarray(from, from + compressed), { maxOutputLength: size + 1 });
        if (inflated.length > size) throw new RangeError('larger');
      } catch (e) {
        if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new UnreadableFile('a part of its zip inflates to more than the size its directory gives; it is skipped');
        }
        throw notZip(`a part does not inflate: ${(e as Error).message}`);
      }
    } else if (method !== 0) {
      throw notZip(`a part is compressed with method ${method}`);
    }
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
}

async function docxText(bytes: Buffer): Promise<string> {
  checkZipSizes(bytes);
  const mammoth = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', pound: '£', hellip: '…',
};

/**
 * `html` without its scripts, styles, noscript and template elements, in work that grows with its length: an element
 * never closed is left as it is, as is every later one of its name (none of them can close either).
 */
function dropElements(html: string): string {
  const open = /<(script|style|noscript|template)\b/gi;
  const unclosed = new Set<string>();
  let out = '';
  let kept = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(html)) !== null) {
    const name = m[1]!.toLowerCase();
    if (unclosed.has(name)) continue;
    const close = new RegExp(`</${name}\\s*>`, 'gi');
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(html);
    if (!end) {
      unclosed.add(name);
      continue;
    }
    out += html.slice(kept, m.index);
    kept = end.index + end[0].length;
    open.lastIndex = kept;
  }
  return out + html.slice(kept);
}

/**
 * Applies a pattern that ends in `closing` only to the text up to the last `closing`: after it, the pattern cannot
 * match, and trying it at each opening there would take time growing with the square of the text's length.
 */
function beforeLast(text: string, closing: string, apply: (head: string) => string): string {
  const last = text.lastIndexOf(closing);
  if (last < 0) return text;
  const end = last + closing.length;
  return apply(text.slice(0, end)) + text.slice(end);
}

/** HTML to text: scripts and styles dropped, block elements on lines of their own, entities decoded. */
export function htmlText(html: string): string {
  const withoutComments = beforeLast(dropElements(html), '-->', (head) => head.replace(/<!--[\s\S]*?-->/g, ''));
  const text = beforeLast(withoutComments, '>', (head) => head
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|dt|dd)\b[^>]*>/gi, '\n\n')
    .replace(/<\/?(td|th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, ''));
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
