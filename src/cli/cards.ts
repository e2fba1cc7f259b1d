/**
 * `npm run cards`: every kind of card the bot sends, built from the bundled data by the real engine, rendered with the
 * adaptivecards library in a page styled as Teams' light theme, and photographed in headless Chromium at Teams' chat
 * widths into docs/cards/. A development command: it needs Chromium and the development dependencies.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Attachment } from 'botbuilder';
import { answerQuestion } from '../answer/answerQuestion';
import { lookupEvents } from '../answer/lookupEvents';
import { linkedReport, resultDetail, searchInspections, type SearchResult } from '../answer/searchInspections';
import { AuthorityDirectory } from '../corpus/authorities';
import type { CorpusIndex } from '../search/CorpusIndex';
import { openCorpus } from '../search/openCorpus';
import { CARD_VERSION, SOURCES_ID } from '../teams/answerCard';
import { answerMessage } from '../teams/answerMessage';
import { helpMessage } from '../teams/helpMessage';
import { lookupFormCard, lookupResultCard } from '../teams/lookupCard';
import { notificationMessage } from '../teams/notificationCard';
import { detailCard, LINK_CARD_VERSION, linkCard, resultCard } from '../teams/searchResults';
import { parseOrExplain, runIfMain } from './args';
import { commandDefaults } from './paths';

const USAGE = `Usage: npm run cards -- [--data DIR] [--out DIR] [--chromium PATH]

Builds every kind of card the bot sends from the reports in DIR (default: data), renders each with the
adaptivecards library in a page styled as Teams' light theme, and saves a picture of each at Teams' chat
widths as PNG files (default: docs/cards).

  --data DIR        the folder of reports
  --out DIR         where the pictures go
  --chromium PATH   the Chromium to run (default: chromium, as Debian installs it; also CHROMIUM)
  --help            show this help`;

/** The widths cards are photographed at, in CSS pixels: a phone or a narrow window, and Teams' usual chat column. */
export const CHAT_WIDTHS = [
  { name: 'narrow', px: 320 },
  { name: 'chat', px: 540 },
] as const;

/** Tallest picture, in CSS pixels: the window is this tall, and the picture is cut to the card. */
export const MAX_PICTURE_HEIGHT = 6_000;

/** Teams' font, then one of the same widths as Arial where Segoe UI is not installed. */
const FONT_FAMILY = "'Segoe UI', 'Liberation Sans', Arial, sans-serif";

/** Space around the card in a picture, in CSS pixels. */
const MARGIN = 12;

/** One card as a person meets it. */
export interface CardSample {
  /** File name stem of its pictures. */
  id: string;
  /** What it is, for the page of pictures. */
  title: string;
  /** Where in Teams it appears and what brings it. */
  surface: string;
  /** The Adaptive Card's JSON. */
  card: Record<string, unknown>;
  /** The schema version it is read as. */
  version: string;
  /** What the library says of it that is understood and left as it is, with why (messages it starts with). */
  understood?: { message: string; why: string }[];
}

/** Teams reads dynamic typeahead (`choices.data`) on cards of 1.2 and later; the library knows it only from 1.6. */
export const TYPEAHEAD_NOTE = { message: 'Property "choices.data" is supported in version 1.6', why: 'Teams reads it on cards of 1.2 and later' };

const ask = (index: CorpusIndex, question: string): Attachment | undefined => answerMessage(answerQuestion(index, question)).attachments?.[0];

function contentOf(attachment: Attachment | undefined, what: string): Record<string, unknown> {
  if (!attachment) throw new Error(`the bundled data gave no card for ${what}: check the data folder`);
  return attachment.content as Record<string, unknown>;
}

function firstResult(index: CorpusIndex, search: string, type: 'event' | 'passage'): SearchResult {
  const outcome = searchInspections(index, search, { skip: 0, count: 25 });
  const result = outcome.status === 'found' ? outcome.results.find((r) => r.ref.type === type) : undefined;
  if (!result) throw new Error(`the search "${search}" found no ${type} in the bundled data`);
  return result;
}

