import { createSerializer, type OperationSpec } from '@azure/core-client';
import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import * as Mappers from 'botframework-connector/lib/connectorApi/models/mappers';
import * as Parameters from 'botframework-connector/lib/connectorApi/models/parameters';

/** The header botframework-connector sends a reply's conversation id in (its ConversationIdHttpHeaderName). */
const CONVERSATION_ID_HEADER = 'x-ms-conversation-id';

/** Marks a client already changed, so that doing it twice changes nothing. */
const PLAIN = Symbol('replies sent as plain JSON');

const serializer = createSerializer(Mappers);

/** An activity as the body: checked to be an object, then written with JSON.stringify, whole. */
const activityBody = { parameterPath: 'activity', mapper: { required: true, serializedName: 'activity', type: { name: 'Object' } } } as const;

const resourceResponses: OperationSpec['responses'] = {
  200: { bodyMapper: Mappers.ResourceResponse },
  201: { bodyMapper: Mappers.ResourceResponse },
  202: { bodyMapper: Mappers.ResourceResponse },
  default: { bodyMapper: Mappers.ErrorResponse },
};

/** POST v3/conversations/{conversationId}/activities/{activityId}, as botframework-connector 4.23 sends it. */
const replyToActivity: OperationSpec = {
  httpMethod: 'POST',
  path: 'v3/conversations/{conversationId}/activities/{activityId}',
  urlParameters: [Parameters.conversationId, Parameters.activityId],
  headerParameters: [{ parameterPath: 'conversationId', mapper: { serializedName: CONVERSATION_ID_HEADER, type: { name: 'String' } } }],
  requestBody: activityBody,
  responses: resourceResponses,
  serializer,
};

/** POST v3/conversations/{conversationId}/activities, as botframework-connector 4.23 sends it. */
const sendToConversation: OperationSpec = {
  httpMethod: 'POST',
  path: 'v3/conversations/{conversationId}/activities',
  urlParameters: [Parameters.conversationId],
  requestBody: activityBody,
  responses: resourceResponses,
  serializer,
};

/** What is used here of a ConnectorClient's inner @azure/core-client client. */
interface InnerClient {
  pipeline: {
    addPolicy(policy: { name: string; sendRequest(request: { body?: unknown }, next: (request: { body?: unknown }) => Promise<unknown>): Promise<unknown> }, options: { afterPhase: 'Serialize' }): void;
  };
}

interface OperationSender {
  sendOperationRequest(args: Record<string, unknown>, spec: OperationSpec): Promise<unknown>;
}

/**
 * Makes a Bot Connector client send replies (replyToActivity, sendToConversation) as the activity's own JSON, in UTF-8
 * bytes. botframework-connector first copies each activity through its Activity mapper, property by property (every
 * card and citation too, as the entities' properties are kept: see keepEntityProperties), and @azure/core-client then
 * encodes the JSON text to UTF-8 twice, once only to measure it. For a reply with a card and citations that was most
 * of the cost of sending it. The request, its headers, authentication, retries and the reading of the response are
 * the client's own. Idempotent; returns the client.
 */
export function sendRepliesAsPlainJson(client: ConnectorClient): ConnectorClient {
  const marked = client as ConnectorClient & { [PLAIN]?: true };
  if (marked[PLAIN]) return client;
  marked[PLAIN] = true;
  const sender = client as unknown as OperationSender;
  const { conversations } = client;
  const original = { replyToActivity: conversations.replyToActivity.bind(conversations), sendToConversation: conversations.sendToConversation.bind(conversations) };
  // The callback forms (botbuilder uses none) are left to the original methods.
  conversations.replyToActivity = ((conversationId: string, activityId: string, activity: Partial<Activity>, ...rest: unknown[]) =>
    (rest.some((r) => typeof r === 'function') ? (original.replyToActivity as (...a: unknown[]) => unknown)(conversationId, activityId, activity, ...rest)
      : sender.sendOperationRequest({ conversationId, activityId, activity, options: rest[0] }, replyToActivity))) as typeof conversations.replyToActivity;
  conversations.sendToConversation = ((conversationId: string, activity: Partial<Activity>, ...rest: unknown[]) =>
    (rest.some((r) => typeof r === 'function') ? (original.sendToConversation as (...a: unknown[]) => unknown)(conversationId, activity, ...rest)
      : sender.sendOperationRequest({ conversationId, activity, options: rest[0] }, sendToConversation))) as typeof conversations.sendToConversation;
  (client as unknown as { client: InnerClient }).client.pipeline.addPolicy({
    name: 'plainJsonRepliesUtf8Body',
    // After serialization, a JSON body is text: encoded once here, it is measured and written as these bytes.
    sendRequest: (request, next) => {
      if (typeof request.body === 'string') request.body = Buffer.from(request.body, 'utf8');
      return next(request);
    },
  }, { afterPhase: 'Serialize' });
  return client;
}
