import { checkBody, checkTemplate, preview } from './template-validation';

const GOOD = 'Hi {{firstName}}, {{amount}} for {{merchant}} is due {{dueDate}}. Pay: {{link}} - {{brand}}';
const draft = (over: Partial<Parameters<typeof checkTemplate>[0]> = {}) => ({ name: 'reminder', language: 'en', tone: 'friendly', body: GOOD, ...over });

describe('checkTemplate', () => {
  it('accepts a good template and reports a realistic example', () => {
    const check = checkTemplate(draft(), 2);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.example).toEqual({
      text: 'Hi Alexandra, €1,234.56 for Nordic Bikes & Outdoor is due Sep 28. Pay: https://pay.settle.example/p/AbCdEfGh1234 - Acme Pay',
      encoding: 'GSM-7', segments: 1, units: 124, // € is two septets
    });
  });

  it('names every unknown variable', () => {
    expect(checkTemplate(draft({ body: 'Hi {{name}}, pay {{ total }} at {{link}} {{name}} - {{brand}}' }), 2).errors).toEqual([
      { field: 'body', problem: 'unknown variables {{name}}, {{total}}; known: {{firstName}}, {{merchant}}, {{amount}}, {{dueDate}}, {{link}}, {{brand}}, {{orderRef}}' },
    ]);
  });

  it('requires {{link}}', () => {
    expect(checkTemplate(draft({ body: 'Hi {{firstName}}, please pay - {{brand}}' }), 2).errors).toEqual([
      { field: 'body', problem: 'must contain {{link}}: every reminder carries its payment link' },
    ]);
  });

  it('requires STOP for US debtors (Reg F 1006.6(e)), and only for them', () => {
    const us = checkTemplate(draft({ jurisdictions: ['US'] }), 2);
    expect(us.errors).toEqual([{ field: 'body', problem: expect.stringContaining('must contain "STOP"') }]);
    expect(checkTemplate(draft({ jurisdictions: ['US'], body: `${GOOD} Reply STOP to opt out.` }), 2).errors).toEqual([]);
    expect(checkTemplate(draft({ jurisdictions: ['US'], body: `${GOOD} reply stop to opt out` }), 2).errors).toHaveLength(1);
    expect(checkTemplate(draft({ jurisdictions: ['DE', 'FR'] }), 2).errors).toEqual([]);
  });

  it('refuses more segments than allowed, saying how many a realistic example needs', () => {
    const check = checkTemplate(draft({ body: `${GOOD} ${'Thanks for being with us. '.repeat(8)}` }), 2);
    expect(check.errors).toEqual([{ field: 'body', problem: expect.stringMatching(/^a realistic example needs 3 segments \(GSM-7, \d+ units\); at most 2 are allowed$/) }]);
    expect(check.example?.segments).toBe(3);
  });

  it('names the characters outside GSM-7, and reports the example spelt without them when that saves a segment', () => {
    const check = checkTemplate(draft({ language: 'pl', body: 'Cześć {{firstName}}, zapłać {{amount}}: {{link}} - {{brand}}' }), 2);
    expect(check.errors).toEqual([]);
    expect(check.example).toMatchObject({ text: expect.stringMatching(/^Czesc Alexandra, zaplac /), encoding: 'GSM-7', segments: 1 });
    expect(check.warnings).toEqual([expect.stringMatching(/^"ś", "ć", "ł" are not GSM-7/)]);
  });

  it('warns about a template without the brand and about {{orderRef}}', () => {
    expect(checkTemplate(draft({ body: 'Order {{orderRef}}: pay {{link}}' }), 2).warnings).toEqual([
      expect.stringContaining('names no {{brand}}'),
      expect.stringContaining('{{orderRef}} renders empty'),
    ]);
  });

  it('checks the path and the jurisdictions, naming each field', () => {
    const check = checkTemplate({ name: 'bad name!', language: 'German', tone: 'angry', body: GOOD, jurisdictions: ['usa'] }, 2);
    expect(check.errors.map((e) => e.field)).toEqual(['name', 'language', 'tone', 'jurisdictions']);
  });

  it.each([
    [undefined, 'must be a non-empty string'],
    [42, 'must be a non-empty string'],
    ['   ', 'must be a non-empty string'],
    ['x'.repeat(1001) + '{{link}}', 'must be at most 1000 characters'],
    ['Pay {{link}} {{brand}', 'has an unmatched {{ or }}: write variables as {{name}}'],
    ['Pay {{link}} {{}}', expect.stringContaining('unknown variable {{}}')],
  ])('body %#: %s', (body, problem) => {
    expect(checkTemplate(draft({ body }), 2).errors).toEqual([{ field: 'body', problem }]);
  });

  it('reports every problem of a body at once, with the example measured', () => {
    const check = checkTemplate(draft({ body: `Hi {{name}} - {{brand}} ${'Thanks for sorting this out. '.repeat(12)}`, jurisdictions: ['US'] }), 2);
    expect(check.errors.map((e) => e.problem.slice(0, 24))).toEqual(['unknown variable {{name}', 'must contain {{link}}: e', 'must contain "STOP" as t', 'a realistic example need']);
    expect(check.example?.segments).toBe(3);
  });

  it('keeps a short body in UCS-2 when spelling it without accents saves nothing, and says so', () => {
    const check = checkTemplate(draft({ language: 'pl', body: 'Cześć! {{link}} - {{brand}}' }), 2);
    expect(check.example).toMatchObject({ text: 'Cześć! https://pay.settle.example/p/AbCdEfGh1234 - Acme Pay', encoding: 'UCS-2', segments: 1 });
    expect(check.warnings).toEqual([expect.stringMatching(/^"ś", "ć" are not GSM-7/)]);
  });
});

describe('checkBody', () => {
  it('lists the variables used', () => {
    expect(checkBody(GOOD)).toEqual({ errors: [], variables: ['firstName', 'amount', 'merchant', 'dueDate', 'link', 'brand'], body: GOOD });
  });

  it('allows single braces, which GSM-7 can send', () => {
    expect(checkBody('{Acme} pay {{link}}').errors).toEqual([]);
  });
});

describe('preview', () => {
  it('uses the sample values over the realistic ones, in the language', () => {
    expect(preview('Hallo {{firstName}}, {{amount}} bis {{dueDate}}: {{link}}', 'de', { firstName: 'Jörg', link: 'https://p.example/x' })).toEqual({
      text: 'Hallo Jörg, 1.234,56 € bis 28. Sept.: https://p.example/x', encoding: 'GSM-7', segments: 1, units: 58,
    });
  });
});
