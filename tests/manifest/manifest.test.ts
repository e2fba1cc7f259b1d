import { execFileSync } from 'node:child_process';
import { answerQuestion } from '../../src/answer/answerQuestion';
import { type Command, readCommand } from '../../src/bot/readCommand';
import { DEFAULT_DATA_DIR } from '../../src/cli/paths';
import { placeholdersIn } from '../../src/package/fillManifest';
import { bundledManifestVersions, validateManifest } from '../../src/package/validateManifest';
import { openFresh } from '../helpers';
import { APP_ID, BOT_ID, filledManifest, template } from './fixtures';

interface BotCommand { title: string; description: string; type?: 'basic' | 'prompt'; prompt?: string }
interface Manifest {
  manifestVersion: string;
  id: string;
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[]; commands: BotCommand[] }[] }[];
  composeExtensions: {
    botId: string;
    commands: { id: string; type: string; title: string; initialRun: boolean; parameters: { name: string; title: string; description: string }[] }[];
    messageHandlers: { type: string; value: { domains: string[] } }[];
  }[];
  developer: Record<string, string>;
  validDomains: string[];
}

/** The bundled data, opened once for the prompt starters. */
let bundled: ReturnType<typeof openFresh>;
beforeAll(() => {
  bundled = openFresh(DEFAULT_DATA_DIR);
});

