import { resolve } from 'node:path';

/** The project's bundled reports folder (works from src/ under ts-jest and from dist/ when built). */
export const DEFAULT_DATA_DIR = resolve(__dirname, '../../data/reports');
