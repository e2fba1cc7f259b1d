/**
 * The keys Bot Framework tokens are signed with, fetched from Microsoft's OpenID metadata and kept: fetched again at
 * most once per SIGNING_KEYS_MIN_REFRESH_MS whatever key id a token names, so a caller cannot make the bot call out.
 */
import { createPublicKey } from 'node:crypto';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';

/** The longest signing keys are kept before they are fetched again: botframework-connector's own default, 24 hours. */
export const SIGNING_KEYS_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The shortest time between two fetches of one key set (one minute), whether the last fetch worked or not and
 * whatever key id a token names: a token naming a key the set does not hold fetches the set again only after this.
 */
export const SIGNING_KEYS_MIN_REFRESH_MS = 60 * 1000;

/** How long one fetch of the metadata or of the key set may take (5 s), so a turn still ends within Teams' 15 s. */
export const SIGNING_KEYS_FETCH_TIMEOUT_MS = 5_000;

/** What botframework-connector's JwtTokenExtractor asks a key set for: the key as PEM, and its channel endorsements. */
export interface SigningKey {
  key: string;
  endorsements?: string[];
}

interface Jwk {
  kid?: unknown;
  kty?: unknown;
  n?: unknown;
  e?: unknown;
  endorsements?: unknown;
}

/** The RSA keys of a JSON Web Key Set by key id; other keys are left out, as botframework-connector does. */
function keysOf(jwks: unknown): Map<string, SigningKey> {
  const keys = new Map<string, SigningKey>();
  const list = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) throw new Error('the key set has no "keys" list');
  for (const jwk of list as Jwk[]) {
    if (typeof jwk?.kid !== 'string' || jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') continue;
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((x): x is string => typeof x === 'string') : undefined;
    keys.set(jwk.kid, endorsements ? { key, endorsements } : { key });
  }
  return keys;
}

async function getJson(url: string): Promise<unknown> {
  if (!url.startsWith('https://')) throw new Error(`${JSON.stringify(url.slice(0, 200))} is not an https address`);
  const res = await fetch(url, { signal: AbortSignal.timeout(SIGNING_KEYS_FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

/** One metadata address's signing keys, standing in for botframework-connector's OpenIdMetadata. */
export class SigningKeySet {
  private keys = new Map<string, SigningKey>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private triedAt = Number.NEGATIVE_INFINITY;
  private fetching: Promise<void> | null = null;
  private failure: string | null = null;
  /** How many times the metadata has been fetched. */
  fetches = 0;

  constructor(readonly url: string) {}

  /**
   * The key with this id, fetching the set first when it is older than SIGNING_KEYS_MAX_AGE_MS or lacks the id (at
   * most once per SIGNING_KEYS_MIN_REFRESH_MS); null for a key it does not hold. Throws, saying why, when it holds no
   * keys at all because they could not be fetched.
   */
  async getKey(keyId: unknown): Promise<SigningKey | null> {
    const id = typeof keyId === 'string' ? keyId : null;
    if (Date.now() - this.fetchedAt > SIGNING_KEYS_MAX_AGE_MS || id === null || !this.keys.has(id)) await this.refresh();
    const key = id === null ? undefined : this.keys.get(id);
    if (key) return key;
    if (this.keys.size === 0 && this.failure) throw new Error(`the signing keys could not be fetched from ${this.url}: ${this.failure}`);
    return null;
  }

  private refresh(): Promise<void> {
    if (this.fetching) return this.fetching;
    if (Date.now() - this.triedAt < SIGNING_KEYS_MIN_REFRESH_MS) return Promise.resolve();
    this.triedAt = Date.now();
    this.fetches += 1;
    this.fetching = this.fetch().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  private async fetch(): Promise<void> {
    try {
      const metadata = (await getJson(this.url)) as { jwks_uri?: unknown } | null;
      if (typeof metadata?.jwks_uri !== 'string') throw new Error('the metadata names no jwks_uri');
      this.keys = keysOf(await getJson(metadata.jwks_uri));
      this.fetchedAt = Date.now();
      this.failure = null;
    } catch (e) {
      // Kept keys stay in use; the failure is told with the next token the set cannot check.
      const error = e as Error & { cause?: { code?: string } };
      this.failure = `${error.name}: ${error.message}${error.cause?.code ? ` (${error.cause.code})` : ''}`;
    }
  }
}

/** Every metadata address's key set, by address: put in place of botframework-connector's own cache. */
export class SigningKeySets extends Map<string, SigningKeySet> {
  override get(url: string): SigningKeySet {
    let set = super.get(url);
    if (!set) {
      set = new SigningKeySet(url);
      super.set(url, set);
    }
    return set;
  }

  /** How many times any metadata was fetched. */
  get fetches(): number {
    return [...this.values()].reduce((sum, set) => sum + set.fetches, 0);
  }
}

/**
 * Puts SigningKeySets in place of botframework-connector's process-wide cache of OpenIdMetadata (which fetches the
 * keys again for every unknown key id once an hour, and on every token while a fetch fails or before the first one
 * ends), once, and returns it.
 */
export function useSigningKeySets(): SigningKeySets {
  const extractor = JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, unknown> };
  const cache = extractor.openIdMetadataCache;
  if (cache instanceof SigningKeySets) return cache;
  const sets = new SigningKeySets();
  extractor.openIdMetadataCache = sets;
  return sets;
}
