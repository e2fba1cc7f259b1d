/** Azurite, Microsoft's Blob Storage emulator, started on a free loopback port in a temporary folder for a test file. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Azurite's well-known development account; its key is public, printed in Azurite's documentation. */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** How long Azurite may take to listen, in ms. */
const START_TIMEOUT_MS = 15_000;

export interface Azurite {
  /** A connection string for the development account on this Azurite. */
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

/** A connection string for the development account at a blob endpoint. */
export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `BlobEndpoint=http://127.0.0.1:${port}/${AZURITE_ACCOUNT};`;
}

/** Starts Azurite's blob service; rejects with what it printed when it does not come up. */
export async function startAzurite(): Promise<Azurite> {
  const location = mkdtempSync(join(tmpdir(), 'azurite-'));
  const bin = resolve(__dirname, '../../node_modules/.bin/azurite-blob');
  const child: ChildProcess = spawn(bin, [
    '--blobHost', '127.0.0.1', '--blobPort', '0', '--location', location, '--skipApiVersionCheck', '--silent', '--disableTelemetry',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<number>((resolvePort, reject) => {
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill();
      rmSync(location, { recursive: true, force: true });
      reject(new Error(`Azurite (the Blob Storage emulator, ${bin}) did not start: ${why}${output ? `\n${output}` : ''}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const listening = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (listening && !settled) {
        settled = true;
        clearTimeout(timer);
        resolvePort(Number(listening[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('error', (e) => fail(`${e.message}; run npm ci to install the development dependencies`));
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? `code ${code}`})`));
  });
  return {
    connectionString: azuriteConnectionString(port),
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      }
      rmSync(location, { recursive: true, force: true });
    },
  };
}
