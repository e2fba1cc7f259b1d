/**
 * Checks a lookup card with the adaptivecards library, as `cardProblems` does, with the two parts that library cannot
 * check at 1.5 checked on their own:
 * - `choices.data` (Teams' dynamic typeahead): Teams reads it on cards of 1.2 and later; the library knows it only
 *   from 1.6, so it is checked by the library at 1.6;
 * - an action's `fallback` (the Action.Submit that Teams clients without universal actions show instead of an
 *   Action.Execute): the library reads but never writes an action's fallback, so it is checked as an action of its own.
 */
import type * as AC from 'adaptivecards';
import { CARD_VERSION } from '../../src/teams/answerCard';
import { cardNodes, cardProblems } from './cardProblems';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.min.js') as typeof AC;

/** What is wrong with a lookup card's JSON; none for a valid card. */
export function lookupCardProblems(json: unknown): string[] {
  const card = structuredClone(json);
  const problems: string[] = [];
  for (const node of cardNodes(card)) {
    if (node.type === 'Input.ChoiceSet' && 'choices.data' in node) {
      problems.push(...dataQueryProblems(node['choices.data']));
      delete node['choices.data'];
    }
    if (node.type === 'Action.Execute' && 'fallback' in node) {
      problems.push(...fallbackProblems(node, node.fallback));
      delete node.fallback;
    }
  }
  return [...problems, ...cardProblems(card)];
}

function dataQueryProblems(query: unknown): string[] {
  const context = new AdaptiveCards.SerializationContext(new AdaptiveCards.Version(1, 6));
  const input = new AdaptiveCards.ChoiceSetInput();
  input.parse({ type: 'Input.ChoiceSet', id: 'typeahead', 'choices.data': query }, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`choices.data: ${context.getEventAt(i).message}`);
  if (!input.choicesData?.dataset) problems.push('choices.data: no dataset');
  return problems;
}

/** The fallback must be a valid Action.Submit with the same title, sending the action's data and its verb. */
function fallbackProblems(action: Record<string, unknown>, fallback: unknown): string[] {
  const problems = cardProblems({ type: 'AdaptiveCard', version: CARD_VERSION, body: [{ type: 'ActionSet', actions: [fallback] }] })
    .map((p) => `fallback: ${p}`);
  const f = fallback as Record<string, unknown>;
  if (f.type !== 'Action.Submit') problems.push(`fallback: is ${String(f.type)}, not Action.Submit`);
  if (f.title !== action.title) problems.push(`fallback: title ${String(f.title)} is not the action's ${String(action.title)}`);
  const expected = { ...(action.data as Record<string, unknown>), verb: action.verb };
  if (JSON.stringify(sorted(f.data)) !== JSON.stringify(sorted(expected))) {
    problems.push(`fallback: sends ${JSON.stringify(f.data)}, not the action's data and verb ${JSON.stringify(expected)}`);
  }
  return problems;
}

function sorted(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
