/**
 * Messages that answer the bot rather than ask it: "thanks", "ok", a bare 👍. They get a short reply of their own,
 * never a search of the documents.
 */

/** The reply to an acknowledgement: short, and inviting the next question. */
export const ACKNOWLEDGEMENT_REPLY = 'Glad to help. Ask another question whenever you like.';

// EXAMPLES: thanks · Thank you! · thanks a lot · many thanks · cheers · ta · ok · OK thanks · okay · got it · great,
// thanks · perfect · that's helpful · understood · noted · brilliant · lovely · cool · nice one
const WORDS = /^(?:(?:ok(?:ay)?|k|right|great|perfect|brilliant|lovely|excellent|awesome|cool|nice(?: one)?|fab(?:ulous)?|fine|good|super|got it|understood|noted|that(?:['’]s| is) (?:great|helpful|useful|perfect|brilliant|fine|good|it|all)|that helps|that(?:['’]s| is) what i needed)(?:[,!.]*\s+(?:thanks|thank you|cheers|ta))?(?:\s+(?:very much|so much|a lot|a million))?|(?:many\s+)?(?:thanks|thank you|thankyou|thx|ty|cheers|ta)(?:\s+(?:very much|so much|a lot|a million|again|for (?:that|this|the (?:help|answer|info(?:rmation)?))))?(?:\s+(?:bot|mate|all))?)$/;

/** Pictographs, their skin tones and joiners, and the marks typed with them. */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3|\s|[!.,:;)(-]|\+1)+$/u;

/** Whether a message is only an acknowledgement ("thanks", "ok", "👍"): words of thanks or assent, or emoji alone. */
export function isAcknowledgement(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (EMOJI_ONLY.test(t) && /[\p{Extended_Pictographic}]|\+1/u.test(t)) return true;
  const words = t.toLowerCase().replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu, ' ')
    .replace(/[.!?,:;]+(?=\s|$)/g, ' ').replace(/\s+/g, ' ').trim();
  return WORDS.test(words);
}
