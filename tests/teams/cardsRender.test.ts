/**
 * Every kind of card the bot sends, built from the bundled data as `npm run cards` builds them, is read and drawn by
 * the adaptivecards library (the renderer Teams' web client is built on) without a warning or an error. Drawing needs
 * a DOM: the small one below holds what the library's renderer touches, so no browser is needed.
 */
import type * as AC from 'adaptivecards';
import { cardSamples, type CardSample } from '../../src/cli/cards';
import { DEFAULT_DATA_DIR } from '../../src/cli/paths';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openFresh } from '../helpers';

// ---------------------------------------------------------------------------------------------------------------
// A DOM of elements, text and styles: enough for the library to build its tree of elements into.

class FakeStyle {
  [key: string]: unknown;
  setProperty(k: string, v: string): void {
    this[k] = v;
  }
  removeProperty(k: string): void {
    delete this[k];
  }
  getPropertyValue(k: string): string {
    return typeof this[k] === 'string' ? (this[k] as string) : '';
  }
}

class FakeNode {
  childNodes: FakeNode[] = [];
  parentNode: FakeNode | null = null;
  constructor(readonly ownerDocument: FakeDocument | null) {}
  get parentElement(): FakeNode | null {
    return this.parentNode;
  }
  get children(): FakeNode[] {
    return this.childNodes.filter((c) => c instanceof FakeElement);
  }
  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): FakeNode | null {
    return this.childNodes.at(-1) ?? null;
  }
  get firstElementChild(): FakeNode | null {
    return this.children[0] ?? null;
  }
  get nextSibling(): FakeNode | null {
    const s = this.parentNode?.childNodes;
    return s ? s[s.indexOf(this) + 1] ?? null : null;
  }
  get previousSibling(): FakeNode | null {
    const s = this.parentNode?.childNodes;
    return s ? s[s.indexOf(this) - 1] ?? null : null;
  }
  appendChild(c: FakeNode): FakeNode {
    c.parentNode?.removeChild(c);
    this.childNodes.push(c);
    c.parentNode = this;
    return c;
  }
  append(...nodes: (FakeNode | string)[]): void {
    for (const n of nodes) this.appendChild(typeof n === 'string' ? new FakeText(this.ownerDocument, n) : n);
  }
  insertBefore(c: FakeNode, ref: FakeNode | null): FakeNode {
    if (!ref) return this.appendChild(c);
    c.parentNode?.removeChild(c);
    this.childNodes.splice(this.childNodes.indexOf(ref), 0, c);
    c.parentNode = this;
    return c;
  }
  removeChild(c: FakeNode): FakeNode {
    const i = this.childNodes.indexOf(c);
    if (i >= 0) this.childNodes.splice(i, 1);
    c.parentNode = null;
    return c;
  }
  replaceChild(n: FakeNode, o: FakeNode): FakeNode {
    this.insertBefore(n, o);
    return this.removeChild(o);
  }
  contains(n: FakeNode | null): boolean {
    for (let x = n; x; x = x.parentNode) if (x === this) return true;
    return false;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(t: string) {
    this.childNodes = [];
    if (t) this.appendChild(new FakeText(this.ownerDocument, String(t)));
  }
}