/** The card with the container of sources (or quotes) shown, as after a tap on its toggle. */
export function withSourcesShown(card: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(card)) as Record<string, unknown>;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === SOURCES_ID) o.isVisible = true;
      Object.values(o).forEach(walk);
    }
  };
  walk(copy);
  return copy;
}

/** Every kind of card the bot sends, built from this corpus as the bot builds them. */
export function cardSamples(index: CorpusIndex): CardSample[] {
  const v = CARD_VERSION;
  const national = contentOf(ask(index, 'which authorities are judged inadequate?'), 'the national list');
  const lookup = lookupResultCard(lookupEvents(index, { authority: 'Worcestershire', kind: 'monitoring', fromYear: 2017, toYear: 2019, words: '' }));
  const event = firstResult(index, 'worcestershire monitoring 2019', 'event');
  const passage = firstResult(index, 'oxfordshire care leavers', 'passage');
  const eventDetail = resultDetail(index, event.ref);
  if (!eventDetail) throw new Error(`no detail for ${event.ref.id}`);
  const linked = index.corpus.documents.map((d) => (d.url ? linkedReport(index, d.url) : null)).find((r) => r !== null && r.events.length > 0);
  if (!linked) throw new Error('no document of the bundled data has an address and events for a link card');
  return [
    {
      id: 'national-list', title: 'National list', version: v, card: national,
      surface: 'A reply in chat to a question about every authority, such as "which authorities are judged inadequate?".',
    },
    {
      id: 'national-list-sources', title: 'National list, sources shown', version: v, card: withSourcesShown(national),
      surface: 'The same card after a tap on "Show the sources".',
    },
    {
      id: 'history', title: 'Inspection history', version: v,
      card: contentOf(ask(index, "show me Worcestershire's inspection history"), 'the history'),
      surface: 'A reply in chat to "show me Worcestershire\'s inspection history".',
    },
    {
      id: 'answer', title: 'Answer of several rows', version: v,
      card: contentOf(ask(index, 'list Worcestershire\'s monitoring visits'), 'the answer'),
      surface: 'A reply in chat to a question whose answer has several rows, such as "list Worcestershire\'s monitoring visits".',
    },
    {
      id: 'lookup-form', title: 'Lookup form', version: v,
      card: contentOf(lookupFormCard({ authoritiesOnRecord: index.authoritiesOnRecord() }), 'the lookup form'),
      surface: 'The reply to "lookup", or to "Look up the timeline" on the welcome and help cards.',
      understood: [TYPEAHEAD_NOTE],
    },
    {
      id: 'lookup-result', title: 'Lookup result', version: v, card: contentOf(lookup, 'the lookup result'),
      surface: 'The form after "Look up", replaced in place by its result (here Worcestershire\'s monitoring visits, 2017 to 2019).',
    },
    {
      id: 'search-event', title: 'Search result: an inspection or visit', version: v, card: contentOf(resultCard(event), 'an event result'),
      surface: 'The card a search result of the message extension puts in the compose box ("worcestershire monitoring 2019").',
    },
    {
      id: 'search-passage', title: 'Search result: a passage', version: v, card: contentOf(resultCard(passage), 'a passage result'),
      surface: 'A passage found by words ("oxfordshire care leavers"), as the compose box gets it.',
    },
    {
      id: 'search-selected', title: 'Search result opened in full', version: v, card: contentOf(detailCard(eventDetail), 'the detail card'),
      surface: 'The full card of the result a person picks from the message extension\'s list.',
    },
    {
      id: 'link-unfurl', title: 'Link unfurl', version: LINK_CARD_VERSION, card: contentOf(linkCard(linked), 'the link card'),
      surface: 'A link to a report the bot holds, pasted into a message (Adaptive Card 1.3, the highest link unfurling renders).',
    },
    {
      id: 'welcome', title: 'Welcome and help', version: v, card: contentOf(helpMessage().attachments?.[0], 'the help card'),
      surface: 'The card under the welcome and "help" messages: example questions to tap, and the lookup.',
    },
    {
      id: 'notification', title: 'Notification of a new event', version: v,
      card: contentOf(notificationMessage(resultDetail(index, { type: 'event', id: 'oxfordshire:standard:2024-02-12' })!, 'Oxfordshire').attachments?.[0], 'the notification'),
      surface: 'Posted unasked to a chat or channel subscribed to the authority when a new inspection or visit of it is on record.',
    },
  ];
}

