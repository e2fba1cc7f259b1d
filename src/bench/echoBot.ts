/** The plainest bot on the same botbuilder and restify: it echoes each message, as the HTTP bench's baseline. */
import { ActivityHandler } from 'botbuilder';

export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}