class FakeText extends FakeNode {
  constructor(doc: FakeDocument | null, readonly data: string) {
    super(doc);
  }
  override get textContent(): string {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  readonly style = new FakeStyle();
  readonly attributes: Record<string, string> = {};
  readonly listeners: Record<string, ((e: unknown) => void)[]> = {};
  className = '';
  id = '';
  tabIndex = -1;
  html: string | null = null;
  constructor(doc: FakeDocument | null, tag: string) {
    super(doc);
    this.tagName = tag.toUpperCase();
  }
  readonly tagName: string;
  get classList(): { add: (...c: string[]) => void; remove: (...c: string[]) => void; contains: (c: string) => boolean; toggle: (c: string) => void } {
    const list = (): string[] => this.className.split(/\s+/).filter(Boolean);
    const add = (...c: string[]): void => {
      this.className = [...new Set([...list(), ...c])].join(' ');
    };
    const remove = (...c: string[]): void => {
      this.className = list().filter((x) => !c.includes(x)).join(' ');
    };
    return { add, remove, contains: (c) => list().includes(c), toggle: (c) => (list().includes(c) ? remove(c) : add(c)) };
  }
  setAttribute(k: string, v: unknown): void {
    this.attributes[k] = String(v);
    if (k === 'id') this.id = String(v);
  }
  getAttribute(k: string): string | null {
    return this.attributes[k] ?? null;
  }
  hasAttribute(k: string): boolean {
    return k in this.attributes;
  }
  removeAttribute(k: string): void {
    delete this.attributes[k];
  }
  addEventListener(type: string, f: (e: unknown) => void): void {
    (this.listeners[type] ??= []).push(f);
  }
  removeEventListener(type: string, f: (e: unknown) => void): void {
    this.listeners[type] = (this.listeners[type] ?? []).filter((x) => x !== f);
  }
  get innerText(): string {
    return this.textContent;
  }
  set innerText(t: string) {
    this.textContent = t;
  }
  get innerHTML(): string {
    return this.html ?? this.textContent;
  }
  set innerHTML(h: string) {
    this.html = h;
    this.textContent = String(h).replace(/<[^>]*>/g, '');
  }
  get offsetHeight(): number {
    return 0;
  }
  get offsetWidth(): number {
    return 0;
  }
  get scrollHeight(): number {
    return 0;
  }
  get scrollWidth(): number {
    return 0;
  }
  get clientHeight(): number {
    return 0;
  }
  getBoundingClientRect(): Record<string, number> {
    return { top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0 };
  }
  focus(): void {}
  blur(): void {}
  querySelector(): null {
    return null;
  }
  querySelectorAll(): FakeElement[] {
    return [];
  }
  getElementsByTagName(): FakeElement[] {
    return [];
  }
}

// The library tells controls apart by their classes (`instanceof HTMLButtonElement`).
const TAG_CLASSES: Record<string, typeof FakeElement> = {};
for (const [name, tag] of [['HTMLButtonElement', 'button'], ['HTMLInputElement', 'input'], ['HTMLSelectElement', 'select'],
  ['HTMLTextAreaElement', 'textarea'], ['HTMLOptionElement', 'option'], ['HTMLAnchorElement', 'a'], ['HTMLImageElement', 'img'],
  ['HTMLDivElement', 'div'], ['HTMLSpanElement', 'span'], ['HTMLLabelElement', 'label']] as const) {
  const C = class extends FakeElement {};
  Object.defineProperty(C, 'name', { value: name });
  TAG_CLASSES[tag] = C;
}

class FakeDocument {
  readonly body: FakeElement;
  readonly documentElement: FakeElement;
  activeElement: FakeElement;
  constructor() {
    this.body = new FakeElement(this, 'body');
    this.documentElement = new FakeElement(this, 'html');
    this.activeElement = this.body;
  }
  createElement(tag: string): FakeElement {
    const C = TAG_CLASSES[tag.toLowerCase()] ?? FakeElement;
    return new C(this, tag);
  }
  createTextNode(text: string): FakeText {
    return new FakeText(this, text);
  }
  getElementById(): null {
    return null;
  }
  querySelector(): null {
    return null;
  }
  querySelectorAll(): FakeElement[] {
    return [];
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

const globals = globalThis as Record<string, unknown>;
const fakeDocument = new FakeDocument();
globals.document = fakeDocument;
globals.window = {
  document: fakeDocument, navigator: { userAgent: 'node' }, addEventListener() {}, removeEventListener() {}, getComputedStyle: () => ({}),
  HTMLElement: FakeElement,
};
globals.navigator ??= { userAgent: 'node' };
globals.HTMLElement = FakeElement;
for (const C of Object.values(TAG_CLASSES)) globals[C.name] = C;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.min.js') as typeof AC;

// ---------------------------------------------------------------------------------------------------------------

/** What the library says while reading, checking and drawing a card, less what the sample says is understood. */
function renderProblems(sample: CardSample): { problems: string[]; element: FakeElement | undefined } {
  const logged: string[] = [];
  const log = (...args: unknown[]): void => {
    logged.push(args.map(String).join(' '));
  };
  const warn = jest.spyOn(console, 'warn').mockImplementation(log);
  const error = jest.spyOn(console, 'error').mockImplementation(log);
  AdaptiveCards.GlobalSettings.applets.logEnabled = true;
  AdaptiveCards.GlobalSettings.applets.onLogEvent = (_level, message) => log(message);
  // Teams reads Markdown in text; without a processor the library warns that it shows it as written.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    result.didProcess = true;
  };
  try {
    const [major, minor] = sample.version.split('.').map(Number);
    const context = new AdaptiveCards.SerializationContext(new AdaptiveCards.Version(major, minor));
    const card = new AdaptiveCards.AdaptiveCard();
    card.parse(sample.card, context);
    const problems: string[] = [];
    for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
    for (const e of card.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
    const element = card.render() as unknown as FakeElement | undefined;
    problems.push(...logged.map((l) => `render: ${l}`));
    const understood = (sample.understood ?? []).map((u) => u.message);
    return { problems: problems.filter((p) => !understood.some((u) => p.includes(u))), element };
  } finally {
    warn.mockRestore();
    error.mockRestore();
  }
}

let samples: CardSample[];

beforeAll(async () => {
  const index: CorpusIndex = await openFresh(DEFAULT_DATA_DIR);
  samples = cardSamples(index);
});

describe('cards', () => {
  describe('cardSamples', () => {
    it('builds every kind of card the bot sends', () => {
      expect(samples.map((s) => s.id)).toEqual([
        'national-list', 'national-list-sources', 'history', 'answer', 'lookup-form', 'lookup-result',
        'search-event', 'search-passage', 'search-selected', 'link-unfurl', 'welcome', 'notification',
      ]);
      expect(samples.find((s) => s.id === 'link-unfurl')!.version).toBe('1.3');
      expect(samples.filter((s) => s.id !== 'link-unfurl').every((s) => s.version === '1.5')).toBe(true);
    });
  });

  describe('rendered with the adaptivecards library', () => {
    it.each([
      'national-list', 'national-list-sources', 'history', 'answer', 'lookup-form', 'lookup-result',
      'search-event', 'search-passage', 'search-selected', 'link-unfurl', 'welcome', 'notification',
    ])('%s parses and renders without a warning or an error', (id) => {
      const sample = samples.find((s) => s.id === id)!;
      const { problems, element } = renderProblems(sample);
      expect(problems).toEqual([]);
      expect(element).toBeDefined();
      const first = (sample.card.body as { text?: string }[])[0]!;
      if (first.text) expect(element!.textContent).toContain(first.text);
      expect(element!.textContent).not.toMatch(/undefined|\[object Object\]/);
    });

    it('reports what is wrong with a card that is not valid', () => {
      const broken: CardSample = {
        id: 'broken', title: '', surface: '', version: '1.5',
        card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'a', size: 'enormous' }, { type: 'NoSuchElement' }] },
      };
      expect(renderProblems(broken).problems.length).toBeGreaterThan(0);
    });
  });
});
