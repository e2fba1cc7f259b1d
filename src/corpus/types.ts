/** What the corpus reader produces: documents with their exact text, split into numbered passages. */

/** One entry of a corpus folder's catalog.json. */
export interface CatalogEntry {
  file: string;
  title?: string | undefined;
  authority?: string | undefined;
  publisher?: string | undefined;
  publisher_kind?: string | undefined;
  kind?: string | undefined;
  /** YYYY-MM-DD or YYYY-MM. */
  date?: string | undefined;
  url?: string | null | undefined;
}

/** A report document as read from the corpus folder. */
export interface SourceDocument {
  /** File name inside the corpus folder; also the document's id. */
  file: string;
  title: string;
  /** The authority the document is about (canonical name), or null when neither the catalog nor the text says. */
  authority: string | null;
  publisher: string | null;
  /** Who the publisher is, where the catalog says ("council", "Ofsted", "newspaper"). */
  publisherKind?: string | null;
  kind: string | null;
  /** YYYY-MM-DD or YYYY-MM, from the catalog or the document's own date line. */
  date: string | null;
  url: string | null;
  /** The document's text, exactly as quotes are taken from it. */
  text: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
  /** For a PDF: the offset in `text` at which each page starts (page 1 at 0), as readDocument gives them. */
  pages?: number[];
}

/** A block of a document: a numbered paragraph, a list, a table row, under its nearest heading. */
export interface Passage {
  /** `${file}#${index}`. */
  id: string;
  file: string;
  index: number;
  /** The source's own paragraph number ("5", "2", "(ii)"), when it has one. */
  number: string | null;
  heading: string | null;
  /** Offsets into the document's text: `text === document.text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
}

/** A sentence (or a list item, or a table row) with offsets into the document's text. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** A problem with one file or catalog entry that did not stop the rest from loading. */
export interface CorpusWarning {
  file: string;
  message: string;
}

/** A loaded corpus folder. */
export interface Corpus {
  dir: string;
  documents: SourceDocument[];
  passages: Passage[];
  warnings: CorpusWarning[];
}
