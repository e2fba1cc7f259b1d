/** The welcome and help messages: what the bot does, its commands, and example questions to tap. */
import type { Activity, Attachment } from 'botbuilder';
import type { CorpusIndex } from '../search/CorpusIndex';
import { parseIso } from '../timeline/dates';
import { adaptiveCard, type CardElement } from './answerCard';
import { questionButton } from './answerMessage';
import { readableDate } from './citationEntity';

/** Questions offered as buttons on the welcome and help cards. */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'When was the last monitoring visit to Worcestershire?',
  'What was Oxfordshire judged at its last inspection?',
  'How many monitoring visits has Worcestershire had?',
  'Who led the seventh monitoring visit to Worcestershire?',
  'What did Ofsted say Oxfordshire must improve?',
  'Show the inspection history of Oxfordshire',
];

/** The button that opens the lookup form: it sends "lookup" as if the user had typed it. */
export const LOOKUP_BUTTON = { title: 'Look up the timeline', command: 'lookup' } as const;

const ABOUT =
  "I answer questions about Ofsted inspections of English councils' children's services from the reports I hold, " +
  'quoting my sources. My answers are extracted from those documents, not generated.';

const COMMANDS = [
  'You can also type:',
  '- **use** &lt;authority&gt; to set the authority I assume when a question names none, e.g. "use Worcestershire"',
  '- **lookup** to look up an authority\'s timeline with a form: the kind of inspection or visit, years, words',
  '- **subscribe** &lt;authority&gt; to be told in this chat when a new report about it is loaded; **unsubscribe** &lt;authority&gt;; **subscriptions** to list them',
  '- follow-ups such as "and before that?", "who led it?" or "what about Oxfordshire?"',
  '- **help** to see this again',
].join('\n');

/** How much is on record and how fresh it is, as /healthz and the help say it. */
export interface SourceCounts {
  documents: number;
  /** Authorities with any document or inspection on record, Ofsted's national record included. */
  authorities: number;
  /** Authorities that documents of their own are about (reports, letters, papers), not only rows of the national record. */
  authoritiesWithDocuments: number;
  /** The newest document's date (YYYY-MM-DD or YYYY-MM), from its catalog entry or its own date line, not the clock; null when none is dated. */
  newestSource: string | null;
}

/** The counts of the index being served. */
export function sourceCounts(index: Pick<CorpusIndex, 'corpus' | 'authoritiesOnRecord'>): SourceCounts {
  const withDocuments = new Set<string>();
  let newest: string | null = null;
  for (const d of index.corpus.documents) {
    if (d.authority) withDocuments.add(d.authority);
    if (d.date && parseIso(d.date) && (newest === null || d.date > newest)) newest = d.date;
  }
  return {
    documents: index.corpus.documents.length,
    authorities: index.authoritiesOnRecord().length,
    authoritiesWithDocuments: withDocuments.size,
    newestSource: newest,
  };
}

/** "On record: 15 documents, about 153 authorities (reports and papers of 3 of them); the newest source is dated 20 August 2026." */
export function freshnessLine(counts: SourceCounts): string {
  if (counts.documents === 0) return 'No documents are on record yet.';
  const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  const own = counts.authoritiesWithDocuments < counts.authorities
    ? ` (reports and papers of ${counts.authoritiesWithDocuments.toLocaleString('en-GB')} of them)`
    : '';
  const newest = counts.newestSource ? `; the newest source is dated ${readableDate(counts.newestSource)}` : '';
  return `On record: ${plural(counts.documents, 'document', 'documents')}, about ${plural(counts.authorities, 'authority', 'authorities')}${own}${newest}.`;
}

/**
 * The reply to "help": what the bot does, how much it holds and how fresh (when `counts` is given), its commands,
 * and the example questions as buttons.
 */
export function helpMessage(counts?: SourceCounts | null): Partial<Activity> {
  return message(`${ABOUT}${counts ? ` ${freshnessLine(counts)}` : ''}\n\n${COMMANDS}`);
}

/** The greeting for a new conversation: what the bot does, and the example questions as buttons. */
export function welcomeMessage(): Partial<Activity> {
  return message(`Hello. ${ABOUT}\n\nTap a question to try it, or ask your own.\n\n${COMMANDS}`);
}

function message(text: string): Partial<Activity> {
  return { type: 'message', text, textFormat: 'markdown', attachments: [examplesCard()] };
}

/** One tappable block per example question, then the lookup button; a tap asks the question (see questionButton). */
function examplesCard(): Attachment {
  const body: CardElement[] = [
    { type: 'TextBlock', text: 'Try asking', size: 'medium', weight: 'bolder', style: 'heading', wrap: true },
    // A button's title stays on one line and is cut short in a narrow column; a tappable block wraps the whole question.
    ...EXAMPLE_QUESTIONS.map((question): CardElement => ({
      type: 'Container',
      style: 'emphasis',
      spacing: 'small',
      selectAction: questionButton(question, question),
      items: [{ type: 'TextBlock', text: question, wrap: true, color: 'accent' }],
    })),
    {
      type: 'ActionSet',
      separator: true,
      actions: [{ ...questionButton(LOOKUP_BUTTON.title, LOOKUP_BUTTON.command), style: 'positive' }],
    },
  ];
  return adaptiveCard(body);
}
