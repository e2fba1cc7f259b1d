import type { Activity } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { sendRepliesAsPlainJson } from './plainJsonReplies';

/** How many clients of each kind are kept: one per Bot Connector address and app, so a few in practice. */
export const REUSED_CLIENTS = 32;

/**
 * A BotFrameworkAuthentication that hands out the same ConnectorClient and UserTokenClient for the same app, service
 * address and audience, instead of building new ones on every turn as botbuilder's CloudAdapter does. Building a client
 * sets up a whole HTTP pipeline (about a tenth of a busy turn's work); the clients keep no state of a turn, and the
 * tokens they send come from botframework-connector's process-wide token cache either way. Authentication itself is
 * the wrapped one's, untouched. At most REUSED_CLIENTS of each kind are kept, the least recently used dropped first, so
 * requests naming many addresses (possible when requests are not signed) cannot grow the cache.
 */
export class ReusingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Recent<Promise<ConnectorClient>>(REUSED_CLIENTS);
  private readonly userTokens = new Recent<Promise<UserTokenClient>>(REUSED_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
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
