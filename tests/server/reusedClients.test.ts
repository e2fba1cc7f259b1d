import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { REUSED_CLIENTS, ReusingBotFrameworkAuthentication } from '../../src/server/reusedClients';

/** The address a client sends to (ConnectorClient keeps it protected). */
const baseUri = (client: ConnectorClient): string => (client as unknown as { baseUri: string }).baseUri;

const activity = (serviceUrl: string): Activity => ({
  type: 'message', channelId: 'msteams', serviceUrl, id: '1', text: 'hello',
  conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'b1' },
} as Activity);

/** Unsigned mode, as in local testing: the connector factory of each request, and the client it makes. */
async function clientFor(auth: BotFrameworkAuthentication, serviceUrl: string): Promise<ConnectorClient> {
  const result = await auth.authenticateRequest(activity(serviceUrl), '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

describe('ReusingBotFrameworkAuthentication', () => {
  it('gives every request to the same service address the same connector client', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const first = await clientFor(auth, 'https://smba.trafficmanager.net/uk/');
    const second = await clientFor(auth, 'https://smba.trafficmanager.net/uk/');
    expect(first).toBeInstanceOf(ConnectorClient);
    expect(second).toBe(first);
    expect(baseUri(first)).toBe('https://smba.trafficmanager.net/uk/');
  });

  it('gives clients that send replies as plain JSON', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const client = await clientFor(auth, 'https://smba.trafficmanager.net/uk/');
    const policies = (client as unknown as { client: { pipeline: { getOrderedPolicies(): { name: string }[] } } }).client.pipeline.getOrderedPolicies();
    expect(policies.map((p) => p.name)).toContain('plainJsonRepliesUtf8Body');
  });

  it('keeps a client of its own for each service address', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const uk = await clientFor(auth, 'https://smba.trafficmanager.net/uk/');
    const emea = await clientFor(auth, 'https://smba.trafficmanager.net/emea/');
    expect(emea).not.toBe(uk);
    expect(baseUri(emea)).toBe('https://smba.trafficmanager.net/emea/');
  });

  it('hands out the same client from createConnectorFactory as from an authenticated request', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const result = await auth.authenticateRequest(activity('https://example.test/'), '');
    const viaRequest = await result.connectorFactory!.create('https://example.test/', result.audience);
    const viaFactory = await auth.createConnectorFactory(result.claimsIdentity).create('https://example.test/', result.audience);
    expect(viaFactory).toBe(viaRequest);
  });

  it('keeps at most REUSED_CLIENTS clients, dropping the least recently used', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const first = await clientFor(auth, 'https://host-0.test/');
    const recent = await clientFor(auth, 'https://host-1.test/');
    for (let i = 2; i <= REUSED_CLIENTS; i++) {
      await clientFor(auth, `https://host-${i}.test/`);
      if (i === REUSED_CLIENTS - 1) expect(await clientFor(auth, 'https://host-1.test/')).toBe(recent);
    }
    expect(await clientFor(auth, 'https://host-1.test/')).toBe(recent);
    expect(await clientFor(auth, 'https://host-0.test/')).not.toBe(first);
  });

  it('keeps one user token client per app', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const identity = (appId: string): ClaimsIdentity => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
    const a = await auth.createUserTokenClient(identity('app-a'));
    expect(await auth.createUserTokenClient(identity('app-a'))).toBe(a);
    expect(await auth.createUserTokenClient(identity('app-b'))).not.toBe(a);
  });

  it('does not keep a client that failed to be made, so the next request tries again', async () => {
    let attempts = 0;
    class Flaky extends ConnectorFactory {
      override async create(serviceUrl: string): Promise<ConnectorClient> {
        attempts += 1;
        if (attempts === 1) throw new Error('credentials unavailable');
        return new ConnectorClient({ signRequest: async (r: unknown) => r } as never, { baseUri: serviceUrl });
      }
    }
    class Inner extends BotFrameworkAuthentication {
      override async authenticateRequest(): Promise<AuthenticateRequestResult> {
        return { audience: 'aud', callerId: '', claimsIdentity: new ClaimsIdentity([], true), connectorFactory: new Flaky() };
      }
      override authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
        return this.authenticateRequest();
      }
      override createConnectorFactory(): ConnectorFactory {
        return new Flaky();
      }
      override createUserTokenClient(): Promise<UserTokenClient> {
        throw new Error('not used');
      }
    }
    const auth = new ReusingBotFrameworkAuthentication(new Inner());
    await expect(clientFor(auth, 'https://example.test/')).rejects.toThrow('credentials unavailable');
    const made = await clientFor(auth, 'https://example.test/');
    expect(made).toBeInstanceOf(ConnectorClient);
    expect(await clientFor(auth, 'https://example.test/')).toBe(made);
    expect(attempts).toBe(2);
  });
});
