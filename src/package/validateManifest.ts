import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/*
 * The Teams manifest schemas come from @microsoft/app-manifest, and are checked the way its
 * AppManifestUtils.validateAgainstSchema checks them: ajv-draft-04 with allErrors, strictTypes off and the uri,
 * email and regex formats, loaded from the library's own dependencies. The library's entry point itself is not
 * loaded: it requires strip-bom 5, an ES module, which Node 20.19+ can require but Jest (before Node 24.9) cannot.
 */
const libraryEntry = require.resolve('@microsoft/app-manifest');
const requireFromLibrary = createRequire(libraryEntry);

/** What this module uses of an ajv validator's errors. */
interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

type Validate = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

interface Ajv {
  compile(schema: object): Validate;
}

const AjvDraft04 = (requireFromLibrary('ajv-draft-04') as { default: new (options: object) => Ajv }).default;
const addFormats = (requireFromLibrary('ajv-formats') as { default: (ajv: Ajv, formats: string[]) => void }).default;

/** The folder of Teams manifest schemas that @microsoft/app-manifest ships, one `v<version>` folder each. */
const SCHEMA_ROOT = join(dirname(libraryEntry), 'json-schemas', 'teams');

/** The manifest versions with a bundled schema, oldest first ("1.0" … "1.30"; "devPreview" is left out). */
export function bundledManifestVersions(): string[] {
  return readdirSync(SCHEMA_ROOT)
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The bundled JSON schema for a manifest version, or null when the package has none for it. */
export function bundledSchema(manifestVersion: string): object | null {
  if (!/^\d+\.\d+$/.test(manifestVersion)) return null;
  const file = join(SCHEMA_ROOT, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) return null;
  // As the library does: some versions' patterns use \a and \v, which JavaScript regular expressions reject.
  return JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

const validators = new Map<string, Validate>();

function validatorFor(manifestVersion: string): Validate | null {
  let validate = validators.get(manifestVersion);
  if (!validate) {
    const schema = bundledSchema(manifestVersion);
    if (!schema) return null;
    const ajv = new AjvDraft04({ allErrors: true, strictTypes: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(schema);
    validators.set(manifestVersion, validate);
  }
  return validate;
}

/**
 * Checks a filled manifest against the schema of its `manifestVersion` that @microsoft/app-manifest bundles, with no
 * network. Returns one line per problem, each starting with the JSON path it is about ("/bots/0/botId: must match
 * pattern …"); an empty list when the manifest is valid.
 */
export function validateManifest(manifest: unknown): string[] {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return ['/: is not a JSON object'];
  const { manifestVersion, $schema } = manifest as { manifestVersion?: unknown; $schema?: unknown };
  if (typeof manifestVersion !== 'string') return ['/manifestVersion: is missing or not a string (e.g. "1.30")'];
  const validate = validatorFor(manifestVersion);
  if (!validate) {
    return [`/manifestVersion: "${manifestVersion}" has no schema in @microsoft/app-manifest, which has ` +
      `${bundledManifestVersions().join(', ')}: use one of those`];
  }
  const problems: string[] = [];
  const expected = `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
  if (typeof $schema === 'string' && $schema.replace(/\/[a-z]{2}-[a-z]{2}\/json-schemas\//i, '/json-schemas/') !== expected) {
    problems.push(`/$schema: "${$schema}" is not the schema of manifestVersion "${manifestVersion}" (${expected})`);
  }
  if (!validate(manifest)) problems.push(...(validate.errors ?? []).map(describeSchemaError));
  else problems.push(...commandListProblems(manifest));
  return problems;
}

/**
 * What the schema allows but Teams does not use as meant: a bot's command list covering several scopes (the
 * schema's own description asks for a separate list for each scope, so that each shows its own commands and prompt
 * starters), a scope with two lists, and a prompt starter (`"type": "prompt"`) without the prompt it puts in the
 * compose box.
 */
export function commandListProblems(manifest: object): string[] {
  const problems: string[] = [];
  const bots = (manifest as { bots?: { commandLists?: { scopes: string[]; commands: { title: string; type?: string; prompt?: string }[] }[] }[] }).bots ?? [];
  bots.forEach((bot, b) => {
    const seen = new Set<string>();
    (bot.commandLists ?? []).forEach((list, l) => {
      const at = `/bots/${b}/commandLists/${l}`;
      if (list.scopes.length !== 1) problems.push(`${at}/scopes: lists ${list.scopes.length} scopes: give each scope a command list of its own`);
      for (const scope of list.scopes) {
        if (seen.has(scope)) problems.push(`${at}/scopes: "${scope}" already has a command list`);
        seen.add(scope);
      }
      list.commands.forEach((c, i) => {
        if (c.type === 'prompt' && !c.prompt?.trim()) problems.push(`${at}/commands/${i}: the prompt starter "${c.title}" has no prompt: set "prompt" to the question it asks`);
      });
    });
  });
  return problems;
}

function describeSchemaError(e: SchemaError): string {
  const path = e.instancePath || '/';
  const p = e.params;
  // These keywords' messages leave out the value that matters; add it.
  const detail =
    e.keyword === 'additionalProperties' ? ` ("${String(p['additionalProperty'])}")`
    : e.keyword === 'enum' ? ` (${JSON.stringify(p['allowedValues'])})`
    : e.keyword === 'const' ? ` (${JSON.stringify(p['allowedValue'])})`
    : '';
  return `${path}: ${e.message ?? e.keyword}${detail}`;
}
