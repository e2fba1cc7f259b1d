/**
 * Questions as people type them: a misspelt word of the domain ("inspetion", "monitering", "improvment",
 * "recomendations") is read as the word meant, where one word of the domain is that close and no other is.
 */

/** Words of the domain, in the forms questions use; a word typed as one of these is left alone. */
const DOMAIN = [
  'inspection', 'inspections', 'inspected', 'inspector', 'inspectors', 'inspecting', 'reinspection', 're-inspection',
  'monitoring', 'focused', 'focussed', 'visit', 'visits', 'visited', 'judgement', 'judgements', 'judgment', 'judgments',
  'judged', 'improvement', 'improvements', 'improve', 'improving', 'published', 'publish', 'publication', 'report',
  'reports', 'recommendation', 'recommendations', 'outstanding', 'inadequate', 'requires', 'effectiveness', 'framework',
  'assessment', 'leavers', 'protection', 'children', 'childrens', 'services', 'ofsted', 'authority', 'council',
  'committee', 'cabinet', 'director', 'history', 'monitored', 'letter', 'rating', 'rated', 'grade', 'graded', 'overall',
  'targeted', 'previous', 'latest', 'recent', 'happened', 'minister', 'member', 'commissioner', 'chief', 'executive',
  'leaders', 'leader', 'leadership', 'reported', 'reporting', 'visitor', 'visitors', 'letters', 'ratings', 'grades',
  'members', 'improved', 'reviews', 'reviewed', 'inspect', 'authorities', 'county', 'counties', 'borough', 'unitary',
];
const KNOWN = new Set(DOMAIN);

/** Whether a word (any case) is one of the domain's, in one of its forms ("inspections", "councils"). */
export function isDomainWord(word: string): boolean {
  const w = word.toLowerCase();
  return KNOWN.has(w) || inflected(w);
}

/** Whether a word is a domain word with an ending of its own ("councils", "authorities", "committees"). */
function inflected(w: string): boolean {
  const stems = [w.replace(/s$/, ''), w.replace(/es$/, ''), w.replace(/ies$/, 'y'), w.replace(/(?:ed|ing)$/, ''), w.replace(/(?:ed|ing)$/, 'e')];
  return stems.some((s) => s !== w && (KNOWN.has(s) || KNOWN.has(`${s}s`)));
}

/** Levenshtein distance, stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The domain word a typed one stands for, or null when it is a word of its own (one of the domain's, or one the
 * documents use) or too far from any.
 */
export function meantWord(word: string, known: (w: string) => boolean = () => false): string | null {
  const w = word.toLowerCase();
  if (w.length < 6 || KNOWN.has(w) || /[^a-z]/.test(w) || known(w) || inflected(w)) return null;
  const max = w.length >= 9 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = max + 1;
  let tie = false;
  for (const d of DOMAIN) {
    const dist = distance(w, d, max);
    if (dist < bestDistance) {
      best = d;
      bestDistance = dist;
      tie = false;
    } else if (dist === bestDistance && d !== best) tie = true;
  }
  return best && !tie && bestDistance <= max ? best : null;
}

/** The question with its misspelt domain words put right; names (capitalised words) are left as typed. */
export function correctTypos(text: string, known: (w: string) => boolean = () => false): string {
  return text.replace(/\b[a-z]{6,}\b/g, (w) => meantWord(w, known) ?? w);
}
