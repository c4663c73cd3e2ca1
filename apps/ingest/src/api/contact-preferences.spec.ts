import { ProblemException } from '@settle/service-kit';
import { parsePreferences } from './accounts.controller';

function problemOf(body: unknown): { status: number; errors: { field: string; problem: string }[] } {
  try {
    parsePreferences(body);
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemException);
    const p = e as ProblemException;
    return { status: p.getStatus(), errors: (p.getResponse() as { errors: { field: string; problem: string }[] }).errors };
  }
  throw new Error('expected a problem');
}

describe('the contact preferences body', () => {
  it('reads the channels given, each as opted out or back in', () => {
    expect(parsePreferences({ channels: { sms: { optedOut: true }, voice: { optedOut: false } } })).toEqual([
      ['sms', true],
      ['voice', false],
    ]);
  });

  it.each([
    [null, '$'],
    [[], '$'],
    ['sms', '$'],
    [{}, 'channels'],
    [{ channels: [] }, 'channels'],
    [{ channels: {} }, 'channels'],
    [{ channels: { fax: { optedOut: true } } }, 'channels.fax'],
    [{ channels: { human: { optedOut: true } } }, 'channels.human'],
    [{ channels: { email: true } }, 'channels.email.optedOut'],
    [{ channels: { email: { optedOut: 'yes' } } }, 'channels.email.optedOut'],
    [{ channels: { email: {} } }, 'channels.email.optedOut'],
  ])('%j is refused with 400 naming %s', (body, field) => {
    const p = problemOf(body);
    expect(p.status).toBe(400);
    expect(p.errors.map((e) => e.field)).toEqual([field]);
  });

  it('names every bad channel at once', () => {
    expect(problemOf({ channels: { fax: {}, sms: { optedOut: 1 }, email: { optedOut: true } } }).errors.map((e) => e.field)).toEqual(['channels.fax', 'channels.sms.optedOut']);
  });
});
