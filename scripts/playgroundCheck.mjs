// Asks a running bot questions through the Microsoft 365 Agents Playground, as a person would in its page, in headless
// Chromium, and saves a picture after each. It needs the bot (`npm start`), the Playground started with telemetry
// off (`npx @microsoft/m365agentsplayground -e http://127.0.0.1:3978/api/messages -c msteams --dt`) and Debian's
// chromium. Never part of the tests or CI.
//
//   node --experimental-websocket scripts/playgroundCheck.mjs [--url URL] [--out DIR] [--chromium PATH] [QUESTIONS.json]
//
// QUESTIONS.json is a JSON array of questions to type, of {"tap": "text of a card button"}, or of {"pause": seconds}
// to wait for something the bot posts unasked (a notification); without it, the
// questions the welcome card offers and a few typed ones. It ends with 1 when a reply was an apology or the
// Playground logged a reply it refused.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const url = option('--url', 'http://127.0.0.1:56150');
const out = option('--out', 'playground-check');
const chromium = option('--chromium', process.env.CHROMIUM ?? 'chromium');
const steps = args[0]
  ? JSON.parse(readFileSync(args[0], 'utf8'))
  : [{ tap: 'Show the inspection history of Oxfordshire' }, "show me Worcestershire's inspection history", 'when was the last monitoring visit to Worcestershre?', 'what inspections has Kent had?', 'Cumbria', '👍'];
if (typeof WebSocket === 'undefined') {
  console.error('Run with node --experimental-websocket (Node 20 keeps its WebSocket behind that flag).');
  process.exit(2);
}

const PORT = 9339;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const browser = spawn(chromium, ['--headless=new', '--no-sandbox', `--remote-debugging-port=${PORT}`, '--window-size=1100,1400', 'about:blank'], { stdio: 'ignore' });
let page;
for (let i = 0; i < 50 && !page; i++) {
  try {
    page = (await (await fetch(`http://127.0.0.1:${PORT}/json`)).json()).find((t) => t.type === 'page');
  } catch {
    await sleep(200);
  }
}
if (!page) {
  console.error(`${chromium} did not start: install Debian's chromium, or say where it is with --chromium.`);
  process.exit(2);
}

const socket = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((resolve) => socket.addEventListener('open', resolve));
let nextId = 0;
const pending = new Map();
socket.addEventListener('message', (e) => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) {
    pending.get(m.id)(m.result);
    pending.delete(m.id);
  }
});
const send = (method, params = {}) => new Promise((resolve) => {
  const id = ++nextId;
  pending.set(id, resolve);
  socket.send(JSON.stringify({ id, method, params }));
});
const evaluate = async (expression) => (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }))?.result?.value;

await send('Page.enable');
await send('Emulation.setDeviceMetricsOverride', { width: 1100, height: 1400, deviceScaleFactor: 1, mobile: false });
await send('Page.navigate', { url });
await sleep(6000);
mkdirSync(out, { recursive: true });

const scrollDown = () => evaluate(`[...document.querySelectorAll('*')].filter((e) => e.scrollHeight > e.clientHeight + 50 && getComputedStyle(e).overflowY !== 'visible').forEach((e) => { e.scrollTop = e.scrollHeight; })`);
const press = async (key, code, keyCode, text) => {
  await send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: keyCode, ...(text ? { text } : {}) });
  await send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: keyCode });
};

for (const [i, step] of steps.entries()) {
  const tap = typeof step === 'object' ? step.tap : null;
  if (typeof step === 'object' && step.pause) {
    await sleep(step.pause * 1000);
  } else if (tap) {
    // A real click at the button's place: the Playground's cards act on pointer events, not on element.click().
    const box = await evaluate(`(() => {
      const all = [...document.querySelectorAll('button, [role=button], .ac-selectable')].filter((e) => (e.innerText || '').trim().startsWith(${JSON.stringify(tap)}));
      const el = all[all.length - 1];
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    })()`);
    if (!box) console.log(`${i + 1}. no button “${tap}” on the page`);
    else for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) await send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
  } else {
    await evaluate(`document.querySelector('[contenteditable="true"], textarea')?.focus()`);
    await send('Input.insertText', { text: String(step) });
    await sleep(300);
    await press('Enter', 'Enter', 13, '\r');
  }
  await sleep(3000);
  await scrollDown();
  const shot = await send('Page.captureScreenshot', { format: 'png' });
  const file = join(out, `${String(i + 1).padStart(2, '0')}.png`);
  writeFileSync(file, Buffer.from(shot.data, 'base64'));
  const did = step.pause ? `waited ${step.pause} s` : tap ? `tapped “${tap}”` : `asked “${step}”`;
  console.log(`${i + 1}. ${did}: ${file}`);
}

// The Playground's log panel has a line for each reply: "User Application -> … message 201 …", with its status.
const log = String(await evaluate(`document.body.innerText`));
const replies = log.split('\n').filter((l) => /User Application\s*(?:->|→|-->)\s*Microsoft 365 Agents Playground message \d{3}/.test(l));
const refused = replies.filter((l) => !/message 20\d/.test(l));
const apologies = (log.match(/Sorry, something went wrong/g) ?? []).length;
console.log(`${replies.length} replies logged, ${refused.length} refused, ${apologies} apologies`);
for (const l of refused) console.log(`refused: ${l}`);
socket.close();
browser.kill();
process.exit(refused.length || apologies ? 1 : 0);
