import { EmailContent } from './email-templates';
import { checkEmailTemplate, checkParts, fill, previewEmailTemplate, renderTenantEmail, tenantTemplateLanguages } from './tenant-templates';

const GOOD = {
  subject: '{{brand}}: {{amount}} for {{merchant}} is still open',
  html: '<p>Hi {{firstName}},</p><p>Your payment of <strong>{{amount}}</strong> for {{merchant}} did not go through.</p><p><a href="{{link}}">Pay now</a></p>',
  text: 'Hi {{firstName}},\nyour payment of {{amount}} for {{merchant}} did not go through.\nPay: {{link}}',
};
const draft = (over: Record<string, unknown> = {}) => ({ name: 'reminder-1', language: 'de', tone: 'friendly', ...GOOD, ...over });

const content: EmailContent = {
  language: 'de-AT', tone: 'friendly', firstName: 'Anna <b>', brandName: 'Acme "Pay"', merchantName: '<script>alert(1)</script> & Bikes', orderRef: 'ORD-1',
  amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01', paymentLink: { code: 'AbCdEfGh1234', url: 'https://pay.example/p/AbCdEfGh1234' },
  disclosures: ['Acme Pay Ltd is authorised and regulated.'],
};
const links = { pay: 'https://pay.example/p/AbCdEfGh1234', unsubscribe: 'https://settle.example/v1/email/unsubscribe/tok', openPixel: 'https://settle.example/v1/email/o/tok.gif' };

describe('tenant email templates', () => {
  it('accepts a good template and shows an example with the system footer and unsubscribe link', () => {
    const check = checkEmailTemplate(draft());
    expect(check.errors).toEqual([]);
    expect(check.example!.subject).toBe('Acme Pay: 1.234,56 € for Nordic Bikes & Outdoor is still open');
    expect(check.example!.html).toContain('Nordic Bikes &amp; Outdoor');
    expect(check.example!.html).toContain('https://settle.example/v1/email/unsubscribe/preview');
    expect(check.example!.text).toMatch(/Pay: https:\/\/pay\.settle\.example\/p\/AbCdEfGh1234\n\n-- \n/);
  });

  it('names unknown variables per part, unmatched braces, a missing pay link and unsafe HTML', () => {
    const check = checkEmailTemplate(draft({
      subject: 'Hi {{first_name}}\nthere',
      html: '<p onclick="x()">{{amount}} {{iban}} {{oops</p><script>1</script>',
      text: 'no link here',
    }));
    const problems = check.errors.map((e) => `${e.field}: ${e.problem}`);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^subject: unknown variable \{\{first_name\}\}; known: \{\{firstName\}\}/),
      'subject: must be one line',
      expect.stringMatching(/^html: unknown variable \{\{iban\}\}/),
      'html: has an unmatched {{ or }}: write variables as {{name}}',
      expect.stringMatching(/^html: must not contain <script>/),
      'html: must not contain event-handler attributes such as onclick=',
      'html: must contain {{link}}: every reminder carries its payment link',
      'text: must contain {{link}}: the text part carries the payment link too',
    ]));
    expect(check.example).toBeUndefined();
    expect(checkEmailTemplate(draft({ html: '<a href="javascript:alert(1)">{{link}}</a>' })).errors).toEqual([{ field: 'html', problem: 'must not contain javascript:, vbscript: or data: URLs' }]);
    expect(checkEmailTemplate(draft({ html: '<html><body>{{link}}</body></html>' })).errors[0].problem).toMatch(/body fragment only/);
    expect(checkEmailTemplate(draft({ name: 'bad name', tone: 'angry', language: 'xx_YY' })).errors.map((e) => e.field)).toEqual(['name', 'language', 'tone']);
    expect(checkParts({ subject: '', html: 1, text: 'x'.repeat(20_001) }).errors.map((e) => e.field)).toEqual(['subject', 'html', 'text']);
  });

  it('escapes every value in the HTML part and flattens it in the subject and text', () => {
    const values = { firstName: 'A\nB', merchant: '<i>&', amount: '1 €', dueDate: 'd', link: 'https://x.example/?a=1&b="2"', brand: 'b', orderRef: '' };
    expect(fill('<a href="{{link}}">{{merchant}}</a> {{firstName}}', values, 'html')).toBe('<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">&lt;i&gt;&amp;</a> A B');
    expect(fill('{{merchant}} {{firstName}}', values, 'plain')).toBe('<i>& A B');
  });

  it('renders a command: escaped values, regional formats, the disclosures, the unsubscribe link and the pixel added by the system', () => {
    const rendered = renderTenantEmail({ ...GOOD, language: 'de' }, content, links);
    if (!rendered.ok) throw new Error(rendered.reason);
    expect(rendered.subject).toBe('Acme "Pay": € 42,50 for <script>alert(1)</script> & Bikes is still open');
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Bikes');
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('Hi Anna &lt;b&gt;,');
    expect(rendered.html).toContain('Acme Pay Ltd is authorised and regulated.');
    expect(rendered.html).toContain('href="https://settle.example/v1/email/unsubscribe/tok"');
    expect(rendered.html).toContain('src="https://settle.example/v1/email/o/tok.gif"');
    expect(rendered.text).toContain('Pay: https://pay.example/p/AbCdEfGh1234');
    expect(rendered.text).toMatch(/Acme Pay Ltd is authorised and regulated\.\n.*: https:\/\/settle\.example\/v1\/email\/unsubscribe\/tok\n$/);
  });

  it('fails one email with a reason on a bad value', () => {
    expect(renderTenantEmail({ ...GOOD, language: 'en' }, { ...content, dueDate: '2026-02-30' }, links)).toEqual({ ok: false, code: 'render_failed', reason: 'dueDate 2026-02-30 is not a calendar date' });
  });

  it('tries the debtor\'s tag, its base language, then the tenant default', () => {
    expect(tenantTemplateLanguages('de-AT')).toEqual(['de-AT', 'de', 'en']);
    expect(tenantTemplateLanguages('en')).toEqual(['en']);
  });

  it('a preview takes sample values', () => {
    expect(previewEmailTemplate(GOOD, 'en', { firstName: 'Sam' }).html).toContain('Hi Sam,');
  });
});
