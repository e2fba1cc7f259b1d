import { resolve } from 'node:path';
import { config } from 'dotenv';

/** The project's bundled reports folder (works from src/ under ts-jest and from dist/ when built). */
export const DEFAULT_DATA_DIR = resolve(__dirname, '../../data');

/** Defaults for the commands from the environment and .env: DATA_DIR and DEFAULT_AUTHORITY. */
export function commandDefaults(env: NodeJS.ProcessEnv = process.env): { dataDir: string; authority: string | null } {
  config({ quiet: true });
  return {
    dataDir: env['DATA_DIR'] ? resolve(env['DATA_DIR']) : DEFAULT_DATA_DIR,
    authority: env['DEFAULT_AUTHORITY']?.trim() || null,
  };
}
