import { ACKNOWLEDGEMENT_REPLY } from '../../src/answer/acknowledgement';
import { readCommand } from '../../src/bot/readCommand';

describe('readCommand', () => {
  describe('readCommand', () => {
    it.each([
      ['help', { type: 'help' }],
      ['Help!', { type: 'help' }],
      ['what can you do?', { type: 'help' }],
      ['hi', { type: 'greeting' }],
      ['Good morning', { type: 'greeting' }],
      ['thanks', { type: 'acknowledgement', reply: ACKNOWLEDGEMENT_REPLY }],
      ['Thank you!', { type: 'acknowledgement', reply: ACKNOWLEDGEMENT_REPLY }],
      ['ok', { type: 'acknowledgement', reply: ACKNOWLEDGEMENT_REPLY }],
      ['👍', { type: 'acknowledgement', reply: ACKNOWLEDGEMENT_REPLY }],
      ['👍🏽 thanks', { type: 'acknowledgement', reply: ACKNOWLEDGEMENT_REPLY }],
      ['use Worcestershire', { type: 'use', name: 'Worcestershire' }],
      ['Use worcs.', { type: 'use', name: 'worcs' }],
      ['please use the London Borough of Barking and Dagenham', { type: 'use', name: 'London Borough of Barking and Dagenham' }],
      ['set authority to Oxon', { type: 'use', name: 'Oxon' }],
      ['switch to BCP', { type: 'use', name: 'BCP' }],
      ['my council is Sandwell', { type: 'use', name: 'Sandwell' }],
      ['reset', { type: 'forget' }],
      ['forget everything', { type: 'forget' }],
      ['lookup', { type: 'lookup', name: null }],
      ['Look up', { type: 'lookup', name: null }],
      ['look-up', { type: 'lookup', name: null }],
      ['lookup card', { type: 'lookup', name: null }],
      ['open lookup', { type: 'lookup', name: null }],
      ['Open the lookup form.', { type: 'lookup', name: null }],
      ['show me the lookup', { type: 'lookup', name: null }],
      ['new lookup', { type: 'lookup', name: null }],
      ['timeline lookup', { type: 'lookup', name: null }],
      ['lookup Worcs', { type: 'lookup', name: 'Worcs' }],
      ['look up the London Borough of Barking and Dagenham', { type: 'lookup', name: 'London Borough of Barking and Dagenham' }],
      // The caller reads this as a question when the name is no authority.
      ['look up the last inspection', { type: 'lookup', name: 'last inspection' }],
      ['subscribe Worcestershire', { type: 'subscribe', name: 'Worcestershire' }],
      ['Subscribe to Worcs.', { type: 'subscribe', name: 'Worcs' }],
      ['subscribe this channel to the London Borough of Barking and Dagenham', { type: 'subscribe', name: 'London Borough of Barking and Dagenham' }],
      ['notify us about Worcs', { type: 'subscribe', name: 'Worcs' }],
      ['notify me of new reports for Oxfordshire', { type: 'subscribe', name: 'Oxfordshire' }],
      ['follow Oxfordshire', { type: 'subscribe', name: 'Oxfordshire' }],
      ['unsubscribe Worcestershire', { type: 'unsubscribe', name: 'Worcestershire' }],
      ['unsubscribe us from Worcs', { type: 'unsubscribe', name: 'Worcs' }],
      ['unfollow Oxfordshire', { type: 'unsubscribe', name: 'Oxfordshire' }],
      ['stop notifying us about Kent', { type: 'unsubscribe', name: 'Kent' }],
      ['subscriptions', { type: 'subscriptions' }],
      ['Show subscriptions', { type: 'subscriptions' }],
      ['what are we subscribed to?', { type: 'subscriptions' }],
      ['unsubscribe', { type: 'subscriptions' }],
    ])('reads “%s” as a command', (text, command) => {
      expect(readCommand(text)).toEqual(command);
    });

    it.each([
      'when was the last monitoring visit?',
      'who led it?',
      'what help did Ofsted say care leavers need?',
      'how many inspections used the ILACS framework?',
      'hi, when was the last inspection?',
      'can you look up the last inspection?',
      'where do I look up the lookup card?',
      'lookups are slow',
      'thanks, when was the last inspection?',
      'ok so who led it?',
      'tell me about Worcestershire',
      'what did the follow-up visit find?',
      'follow up on the last visit',
      'follow-up visits to Kent',
      'how do I subscribe?',
    ])('reads “%s” as a question', (text) => {
      expect(readCommand(text)).toBeNull();
    });
  });
});
