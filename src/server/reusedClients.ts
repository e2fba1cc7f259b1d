import type { Activity } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { sendRepliesAsPlainJson } from './plainJsonReplies';
import { useSigningKeySets } from './signingKeys';

/** What a caller whose token could not be verified is told: nothing of why, which only the log says. */
export const UNVERIFIED_TOKEN = 'The request is not authorized: its token could not be verified.';

/** How many clients of each kind are kept: one per Bot Connector address and app, so a few in practice. */
export const REUSED_CLIENTS = 32;

/**
 * A BotFrameworkAuthentication that hands out the same ConnectorClient and UserTokenClient for the same app, service
 * address and audience, instead of building new ones on every turn as botbuilder's CloudAdapter does. Building a client
 * sets up a whole HTTP pipeline (about a tenth of a busy turn's work); the clients keep no state of a turn, and the
 * tokens they send come from botframework-connector's process-wide token cache either way. Authentication itself is
 * the wrapped one's, untouched. At most REUSED_CLIENTS of each kind are kept, the least recently used dropped first, so
 * requests naming many addresses (possible when requests are not signed) cannot grow the cache.
 *
 * A request whose token cannot be verified, for whatever reason (forged, not yet valid, signed with a key Microsoft
 * does not publish, or Microsoft's key endpoints out of reach), is refused as an AuthenticationError, which the
 * adapter answers with 401, and one log line says why. The signing keys are botframework-connector's, fetched at most
 * once per SIGNING_KEYS_MIN_REFRESH_MS (see signingKeys.ts).
 */
export class ReusingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Recent<Promise<ConnectorClient>>(REUSED_CLIENTS);
  private readonly userTokens = new Recent<Promise<UserTokenClient>>(REUSED_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication, private readonly log: (line: string) => void = () => undefined) {
    super();
    useSigningKeySets();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.refusing(this.inner.authenticateRequest(activity, authHeader)));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.refusing(this.inner.authenticateStreamingRequest(authHeader, channelIdHeader)));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.connectors);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  /** The authentication's result, or an AuthenticationError (a 401) whatever went wrong, after a log line saying what. */
  private async refusing(authenticating: Promise<AuthenticateRequestResult>): Promise<AuthenticateRequestResult> {
    try {
      return await authenticating;
    } catch (e) {
      const error = e as Error;
      this.log(`POST /api/messages: 401 the token could not be verified: ${error.name}: ${error.message}`);
      throw new AuthenticationError(UNVERIFIED_TOKEN, 401);
    }
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: new ReusingConnectorFactory(result.connectorFactory, appIdOf(result.claimsIdentity), this.connectors) };
  }
}

/** A ConnectorFactory for one app whose clients are kept by service address and audience, and send replies as plain JSON. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(private readonly inner: ConnectorFactory, private readonly appId: string, private readonly clients: Recent<Promise<ConnectorClient>>) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(JSON.stringify([this.appId, serviceUrl, audience ?? null]), () => this.inner.create(serviceUrl, audience).then(sendRepliesAsPlainJson));
  }
}

/** The app a request's claims are for, as botframework-connector reads it: the audience, else the appid claim. */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** Promises of clients by key, the least recently used dropped past `capacity`; a rejected one is not kept. */
class Recent<T extends Promise<unknown>> {
  private readonly items = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => T): T {
    const kept = this.items.get(key);
    if (kept) {
      this.items.delete(key);
      this.items.set(key, kept);
      return kept;
    }
    const made = make();
    this.items.set(key, made);
    made.catch(() => {
      if (this.items.get(key) === made) this.items.delete(key);
    });
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value!);
    return made;
  }
}
