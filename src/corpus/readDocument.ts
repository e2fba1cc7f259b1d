import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

/** File extensions the corpus reads, lower case with the dot. */
export const READABLE_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx'] as const;

/** True when the corpus can read a file of this name. */
export function isReadable(file: string): boolean {
  return (READABLE_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());
}

/**
 * The text of a report file, as quotes are taken from it: plain text and Markdown as they are, HTML without its
 * markup, PDF and Word documents as their text with paragraphs separated by blank lines.
 */
export async function readDocument(path: string): Promise<{ text: string; bytes: Buffer }> {
  const bytes = await readFile(path);
  const ext = extname(path).toLowerCase();
  let text: string;
  if (ext === '.pdf') text = await pdfText(bytes);
  else if (ext === '.docx') text = await docxText(bytes);
  else if (ext === '.html' || ext === '.htm') text = htmlText(bytes.toString('utf8'));
  else text = bytes.toString('utf8');
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), bytes };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((page) => page.trim()).join('\n\n');
}

async function docxText(bytes: Buffer): Promise<string> {
  const mammoth = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', pound: '£', hellip: '…',
};

/** HTML to text: scripts and styles dropped, block elements on lines of their own, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|dt|dd)\b[^>]*>/gi, '\n\n')
    .replace(/<\/?(td|th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, '')
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
