import { isAcknowledgement } from '../../src/answer/acknowledgement';

describe('acknowledgement', () => {
  describe('isAcknowledgement', () => {
    it.each([
      '👍', '👍🏾', '👌', '🙏', '+1', '🙂👍', 'thanks', 'Thanks!', 'thank you', 'Thank you very much.', 'many thanks', 'thanks a lot',
      'thanks for the help', 'cheers', 'ta', 'ok', 'OK', 'okay', 'ok thanks', 'Great, thanks!', 'got it', 'perfect', "that's helpful",
      'understood', 'nice one', 'thx',
    ])('reads %j as an acknowledgement', (text) => {
      expect(isAcknowledgement(text)).toBe(true);
    });

    it.each([
      '', '?', 'ok, when was the last inspection?', 'thanks, and before that?', 'great expectations of Ofsted', 'what is good?',
      'who led it?', 'Kent', '2019',
    ])('reads %j as something else', (text) => {
      expect(isAcknowledgement(text)).toBe(false);
    });
  });
});
