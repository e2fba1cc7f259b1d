/** Checks an Adaptive Card the way a client would read it, with the adaptivecards library. */
import type * as AC from 'adaptivecards';
import { CARD_VERSION } from '../../src/teams/answerCard';

// The package's lib/ is ES modules with extensionless imports, which Node cannot load; its bundled build is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.min.js') as typeof AC;

/**
 * What is wrong with a card's JSON, as messages; none for a valid card. Covers what the library reports while
 * parsing (unknown types, bad values, properties newer than CARD_VERSION) and validating (duplicate ids, empty
 * collections), plus what it lets pass: properties it does not know (lost when the card is written back) and
 * ToggleVisibility targets that name no element.
 */
export function cardProblems(json: unknown): string[] {
  const [major, minor] = CARD_VERSION.split('.').map(Number);
  // Without a version the context targets the library's latest (1.6), and 1.6-only properties would pass.
  const context = new AdaptiveCards.SerializationContext(new AdaptiveCards.Version(major, minor));
  const card = new AdaptiveCards.AdaptiveCard();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  problems.push(...lostInRoundTrip(json, card.toJSON(context), '$'));
  problems.push(...missingToggleTargets(json));
  return problems;
}

function lostInRoundTrip(given: unknown, written: unknown, path: string): string[] {
  if (Array.isArray(given)) {
    if (!Array.isArray(written) || written.length !== given.length) return [`round trip: ${path} changed`];
    return given.flatMap((g, i) => lostInRoundTrip(g, written[i], `${path}[${i}]`));
  }
  if (isObject(given)) {
    if (!isObject(written)) return [`round trip: ${path} changed`];
    // Action.Submit data is free-form JSON: compared whole, not property by property.
    return Object.entries(given).flatMap(([k, v]) => k in written
      ? (k === 'data' ? sameJson(v, written[k], `${path}.${k}`) : lostInRoundTrip(v, written[k], `${path}.${k}`))
      : [`round trip: ${path}.${k} was dropped (a property the library does not know, or an empty collection)`]);
  }
  return sameValue(given, written) ? [] : [`round trip: ${path} was ${JSON.stringify(given)}, is ${JSON.stringify(written)}`];
}

function sameJson(a: unknown, b: unknown, path: string): string[] {
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`round trip: ${path} changed`];
}

// The library writes enum values in its own case ("Bolder" for "bolder"); Adaptive Cards compares them caselessly.
function sameValue(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function missingToggleTargets(json: unknown): string[] {
  const nodes = cardNodes(json);
  const ids = new Set<unknown>(nodes.map((n) => n.id).filter((id) => typeof id === 'string'));
  return nodes
    .filter((n) => n.type === 'Action.ToggleVisibility' && Array.isArray(n.targetElements))
    .flatMap((n) => n.targetElements as unknown[])
    .map((t) => (isObject(t) ? t.elementId : t))
    .filter((t) => !ids.has(t))
    .map((t) => `toggle: no element has id ${JSON.stringify(t)}`);
}

/** Every object in a card's JSON (elements, actions, columns, data), depth first in document order. */
export function cardNodes(json: unknown): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      nodes.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(json);
  return nodes;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
