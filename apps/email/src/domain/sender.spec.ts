import { headerFrom, parseSender } from './sender';

describe('email sender', () => {
  it('reads Name <address>, a quoted name, and a bare address', () => {
    expect(parseSender('Acme Pay <billing@acme.example>')).toEqual({ name: 'Acme Pay', address: 'billing@acme.example' });
    expect(parseSender('"Acme, Inc." <billing@mail.acme.example>')).toEqual({ name: 'Acme, Inc.', address: 'billing@mail.acme.example' });
    expect(parseSender('<billing@acme.example>')).toEqual({ address: 'billing@acme.example' });
    expect(parseSender('billing@acme.example')).toEqual({ address: 'billing@acme.example' });
  });

  it("uses the tenant's sender when the command carries one, named after it or else after the brand", () => {
    expect(headerFrom('Acme Pay Europe <hallo@acme.example>', 'Acme Pay', 'reminders@settle.example')).toEqual({ name: 'Acme Pay Europe', address: 'hallo@acme.example' });
    expect(headerFrom('hallo@acme.example', 'Acme Pay', 'reminders@settle.example')).toEqual({ name: 'Acme Pay', address: 'hallo@acme.example' });
  });

  it("falls back to the brand at the service's own address", () => {
    expect(headerFrom(undefined, ' Acme\n Pay ', 'reminders@settle.example')).toEqual({ name: 'Acme Pay', address: 'reminders@settle.example' });
  });
});
