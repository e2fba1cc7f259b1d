/**
 * The Microsoft Entra tenant an activity comes from: Teams' `channelData.tenant.id`, else `conversation.tenantId`,
 * trimmed and lower-cased; null when neither is a non-empty string. Reads any value, as parsed from a request body.
 */
export function tenantOf(activity: unknown): string | null {
  const channelTenant = field(field(field(activity, 'channelData'), 'tenant'), 'id');
  const conversationTenant = field(field(activity, 'conversation'), 'tenantId');
  const tenant = [channelTenant, conversationTenant].find((t): t is string => typeof t === 'string' && t.trim() !== '');
  return tenant?.trim().toLowerCase() ?? null;
}

/** A property of an object, or undefined for anything else. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}
