import { autoReplyText } from './auto-replies';
import { classifyReply } from './reply-classifier';
import { SHIPPED_LANGUAGES } from './sms-templates';

const BRAND = 'Acme Pay Financial Services'; // a long brand: the texts must still fit one segment

describe('autoReplyText', () => {
  for (const language of SHIPPED_LANGUAGES) {
    it(`${language}: the opt-out confirmation names the brand, says START, is GSM-7 and one segment`, () => {
      const reply = autoReplyText('opt_out_confirmation', language, BRAND);
      expect(reply.language).toBe(language);
      expect(reply.text).toContain(BRAND);
      expect(reply.text).toMatch(/\bSTART\b/);
      expect(reply.size).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      expect(classifyReply('START')).toBe('start');
    });

    it(`${language}: the help text names the brand, says STOP, is GSM-7 and one segment`, () => {
      const reply = autoReplyText('help', language, BRAND);
      expect(reply.text).toContain(BRAND);
      expect(reply.text).toMatch(/\bSTOP\b/);
      expect(reply.size).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    });
  }

  it('the English confirmation is the CTIA wording', () => {
    expect(autoReplyText('opt_out_confirmation', 'en', 'Acme Pay').text).toBe("You're unsubscribed from Acme Pay texts. Reply START to resubscribe.");
  });

  it('falls back like the reminders: regional tag to its language, unshipped to English', () => {
    expect(autoReplyText('help', 'pt-BR', 'Acme Pay').language).toBe('pt');
    expect(autoReplyText('help', 'fi', 'Acme Pay').language).toBe('en');
  });
});
