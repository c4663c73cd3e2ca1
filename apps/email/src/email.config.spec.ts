import { ConfigValidationError, validateConfig } from '@settle/config';
import { EmailConfig } from './email.config';

const VALID = {
  KAFKA_BROKERS: '127.0.0.1:19092',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  EMAIL_FROM: 'Acme Pay <reminders@acme.example>',
  EMAIL_SIGNING_SECRET: 'x'.repeat(32),
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    validateConfig(EmailConfig, env);
    return [];
  } catch (error) {
    return (error as ConfigValidationError).problems.map((p) => p.setting);
  }
}

describe('EmailConfig', () => {
  it('has the documented defaults', () => {
    const config = validateConfig(EmailConfig, VALID);
    expect(config.PORT).toBe(3003);
    expect(config.PUBLIC_BASE_URL).toBe('http://127.0.0.1:3003');
    expect(config.SMTP_TIMEOUT_MS).toBe(10_000);
  });

  it('requires the SMTP relay, the sender and a signing secret: none has a safe default', () => {
    expect(problems({ KAFKA_BROKERS: VALID.KAFKA_BROKERS }).sort()).toEqual(['EMAIL_FROM', 'EMAIL_SIGNING_SECRET', 'SMTP_URL']);
  });

  it('rejects a short signing secret', () => {
    expect(problems({ ...VALID, EMAIL_SIGNING_SECRET: 'too-short' })).toEqual(['EMAIL_SIGNING_SECRET']);
  });

  it.each(['http://127.0.0.1:2525', '127.0.0.1:2525', 'smtp://', 'smtp://host name:25'])('rejects SMTP_URL %s', (url) => {
    expect(problems({ ...VALID, SMTP_URL: url })).toEqual(['SMTP_URL']);
  });

  it.each(['smtp://127.0.0.1:2525', 'smtps://user:p%40ss@smtp.example.com:465', 'smtp://localhost:25'])('accepts SMTP_URL %s', (url) => {
    expect(problems({ ...VALID, SMTP_URL: url })).toEqual([]);
  });

  it.each(['reminders@acme.example', 'Acme Pay <reminders@acme.example>', '"Acme, Inc." <billing@mail.acme.example>'])('accepts EMAIL_FROM %s', (from) => {
    expect(problems({ ...VALID, EMAIL_FROM: from })).toEqual([]);
  });

  it.each(['Acme Pay', 'reminders@', '<reminders@acme>', 'a@b.c\r\nBcc: x@y.z'])('rejects EMAIL_FROM %s', (from) => {
    expect(problems({ ...VALID, EMAIL_FROM: from })).toEqual(['EMAIL_FROM']);
  });

  it('rejects a PUBLIC_BASE_URL that is not http(s)', () => {
    expect(problems({ ...VALID, PUBLIC_BASE_URL: 'ftp://email.acme.example' })).toEqual(['PUBLIC_BASE_URL']);
  });
});