describe('manifest/manifest.json', () => {
  it('declares the newest manifest version whose schema @microsoft/app-manifest bundles', () => {
    const versions = bundledManifestVersions();
    expect(versions).toContain('1.30');
    expect(template()['manifestVersion']).toBe(versions.at(-1));
  });

  it('validates against the bundled schema once the package step has filled it', () => {
    expect(validateManifest(filledManifest())).toEqual([]);
  });

  it('is not valid as checked in: the ids and developer pages are placeholders the package step fills', () => {
    expect(placeholdersIn(template()).sort()).toEqual([
      'DEVELOPER_NAME', 'DEVELOPER_PRIVACY_URL', 'DEVELOPER_TERMS_URL', 'DEVELOPER_WEBSITE_URL',
      'MICROSOFT_APP_ID', 'TEAMS_APP_ID', 'TEAMS_APP_VERSION',
    ]);
    expect(validateManifest(template())).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/id: must match pattern/),
      expect.stringMatching(/^\/bots\/0\/botId: must match pattern/),
    ]));
  });

  it('puts the bot id in the bot and the message extension, and the app id in id', () => {
    const m = filledManifest() as unknown as Manifest;
    expect(m.id).toBe(APP_ID);
    expect(m.bots.map((b) => b.botId)).toEqual([BOT_ID]);
    expect(m.composeExtensions.map((c) => c.botId)).toEqual([BOT_ID]);
  });

  it('offers the bot in personal chats, group chats and teams, without files', () => {
    const [bot] = (template() as unknown as Manifest).bots;
    expect([...bot!.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot!.supportsFiles).toBe(false);
    expect(bot!.commandLists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('declares the search command and link unfurling the bot answers', () => {
    const [extension] = (template() as unknown as Manifest).composeExtensions;
    expect(extension!.commands).toEqual([expect.objectContaining({
      id: 'searchInspections', type: 'query', title: 'Search inspection history', initialRun: true,
    })]);
    const [parameter, ...more] = extension!.commands[0]!.parameters;
    expect(more).toEqual([]);
    expect(parameter).toEqual(expect.objectContaining({ name: 'query', title: expect.any(String), description: expect.any(String) }));
    expect(extension!.messageHandlers).toEqual([{ type: 'link', value: { domains: ['files.ofsted.gov.uk', 'reports.ofsted.gov.uk'] } }]);
  });

  it('fills the developer and its pages from the environment', () => {
    expect((filledManifest() as unknown as Manifest).developer).toEqual({
      name: 'Worcestershire County Council',
      websiteUrl: 'https://www.worcestershire.gov.uk/inspection-bot',
      privacyUrl: 'https://www.worcestershire.gov.uk/privacy',
      termsOfUseUrl: 'https://www.worcestershire.gov.uk/inspection-bot/terms',
    });
  });

  describe('bot commands', () => {
    const lists = (template() as unknown as Manifest).bots[0]!.commandLists;
    const commands = lists.flatMap((l) => l.commands).filter((c) => c.type !== 'prompt');

    // A command's description may show it in use in quotes ("use Worcestershire"); otherwise its title is typed alone.
    const typed = (c: BotCommand): string[] => {
      const examples = [...c.description.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      return examples.length ? examples : [c.title];
    };

    // Typed as readCommand's command types, so a title the bot does not know is a compile error here.
    const listed: readonly Command['type'][] = ['help', 'lookup', 'use', 'subscribe'];

    it('has a list of its own for each scope', () => {
      expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['groupChat'], ['team']]);
    });

    it.each(lists.map((l) => [l.scopes[0]!, l] as const))('lists help, lookup, use and subscribe in %s, each with a description people understand', (_, list) => {
      const basic = list.commands.filter((c) => c.type !== 'prompt');
      expect(basic.map((c) => c.title)).toEqual(listed);
      for (const c of basic) expect(c.description.length).toBeGreaterThan(20);
    });

    it.each(commands.map((c) => [c.title, c] as const))('“%s” is what the bot answers to as that command', (title, command) => {
      for (const text of typed(command)) expect(readCommand(text)?.type).toBe(title);
    });

    describe('prompt starters', () => {
      const starters = lists.flatMap((l) => l.commands.filter((c) => c.type === 'prompt').map((c) => [l.scopes[0]!, c.title, c] as const));

      it.each(lists.map((l) => [l.scopes[0]!, l] as const))('offers six in %s, each a question with a short title and what it gives', (_, list) => {
        const prompts = list.commands.filter((c) => c.type === 'prompt');
        expect(prompts).toHaveLength(6);
        for (const c of prompts) {
          expect(c.prompt).toMatch(/^[A-Z].{15,}[?]$|^Show /);
          expect(c.title.length).toBeLessThanOrEqual(32);
          expect(c.description.length).toBeGreaterThan(20);
          // A question, not a command: the bot reads it as something to answer.
          expect(readCommand(c.prompt!)).toBeNull();
        }
      });

      it.each(starters)('in %s, “%s” is answered from the bundled data, with its sources', async (_, _title, c) => {
        const index = await bundled;
        const answer = answerQuestion(index, c.prompt!);
        expect(answer.status).toBe('answered');
        expect(answer.citations.length).toBeGreaterThan(0);
        expect(answer.facts.some((f) => f.label !== 'source')).toBe(true);
      });
    });
  });
});

describe('validateManifest', () => {
  describe('validateManifest', () => {
    const broken: [string, (m: Record<string, unknown>) => void, RegExp][] = [
      ['a required field is missing', (m) => { delete m['name']; }, /^\/: must have required property 'name'$/],
      ['the bot id is not a GUID', (m) => { (m as unknown as Manifest).bots[0]!.botId = 'inspection-bot'; }, /^\/bots\/0\/botId: must match pattern/],
      ['the app id is not a GUID', (m) => { m['id'] = '8a1f5c2e3b4d4e6f9a0b1c2d3e4f5a6b'; }, /^\/id: must match pattern/],
      ['a scope is unknown', (m) => { (m as unknown as Manifest).bots[0]!.scopes.push('channel'); }, /^\/bots\/0\/scopes\/3: must be equal to one of the allowed values \(\["team","personal","groupChat","copilot"\]\)$/],
      ['a field is not in the schema', (m) => { m['botName'] = 'Inspection history'; }, /^\/: must NOT have additional properties \("botName"\)$/],
      ['the short description is over 80 characters', (m) => {
        (m['description'] as Record<string, string>)['short'] = 'Answers questions about the Ofsted inspection history of children\'s services, quoting sources';
      }, /^\/description\/short: must NOT have more than 80 characters$/],
      ['a command list covers several scopes', (m) => {
        (m as unknown as Manifest).bots[0]!.commandLists[1]!.scopes.push('copilot');
      }, /^\/bots\/0\/commandLists\/1\/scopes: lists 2 scopes: give each scope a command list of its own$/],
      ['a scope has two command lists', (m) => {
        (m as unknown as Manifest).bots[0]!.commandLists[2]!.scopes = ['personal'];
      }, /^\/bots\/0\/commandLists\/2\/scopes: "personal" already has a command list$/],
      ['a prompt starter has no prompt', (m) => {
        (m as unknown as Manifest).bots[0]!.commandLists[0]!.commands[4]!.prompt = ' ';
      }, /^\/bots\/0\/commandLists\/0\/commands\/4: the prompt starter "Last monitoring visit" has no prompt/],
      ['a prompt starter\'s title is over 128 characters', (m) => {
        (m as unknown as Manifest).bots[0]!.commandLists[0]!.commands[4]!.title = 'When was the last monitoring visit? '.repeat(4);
      }, /^\/bots\/0\/commandLists\/0\/commands\/4\/title: must NOT have more than 128 characters$/],
      ['the $schema is another version\'s', (m) => {
        m['$schema'] = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json';
      }, /^\/\$schema: ".*v1\.17.*" is not the schema of manifestVersion "1\.30"/],
    ];

    it.each(broken)('names the problem when %s', (_, edit, problem) => {
      const m = filledManifest();
      edit(m);
      expect(validateManifest(m)).toEqual([expect.stringMatching(problem)]);
    });

    it('accepts a localised $schema address of the same version', () => {
      const m = filledManifest();
      m['$schema'] = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json';
      expect(validateManifest(m)).toEqual([]);
    });

    it('names a manifest version with no bundled schema and lists those there are', () => {
      const m = filledManifest();
      m['manifestVersion'] = '1.18';
      const [problem, ...rest] = validateManifest(m);
      expect(rest).toEqual([]);
      expect(problem).toMatch(/^\/manifestVersion: "1\.18" has no schema in @microsoft\/app-manifest, which has 1\.0, 1\.1, .*1\.17, 1\.19, .*1\.30: use one of those$/);
    });

    it('refuses what is not a JSON object', () => {
      expect(validateManifest([])).toEqual(['/: is not a JSON object']);
      expect(validateManifest({ name: 'x' })).toEqual(['/manifestVersion: is missing or not a string (e.g. "1.30")']);
    });

    it('agrees with the library\'s own validateAgainstSchema (run under Node, which can load the library)', () => {
      const broken = filledManifest();
      (broken as unknown as Manifest).bots[0]!.botId = 'inspection-bot';
      delete broken['accentColor'];
      // Jest cannot load the library's entry point (it requires an ES module), so a child Node process runs it.
      const script = `
        const { AppManifestUtils } = require('@microsoft/app-manifest');
        let input = '';
        process.stdin.on('data', (d) => { input += d; }).on('end', async () => {
          const out = [];
          for (const m of JSON.parse(input)) out.push(await AppManifestUtils.validateAgainstSchema(m));
          process.stdout.write(JSON.stringify(out));
        });`;
      const out = execFileSync(process.execPath, ['-e', script], {
        input: JSON.stringify([filledManifest(), broken]),
        cwd: `${__dirname}/../..`,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      const [forValid, forBroken] = JSON.parse(out) as string[][];
      expect(forValid).toEqual([]);
      expect(forBroken).toHaveLength(2);
      expect(validateManifest(broken)).toEqual([
        "/: must have required property 'accentColor'",
        expect.stringMatching(/^\/bots\/0\/botId: must match pattern/),
      ]);
      expect(forBroken!.map((e) => e.split(' ')[0] || '/')).toEqual(validateManifest(broken).map((p) => p.split(':')[0]));
    });
  });
});
