/** What a search returns: typed hits over passages and events. */

export interface SearchHit {
  id: string;
  type: 'passage' | 'event';
  file: string;
  authority: string;
  score: number;
  /** The query terms that matched. */
  terms: string[];
}

export interface SearchFilter {
  authority?: string | null | undefined;
  type?: 'passage' | 'event' | undefined;
}
