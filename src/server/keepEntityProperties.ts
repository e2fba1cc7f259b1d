import * as connectorMappers from 'botframework-connector/lib/connectorApi/models/mappers';

/**
 * Makes the Bot Connector client send every property of an activity's entities. Its serializer
 * (@azure/core-client 1.10) resolves a sequence's element type to the shared `Entity` mapper, which declares only
 * `type`, `text` and `mentioned`, so the citations of a Teams `https://schema.org/Message` entity would be dropped
 * on the way out and Teams would show none. Declaring additional properties on that mapper keeps them. Idempotent.
 */
export function keepEntityProperties(): void {
  const entity = connectorMappers.Entity as { type: { additionalProperties?: unknown } };
  entity.type.additionalProperties ??= { type: { name: 'Object' } };
}
