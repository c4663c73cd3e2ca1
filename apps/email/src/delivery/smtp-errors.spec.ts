import { classifySmtpError } from './smtp-errors';

const reply = (command: string, response: string) => ({ code: 'EENVELOPE', command, response, responseCode: Number(response.slice(0, 3)), message: `failed: ${response}` });

describe('classifySmtpError', () => {
  it.each([
    ['550 5.1.1 <x@example.com>: Recipient address rejected: User unknown', 'bounced', 'hard'],
    ['550 Mailbox unavailable', 'bounced', 'hard'],
    ['551 User not local', 'bounced', 'hard'],
    ['550 5.2.1 Mailbox disabled', 'bounced', 'hard'],
    ['552 5.2.2 Mailbox full', 'bounced', 'soft'],
    ['552 Mailbox full', 'bounced', 'soft'],
    ['553 5.1.3 Bad recipient address syntax', 'invalid_address', undefined],
    ['501 Syntax error in parameters', 'invalid_address', undefined],
    ['550 5.7.1 Relaying denied', 'rejected', undefined],
    ['554 Transaction failed', 'rejected', undefined],
  ])('RCPT TO answered %s → %s', (response, kind, bounce) => {
    const e = classifySmtpError(reply('RCPT TO', response), false);
    expect(e.kind).toBe(kind);
    expect(e.bounce).toBe(bounce);
    expect(e.code).toBe(`smtp_${response.slice(0, 3)}`);
    expect(e.message).toBe(response);
  });

  it.each([
    ['RCPT TO', '451 4.3.0 Try again later'],
    ['RCPT TO', '450 Mailbox busy'],
    ['MAIL FROM', '421 Service not available, closing'],
    ['DATA', '451 Local error in processing'],
    ['RCPT TO', '503 Bad sequence of commands'],
  ])('%s answered %s → unavailable: not accepted, safe to retry', (command, response) => {
    // Even after the body: a 4xx final reply is the server saying it did not take the message.
    expect(classifySmtpError(reply(command, response), true).kind).toBe('unavailable');
  });

  it('a 5xx after the body or to MAIL FROM is a refusal, not a bounce', () => {
    expect(classifySmtpError({ ...reply('DATA', '554 5.7.1 Message rejected as spam'), code: 'EMESSAGE' }, true).kind).toBe('rejected');
    expect(classifySmtpError(reply('MAIL FROM', '550 5.1.8 Sender rejected'), false).kind).toBe('rejected');
  });

  it('no reply before the body: certainly not sent', () => {
    for (const error of [
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:2525' },
      { code: 'EDNS', command: 'CONN', message: 'getaddrinfo ENOTFOUND smtp.invalid' },
      { code: 'ETIMEDOUT', command: 'CONN', message: 'Greeting never received' },
      { code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' },
      { code: 'EAUTH', command: 'AUTH PLAIN', message: 'Invalid login' },
    ]) {
      const e = classifySmtpError(error, false);
      expect(e.kind).toBe('unavailable');
      expect(e.code).toBe(error.originalCode ?? error.code);
    }
  });

  it('no reply after the body started: the outcome is unknown, never resend', () => {
    expect(classifySmtpError({ code: 'ETIMEDOUT', command: 'CONN', message: 'Timeout' }, true).kind).toBe('unknown');
    expect(classifySmtpError({ code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' }, true).kind).toBe('unknown');
  });

  it('an address nodemailer refuses itself is invalid; an oversized message is refused', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', command: 'API', message: 'Invalid recipient "a@b\\n"' }, false).kind).toBe('invalid_address');
    expect(classifySmtpError({ code: 'EMESSAGE', command: 'MAIL FROM', message: 'Message size larger than allowed 1000' }, false).kind).toBe('rejected');
  });

  it('anything else is sorted by whether the body had started', () => {
    expect(classifySmtpError('boom', false).kind).toBe('unavailable');
    expect(classifySmtpError(new Error('boom'), true).kind).toBe('unknown');
  });
});
