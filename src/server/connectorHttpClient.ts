import { toCompatResponse } from '@azure/core-http-compat';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type HttpMethods } from '@azure/core-rest-pipeline';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** The HTTP client botbuilder's connector clients take, in the shape of its Azure compatibility layer. */
export type ConnectorHttpClient = NonNullable<NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>['httpClient']>;

/**
 * One HTTP client for every reply to the Bot Connector. botbuilder makes a new connector client for every turn, and
 * each would otherwise make an HTTP client of its own with a keep-alive agent of its own: every turn would leave a
 * connection open until the connector closed it, thousands of them under load (some 600 MB of memory after 10,000
 * turns against a connector that keeps connections for a minute). Through this one, replies reuse connections.
 */
export function connectorHttpClient(): ConnectorHttpClient {
  const client = createDefaultHttpClient();
  return {
    sendRequest: async (resource) => {
      const request = createPipelineRequest({
        url: resource.url,
        method: resource.method as HttpMethods,
        headers: createHttpHeaders(resource.headers.toJson({ preserveCase: true })),
        body: resource.body as string | undefined,
        timeout: resource.timeout,
        abortSignal: resource.abortSignal,
        withCredentials: resource.withCredentials,
        requestId: resource.requestId,
        // As botbuilder's own client allows it: a local connector (the emulator's) is served over plain HTTP.
        allowInsecureConnection: resource.url.toLowerCase().startsWith('http:'),
      });
      return toCompatResponse(await client.sendRequest(request), { createProxy: true }) as unknown as Awaited<ReturnType<ConnectorHttpClient['sendRequest']>>;
    },
  };
}
