import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { keepEntityProperties } from './keepEntityProperties';
import { ReusingBotFrameworkAuthentication } from './reusedClients';

/** What the user is told when a turn fails; the details go to the log only. */
export const TURN_ERROR_REPLY = 'Sorry, something went wrong while answering. Please try again.';

/**
 * A CloudAdapter authenticated with the config's Microsoft app identity (none: it accepts unsigned requests), reusing
 * its Bot Connector clients from turn to turn, whose onTurnError logs the failure with the activity id and apologises
 * to the user.
 */
export function createAdapter(config: Config, log: (line: string) => void = (line) => console.error(line)): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.appId ?? undefined,
    MicrosoftAppPassword: config.appPassword ?? undefined,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId ?? undefined,
  };
  keepEntityProperties();
  const adapter = new CloudAdapter(new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(settings), log));
  adapter.onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
    const a = context.activity;
    log(`turn error: activity ${a.id ?? '(no id)'} (${a.type}) in conversation ${a.conversation?.id ?? '(none)'}: ${describe(error)}`);
    try {
      await context.sendActivity(TURN_ERROR_REPLY);
    } catch (e) {
      // The connector may be what failed; a second throw here would turn a polite reply into an HTTP 500.
      log(`turn error: could not tell the user about activity ${a.id ?? '(no id)'}: ${describe(e)}`);
    }
  };
  return adapter;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const where = error.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
    return `${error.name}: ${error.message}${where ? ` (${where})` : ''}`;
  }
  return String(error);
}
