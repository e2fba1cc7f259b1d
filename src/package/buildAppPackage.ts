import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import JSZip from 'jszip';
import { type IconKind, checkIcon } from './checkIcons';
import { UnfilledPlaceholderError, fillManifest } from './fillManifest';
import { validateManifest } from './validateManifest';

/** The project's manifest folder: manifest.json (the template) and its icons (works from src/ and dist/). */
export const MANIFEST_DIR = resolve(__dirname, '../../manifest');

/** The name Teams requires for the manifest at the root of an app package. */
export const MANIFEST_FILE = 'manifest.json';

/** A Teams app package ready to upload: the filled manifest, and the zip of it with its icons. */
export interface AppPackage {
  manifest: Record<string, unknown>;
  /** The files in the zip, in order: manifest.json, then the colour and outline icons. */
  files: string[];
  zip: Buffer;
}

/** The manifest folder does not make a package Teams would accept; `problems` holds one line per problem. */
export class AppPackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'AppPackageError';
  }
}

/**
 * Builds the Teams app package from a manifest folder: fills the template's `${{NAME}}` placeholders with `values`,
 * validates the result against the bundled schema of its manifestVersion, checks the icons it names, and zips
 * manifest.json and the two icons at the zip's root. Throws AppPackageError listing every problem found.
 */
export async function buildAppPackage(manifestDir: string, values: Readonly<Record<string, string>>): Promise<AppPackage> {
  const templateFile = join(manifestDir, MANIFEST_FILE);
  if (!existsSync(templateFile)) throw new AppPackageError([`${templateFile}: not found: the manifest folder must hold ${MANIFEST_FILE}`]);
  let template: unknown;
  try {
    template = JSON.parse(readFileSync(templateFile, 'utf8'));
  } catch (e) {
    throw new AppPackageError([`${templateFile}: is not valid JSON (${(e as Error).message})`]);
  }
  let manifest: unknown;
  try {
    manifest = fillManifest(template, values);
  } catch (e) {
    if (e instanceof UnfilledPlaceholderError) throw new AppPackageError([`${templateFile}: ${e.message}`]);
    throw e;
  }

  const problems = validateManifest(manifest).map((p) => `${MANIFEST_FILE} ${p}`);
  const icons: [IconKind, string, Buffer][] = [];
  const named = (manifest as { icons?: Partial<Record<IconKind, unknown>> } | null)?.icons ?? {};
  for (const kind of ['color', 'outline'] as const) {
    const name = named[kind];
    // A missing or non-string name is already a schema problem.
    if (typeof name !== 'string') continue;
    if (basename(name) !== name || name.startsWith('.')) {
      problems.push(`${MANIFEST_FILE} /icons/${kind}: "${name}" is not a file name: keep the icons beside ${MANIFEST_FILE} and name them there`);
      continue;
    }
    if (kind === 'outline' && name === named.color) {
      problems.push(`${MANIFEST_FILE} /icons/outline: "${name}" is also the colour icon: Teams needs two different files`);
      continue;
    }
    const file = join(manifestDir, name);
    if (!existsSync(file)) {
      problems.push(`${MANIFEST_FILE} /icons/${kind}: ${file} not found`);
      continue;
    }
    const bytes = readFileSync(file);
    const iconProblems = checkIcon(kind, name, bytes);
    problems.push(...iconProblems);
    if (!iconProblems.length) icons.push([kind, name, bytes]);
  }
  if (problems.length) throw new AppPackageError(problems);

  const zip = new JSZip();
  zip.file(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [, name, bytes] of icons) zip.file(name, bytes);
  return {
    manifest: manifest as Record<string, unknown>,
    files: [MANIFEST_FILE, ...icons.map(([, name]) => name)],
    zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
  };
}
