import type { Activity } from 'botbuilder';
import { parseOrExplain, runIfMain } from './args';
import { LOCAL_WHERE, teamsFeedback, teamsMessage, type Where } from './teamsActivities';

const USAGE = `Usage: npm run check -- [--url URL]

Checks a running bot from outside, with activities shaped as Teams sends them: /healthz, a question in a
personal chat, a channel @mention, a follow-up, the citation entity, and a feedback vote. The bot must be in
local mode (no MicrosoftAppId), as \`npm start\` runs it. Replies come back in the HTTP response
(deliveryMode "expectReplies"), so nothing is sent anywhere else; the vote is recorded in the feedback file
with the comment "checked from the command line".

  --url URL   the bot's address (default http://127.0.0.1:3978)
  --help      show this help`;

interface Check {
  name: string;
  run: () => Promise<string | null>;
}

/** Runs the command on argv; resolves to the exit code (1 when a check fails). */
export async function main(argv: string[]): Promise<number> {
  const args = parseOrExplain('check', argv, { values: ['--url'], switches: ['--help'] }, USAGE);
  if (!args) return 2;
  if (args.switches.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const url = (args.values.get('--url') ?? 'http://127.0.0.1:3978').replace(/\/+$/, '');
  const conversation = `a:check-${Date.now()}`;
  const here: Where = { ...LOCAL_WHERE, conversationId: conversation };
  const channel: Where = { ...LOCAL_WHERE, conversationId: `19:check-${Date.now()}@thread.tacv2;messageid=1`, conversationType: 'channel' };

  const post = async (activity: Partial<Activity>): Promise<{ status: number; body: string }> => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    return { status: res.status, body: await res.text() };
  };
  const reply = async (activity: Partial<Activity>): Promise<Partial<Activity>> => {
    const { status, body } = await post(activity);
    if (status === 401) throw new Error('401: the bot wants a Bot Framework token; run it without MicrosoftAppId to check it locally');
    if (status !== 200) throw new Error(`HTTP ${status}: ${body.slice(0, 200)}`);
    const message = (JSON.parse(body) as { activities?: Partial<Activity>[] }).activities?.find((a) => a.type === 'message');
    if (!message) throw new Error('no reply');
    return message;
  };

  const checks: Check[] = [
    { name: 'GET /healthz', run: async () => {
      const res = await fetch(`${url}/healthz`);
      const body = await res.json() as { status?: string; documents?: number };
      return res.status === 200 && body.status === 'ok' ? null : `HTTP ${res.status} ${JSON.stringify(body)}`;
    } },
    { name: 'a question in a personal chat, with its citations', run: async () => {
      const r = await reply(teamsMessage('When was the last monitoring visit to Worcestershire?', here));
      const roots = (r.entities ?? []).filter((e) => e.type === 'https://schema.org/Message');
      if (!r.text) return 'the reply has no text';
      if (roots.length !== 1) return `${roots.length} citation entities, expected 1`;
      return null;
    } },
    { name: 'a follow-up ("who led it?")', run: async () => {
      const r = await reply(teamsMessage('who led it?', here));
      return r.text && !/which authority/i.test(r.text) ? null : `unexpected reply: ${r.text ?? ''}`;
    } },
    { name: 'a channel message with an @mention', run: async () => {
      const r = await reply(teamsMessage('How many monitoring visits has Worcestershire had?', channel));
      return r.text ? null : 'the reply has no text';
    } },
    { name: 'help', run: async () => {
      const r = await reply(teamsMessage('help', here));
      return r.text ? null : 'the reply has no text';
    } },
    { name: 'a feedback vote (200, empty body)', run: async () => {
      const { status, body } = await post({ ...teamsFeedback('check-reply', 'like', 'checked from the command line', here), deliveryMode: undefined });
      return status === 200 && body === '' ? null : `HTTP ${status} ${body.slice(0, 200)}`;
    } },
  ];

  let failed = 0;
  for (const check of checks) {
    let problem: string | null;
    try {
      problem = await check.run();
    } catch (e) {
      if (unreachable(e)) {
        process.stdout.write(`✗ nothing is listening at ${url}; start the bot with npm start\n`);
        return 1;
      }
      problem = (e as Error).message;
    }
    if (problem) failed += 1;
    process.stdout.write(`${problem ? '✗' : '✓'} ${check.name}${problem ? `: ${problem}` : ''}\n`);
  }
  process.stdout.write(failed ? `${failed} of ${checks.length} checks failed\n` : `all ${checks.length} checks passed\n`);
  return failed ? 1 : 0;
}

/** True when fetch failed because nothing accepts connections at the address. */
function unreachable(e: unknown): boolean {
  const cause = (e as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
  const codes = [cause?.code, ...(cause?.errors ?? []).map((x) => x.code)];
  return codes.some((c) => c === 'ECONNREFUSED' || c === 'ENOTFOUND' || c === 'EHOSTUNREACH');
}

runIfMain(module, 'check', main);
