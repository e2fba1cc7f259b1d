/** The welcome and help messages: what the bot does, its commands, and example questions to tap. */
import type { Activity, Attachment } from 'botbuilder';
import { adaptiveCard, type CardElement } from './answerCard';
import { questionButton } from './answerMessage';

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
  '- follow-ups such as "and before that?", "who led it?" or "what about Oxfordshire?"',
  '- **help** to see this again',
].join('\n');

/** The reply to "help": what the bot does, its commands, and the example questions as buttons. */
export function helpMessage(): Partial<Activity> {
  return message(`${ABOUT}\n\n${COMMANDS}`);
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