/**
 * Host config in the manner of Teams' light theme: Segoe UI (Liberation Sans, of Arial's widths, where Segoe UI is
 * not installed), 14 px text, Teams' spacing and its text colours. An approximation: Teams does not publish its own.
 */
export function teamsHostConfig(narrow: boolean): Record<string, unknown> {
  const colour = (d: string, s: string) => ({ default: d, subtle: s });
  const foregroundColors = {
    default: colour('#242424', '#616161'),
    dark: colour('#242424', '#616161'),
    light: colour('#FFFFFF', '#F5F5F5'),
    accent: colour('#5B5FC7', '#4F52B2'),
    good: colour('#0E700E', '#107C10'),
    warning: colour('#8A3707', '#835B00'),
    attention: colour('#C4314B', '#A52A3E'),
  };
  return {
    fontFamily: FONT_FAMILY,
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 20, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E0E0E0' },
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    lineHeights: { small: 16, default: 20, medium: 22, large: 24, extraLarge: 32 },
    containerStyles: {
      default: { backgroundColor: '#FFFFFF', foregroundColors },
      emphasis: { backgroundColor: '#F5F5F5', foregroundColors },
    },
    actions: {
      maxActions: 6, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 8 },
      // Teams on a phone stacks a card's buttons; on the desktop it sets them side by side.
      actionsOrientation: narrow ? 'vertical' : 'horizontal', actionAlignment: 'stretch',
    },
    textBlock: { headingLevel: 2 },
    inputs: { label: { requiredInputs: { suffix: ' *' }, optionalInputs: {} }, errorMessage: { size: 'small', weight: 'default' } },
  };
}

const PAGE_CSS = `
html, body { margin: 0; background: #F5F5F5; font-family: ${FONT_FAMILY}; }
#frame { margin: ${MARGIN}px; background: #FFFFFF; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); overflow: hidden; }
.ac-adaptiveCard { border-radius: 6px; }
.ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; color: #242424; background: #FFFFFF; border: 1px solid #D1D1D1;
  border-radius: 4px; padding: 5px 12px; min-height: 32px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; cursor: pointer; }
.ac-pushButton.style-positive, .ac-pushButton.primary { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
.ac-input, .ac-input select, .ac-input input, .ac-textInput, .ac-numberInput, .ac-multichoiceInput { font-family: inherit; font-size: 14px;
  box-sizing: border-box; width: 100%; min-height: 32px; border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; padding: 4px 8px; background: #FFFFFF; }
a { color: #5B5FC7; text-decoration: none; }
input, select, textarea, button { font-family: inherit; }
`;

/** A page that renders one card with the adaptivecards library at `width` CSS pixels. */
export function cardsPage(sample: CardSample, width: number, libraryFile: string): string {
  const host = teamsHostConfig(width < 400);
  // The data goes into a script as JSON: "<" is written as \u003c so no text of a card can close the script.
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${sample.id}</title><style>${PAGE_CSS}</style></head>
<body><div id="frame" style="width:${width}px"></div>
<script src="${libraryFile}"></script>
<script>
  const AC = window.AdaptiveCards;
  // Teams reads a subset of Markdown in text: bold, italics, links, line breaks.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    result.outputHtml = escaped
      .replace(/\\[([^\\]]+)\\]\\((https?:[^)\\s]+)\\)/g, '<a href="$2">$1</a>')
      .replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>')
      .replace(/\\n/g, '<br>');
    result.didProcess = true;
  };
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(${json(host)});
  const [major, minor] = ${json(sample.version)}.split('.').map(Number);
  const context = new AC.SerializationContext(new AC.Version(major, minor));
  card.parse(${json(sample.card)}, context);
  const problems = [];
  const understood = ${json((sample.understood ?? []).map((u) => u.message))};
  for (let i = 0; i < context.eventCount; i++) {
    const message = context.getEventAt(i).message;
    if (!understood.some((u) => message.startsWith(u))) problems.push(message);
  }
  document.getElementById('frame').appendChild(card.render());
  document.title = problems.length ? 'problems: ' + problems.join('; ') : 'rendered';
