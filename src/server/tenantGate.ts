/** Refuses activities from Microsoft Entra tenants the bot does not serve, before the adapter sees them. */
import type { Activity } from 'botbuilder';
import type * as restify from 'restify';
import { field, tenantOf } from '../bot/tenantOf';

/** Longest tenant id or activity type repeated in a log line; both come from the request, so may be anything. */
const MAX_LOGGED_CHARS = 80;

/** A value from the request as it appears in a log line: quoted, control characters escaped, cut short. */
function shown(value: unknown): string {
  if (typeof value !== 'string') return '(none)';
  const cut = value.length > MAX_LOGGED_CHARS ? `${value.slice(0, MAX_LOGGED_CHARS)}…` : value;
  return JSON.stringify(cut);
}

/**
 * A handler for after the body is parsed: with `allowed` tenant ids (lower case), an activity from any other tenant,
 * or from none, gets a 403 JSON error and one log line naming the tenant and the activity's type (never its text),
 * and goes no further. With null every activity passes.
 *
 * Given `authenticate`, a refused tenant's request is first asked for a token that verifies, and without one gets
 * `unverified`'s answer, the very one a listed tenant's unsigned request gets from the adapter: whether a tenant is
 * served is told only to the Bot Connector.
 */
export function tenantGate(
  allowed: readonly string[] | null,
  log: (line: string) => void,
  authenticate: ((activity: Activity, authHeader: string) => Promise<unknown>) | null = null,
  unverified: (res: restify.Response) => void = (res) => res.send(401, { code: 'Unauthorized', message: 'The request is not authorized.' }),
): restify.RequestHandler {
  const tenants = allowed ? new Set(allowed.map((t) => t.toLowerCase())) : null;
  return function tenantGate(req: restify.Request, res: restify.Response, next: restify.Next): void {
    if (!tenants) {
      next();
      return;
    }
    const body: unknown = req.body;
    const tenant = tenantOf(body);
    if (tenant !== null && tenants.has(tenant)) {
      next();
      return;
    }
    const who = `tenant ${tenant === null ? '(none)' : shown(tenant)} is not allowed (${shown(field(body, 'type'))} activity)`;
    const forbid = (): void => {
      log(`POST /api/messages: 403 ${who}`);
      res.send(403, {
        code: 'Forbidden',
        message: tenant === null
          ? 'The activity names no tenant (channelData.tenant.id or conversation.tenantId), and this bot serves only listed tenants.'
          : `This bot does not serve tenant ${shown(tenant)}. Ask the bot's administrator to add it to ALLOWED_TENANTS.`,
      });
      next(false);
    };
    if (!authenticate) {
      forbid();
      return;
    }
    const header = req.headers.authorization;
    // The authentication logs why a token is refused.
    authenticate(body as Activity, typeof header === 'string' ? header : '').then(forbid, () => {
      log(`POST /api/messages: 401 ${who}, and its token could not be verified`);
      unverified(res);
      next(false);
    });
  };
}