</script></body></html>`;
}

/** Cuts a screenshot to the card: the rows below the frame, of the page's background alone, are dropped. */
function cropToCard(file: string): { width: number; height: number } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PNG } = require('pngjs') as typeof import('pngjs');
  const png = PNG.sync.read(readFileSync(file));
  const { width, data } = png;
  const background = [data[0], data[1], data[2]];
  let last = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (data[i] !== background[0] || data[i + 1] !== background[1] || data[i + 2] !== background[2]) {
        last = y;
        break;
      }
    }
  }
  const height = Math.min(png.height, last + 1 + MARGIN);
  const out = new PNG({ width, height });
  PNG.bitblt(png, out, 0, 0, width, height, 0, 0);
  writeFileSync(file, PNG.sync.write(out));
  return { width, height };
}

function findLibrary(): string {
  const file = require.resolve('adaptivecards/dist/adaptivecards.min.js');
  if (!existsSync(file)) throw new Error(`adaptivecards is not installed (${file}): run npm ci`);
  return file;
}

/** Runs the command on argv (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseOrExplain('cards', argv, { values: ['--data', '--out', '--chromium'], switches: ['--help'] }, USAGE);
  if (!args) return 2;
  if (args.switches.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dir = args.values.get('--data') ?? commandDefaults().dataDir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`cards: data folder "${dir}" does not exist\n`);
    return 2;
  }
  const out = resolve(args.values.get('--out') ?? resolve(__dirname, '../../docs/cards'));
  const chromium = args.values.get('--chromium') ?? process.env['CHROMIUM'] ?? 'chromium';
  const index = await openCorpus(dir, AuthorityDirectory.load(), {});
  const samples = cardSamples(index);
  const work = mkdtempSync(join(tmpdir(), 'cards-'));
  try {
    copyFileSync(findLibrary(), join(work, 'adaptivecards.min.js'));
    mkdirSync(out, { recursive: true });
    for (const sample of samples) {
      for (const w of CHAT_WIDTHS) {
        const page = join(work, `${sample.id}-${w.name}.html`);
        writeFileSync(page, cardsPage(sample, w.px, 'adaptivecards.min.js'));
        const base = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1',
          '--allow-file-access-from-files', '--virtual-time-budget=3000'];
        let dom: string;
        try {
          dom = execFileSync(chromium, [...base, '--dump-dom', `file://${page}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        } catch (e) {
          process.stderr.write(`cards: could not run ${chromium} (${(e as Error).message.split('\n')[0]}); install it with "apt-get install chromium" or pass --chromium PATH\n`);
          return 1;
        }
        const title = /<title>([^<]*)<\/title>/.exec(dom)?.[1] ?? '';
        if (title !== 'rendered') {
          process.stderr.write(`cards: ${sample.id} at ${w.px} px did not render cleanly: ${title || 'no title'}\n`);
          return 1;
        }
        const png = join(out, `${sample.id}-${w.px}.png`);
        execFileSync(chromium, [...base, `--screenshot=${png}`, `--window-size=${w.px + 2 * MARGIN},${MAX_PICTURE_HEIGHT}`, `file://${page}`],
          { stdio: 'ignore' });
        const size = cropToCard(png);
        process.stdout.write(`${png} (${size.width}×${size.height})\n`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

runIfMain(module, 'cards', main);
