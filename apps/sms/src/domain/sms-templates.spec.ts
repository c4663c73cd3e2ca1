import fc from 'fast-check';
import type { SmsRequestedV1, Tone } from '@settle/contracts';
import { measureSms } from './sms-encoding';
import { NAMED_DEFAULTS, SHIPPED_LANGUAGES, TemplateValues, fillTemplate, formatMoney, gsmSpelling, renderBody, renderReminder, tenantTemplateLanguages } from './sms-templates';

const TONES: Tone[] = ['friendly', 'reminder', 'urgent'];
const LINK = 'http://127.0.0.1:3000/p/AbCdEfGh1234';
const MAX_SEGMENTS = 2; // the sms service's default SMS_MAX_SEGMENTS

function command(over: Partial<SmsRequestedV1> = {}): SmsRequestedV1 {
  return {
    stepId: '0195b7d0-1a2b-7c3d-8e4f-5a6b7c8d9e01',
    caseId: '0195b7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
    to: '+4915112345678',
    language: 'en',
    tone: 'friendly',
    firstName: 'Lena',
    brandName: 'Acme Pay',
    merchantName: 'Nordic Bikes',
    amountDue: { amountMinor: 8950, currency: 'EUR' },
    dueDate: '2026-03-02',
    paymentLink: { code: 'AbCdEfGh1234', url: LINK },
    disclosures: [],
    ...over,
  };
}

/** Renders with room to spare, to inspect the text even when it would not fit the default limit. */
function textOf(over: Partial<SmsRequestedV1>): string {
  const rendered = renderReminder(command(over), 10);
  if (!rendered.ok) throw new Error(`did not render: ${rendered.reason}`);
  return rendered.text;
}

/** Words that threaten or shame, in every shipped language: no default SMS may contain one. */
const THREATS = [
  'debt', 'legal', 'court', 'lawyer', 'attorney', 'bailiff', 'collection', 'police', 'sue', 'lawsuit', 'arrest', 'credit score', 'final warning',
  'schulden', 'gericht', 'anwalt', 'inkasso', 'mahnbescheid', 'klage', 'polizei', 'schufa', 'pfändung',
  'dette', 'tribunal', 'avocat', 'huissier', 'justice', 'poursuite', 'contentieux', 'recouvrement',
  'deuda', 'abogado', 'demanda', 'juicio', 'policía', 'embargo', 'moroso',
  'debito', 'avvocato', 'tribunale', 'legale', 'recupero crediti', 'polizia', 'pignoramento', 'ufficiale giudiziario',
  'schuld', 'incasso', 'deurwaarder', 'rechter', 'advocaat', 'politie', 'beslag', 'dagvaarding',
  'skuld', 'inkasso', 'kronofogden', 'advokat', 'domstol', 'polis', 'betalningsanmärkning',
  'gæld', 'fogeden', 'retten', 'politi', 'rki',
  'dlug', 'dług', 'windykac', 'komornik', 'sadow', 'sąd', 'prawnik', 'policj', 'egzekuc', 'biuro informacji',
  'divida', 'advogado', 'penhora', 'policia', 'cobranca judicial',
];

const MATRIX = SHIPPED_LANGUAGES.flatMap((language) => TONES.map((tone) => ({ language, tone })));

describe('renderReminder — every shipped language × tone, realistic command', () => {
  it('ships ten languages', () => {
    expect([...SHIPPED_LANGUAGES].sort()).toEqual(['da', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'sv']);
  });

  for (const { language, tone } of MATRIX) {
    const key = `${language}/${tone}`;

    it(`${key}: renders in at most ${MAX_SEGMENTS} segments`, () => {
      const rendered = renderReminder(command({ language, tone }), MAX_SEGMENTS);
      expect(rendered.ok).toBe(true);
      if (rendered.ok) {
        expect(rendered.language).toBe(language);
        expect(rendered.size.segments).toBeLessThanOrEqual(MAX_SEGMENTS);
        expect(rendered.size).toEqual(measureSms(rendered.text));
      }
    });

    it(`${key}: is plain GSM-7`, () => {
      expect(measureSms(textOf({ language, tone })).encoding).toBe('GSM-7');
    });

    it(`${key}: contains the payment link, the localised amount, the merchant and the first name`, () => {
      const text = textOf({ language, tone });
      expect(text).toContain(LINK);
      expect(text).toContain(formatMoney(8950, 'EUR', language));
      expect(text).toContain('Nordic Bikes');
      expect(text).toContain('Lena');
      expect(text).not.toMatch(/undefined|NaN|null|\$\{/);
    });

    it(`${key}: names the brand the debtor knows (Acme Pay)`, () => {
      expect(textOf({ language, tone })).toContain('Acme Pay');
    });

    if (tone !== 'friendly') {
      it(`${key}: states the due date in the language`, () => {
        const due = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date('2026-03-02T00:00:00Z'));
        expect(textOf({ language, tone })).toContain(due);
      });
    }

    it(`${key}: makes no threats (no debt, legal, court, lawyer, bailiff, police … in any shipped language)`, () => {
      const text = textOf({ language, tone }).toLowerCase();
      for (const word of THREATS) expect(text).not.toMatch(new RegExp(`(^|[^\\p{L}])${word}`, 'u'));
    });
  }

  it('the three tones of each language are different messages', () => {
    for (const language of SHIPPED_LANGUAGES) {
      const texts = TONES.map((tone) => textOf({ language, tone }));
      expect(new Set(texts).size).toBe(3);
    }
  });

  it('every language and tone stays GSM-7 for a due date in any month', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-15`);
    const ucs2: string[] = [];
    for (const { language, tone } of MATRIX) {
      for (const dueDate of months) {
        if (measureSms(textOf({ language, tone, dueDate })).encoding !== 'GSM-7') ucs2.push(`${language}/${tone}/${dueDate.slice(5, 7)}`);
      }
    }
    expect(ucs2).toEqual([]);
  });

  it('never doubles a full stop after an abbreviated month (da "2. mar.", pt "2 de mar.", fr "15 janv.")', () => {
    for (const { language, tone } of MATRIX) {
      for (let month = 1; month <= 12; month++) {
        expect(textOf({ language, tone, dueDate: `2026-${String(month).padStart(2, '0')}-15` })).not.toContain('..');
      }
    }
  });

  it('fits two segments for long but realistic values, in any month', () => {
    const over: Partial<SmsRequestedV1> = {
      firstName: 'Alexandra', merchantName: 'Nordic Bikes & Outdoor', amountDue: { amountMinor: 123456, currency: 'EUR' },
      paymentLink: { code: 'AbCdEfGh1234', url: 'https://pay.settle.example/p/AbCdEfGh1234' },
    };
    const tooLong: string[] = [];
    for (const { language, tone } of MATRIX) {
      for (let month = 1; month <= 12; month++) {
        const rendered = renderReminder(command({ ...over, language, tone, dueDate: `2026-${String(month).padStart(2, '0')}-28` }), MAX_SEGMENTS);
        if (!rendered.ok) tooLong.push(`${language}/${tone}/${month}`);
      }
    }
    expect(tooLong).toEqual([]);
  });

  // French short month for August is "août"; 'û' is not GSM-7, so the date is spelt "aout".
  it('fr reminder due in August renders within 2 segments ("août" is spelt "aout" rather than forcing UCS-2)', () => {
    const rendered = renderReminder(command({ language: 'fr', tone: 'reminder', dueDate: '2026-08-15' }), MAX_SEGMENTS);
    expect(rendered.ok).toBe(true);
  });
});

describe('renderReminder — language fallback', () => {
  it.each(['xx', 'fi', 'zh', 'ja', 'no'])('an unshipped language %s falls back to English', (language) => {
    const rendered = renderReminder(command({ language }), MAX_SEGMENTS);
    expect(rendered).toMatchObject({ ok: true, language: 'en' });
    if (rendered.ok) expect(rendered.text).toBe(textOf({ language: 'en' }));
  });

  it.each([
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['fr-CA', 'fr'],
    ['fr-BE', 'fr'],
    ['en-GB', 'en'],
    ['es-MX', 'es'],
    ['pt-BR', 'pt'],
    ['nl-BE', 'nl'],
    ['sv-FI', 'sv'],
  ])('a regional tag %s falls back to its base language %s', (language, base) => {
    const rendered = renderReminder(command({ language, tone: 'friendly' }), MAX_SEGMENTS);
    expect(rendered).toMatchObject({ ok: true, language: base });
    if (rendered.ok) expect(rendered.text).toBe(textOf({ language: base, tone: 'friendly' }));
  });

  // LANGUAGE_TAG allows three-letter ISO 639 codes: the base language is the subtag before '-'.
  it("a three-letter language that merely starts with a shipped code ('frr', North Frisian) falls back to English", () => {
    expect(renderReminder(command({ language: 'frr' }), MAX_SEGMENTS)).toMatchObject({ ok: true, language: 'en' });
  });
});

describe('renderReminder — greeting and length limits', () => {
  it.each([
    ['en', 'Hi, '],
    ['de', 'Hallo, '],
    ['fr', 'Bonjour, '],
    ['es', 'Hola, '],
    ['it', 'Ciao, '],
    ['nl', 'Hoi, '],
    ['sv', 'Hej! '],
    ['da', 'Hej! '],
    ['pl', 'Czesc, '],
    ['pt', 'Ola, '],
  ])('%s without a first name greets without one', (language, start) => {
    expect(textOf({ language, firstName: undefined })).toMatch(new RegExp(`^${start}`));
  });

  it('drops the first name when it would push the message over the limit, keeping everything else', () => {
    const firstName = 'Maximiliana-Konstanze'.repeat(7); // 147 letters
    const rendered = renderReminder(command({ language: 'de', tone: 'urgent', firstName }), MAX_SEGMENTS);
    expect(rendered).toMatchObject({ ok: true, language: 'de' });
    if (rendered.ok) {
      expect(rendered.text.startsWith('Hallo, ')).toBe(true);
      expect(rendered.text).not.toContain('Maximiliana');
      expect(rendered.text).toContain(LINK);
      expect(rendered.size.segments).toBeLessThanOrEqual(MAX_SEGMENTS);
    }
  });

  it('spells a first name with a non-GSM letter in GSM-7 rather than doubling the segments', () => {
    for (const max of [MAX_SEGMENTS, 3]) {
      const rendered = renderReminder(command({ firstName: 'Łucja' }), max);
      expect(rendered).toMatchObject({ ok: true, size: { encoding: 'GSM-7' } });
      if (rendered.ok) expect(rendered.text.startsWith('Hi Lucja, ')).toBe(true);
    }
  });

  it("a very long merchant name yields { ok: false, code: 'too_long' } rather than a 3-segment SMS", () => {
    const merchantName = 'Nordic Bikes & Outdoor Equipment Superstore of Greater Copenhagen '.repeat(4);
    for (const { language, tone } of MATRIX) {
      const rendered = renderReminder(command({ language, tone, merchantName }), MAX_SEGMENTS);
      expect(rendered).toEqual({ ok: false, code: 'too_long', reason: `the ${language} ${tone} reminder needs more than ${MAX_SEGMENTS} segments` });
    }
  });

  it('a one-segment limit is honoured: short templates fit, longer ones are refused', () => {
    expect(renderReminder(command({ language: 'en', tone: 'friendly' }), 1)).toMatchObject({ ok: true, size: { segments: 1 } });
    expect(renderReminder(command({ language: 'de', tone: 'urgent' }), 1)).toMatchObject({ ok: false, code: 'too_long' });
  });

  it('property: never returns more segments than allowed; refuses only when even the nameless text is too long', () => {
    const gsmWord = fc.stringMatching(/^[A-Za-z][A-Za-z &'.-]{0,29}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...SHIPPED_LANGUAGES),
        fc.constantFrom(...TONES),
        fc.array(gsmWord, { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
        fc.option(fc.stringMatching(/^[A-Za-zÄÖÜäöüéè-]{1,40}$/), { nil: undefined }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 9_999_999 }),
        (language, tone, merchantName, firstName, maxSegments, amountMinor) => {
          const cmd = command({ language, tone, merchantName, firstName, amountDue: { amountMinor, currency: 'EUR' } });
          const rendered = renderReminder(cmd, maxSegments);
          if (rendered.ok) {
            expect(rendered.size.segments).toBeLessThanOrEqual(maxSegments);
            expect(rendered.text).toContain(merchantName);
            expect(rendered.text).toContain(LINK);
            expect(rendered.text).toContain(formatMoney(amountMinor, 'EUR', language));
          } else {
            expect(rendered.code).toBe('too_long');
            const nameless = renderReminder({ ...cmd, firstName: undefined }, 100);
            expect(nameless.ok && nameless.size.segments).toBeGreaterThan(maxSegments);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('formatMoney', () => {
  it.each([
    [123456, 'EUR', 'en', '€1,234.56'],
    [123456, 'EUR', 'de', '1.234,56 €'],
    [123456, 'EUR', 'fr', '1 234,56 €'],
    [8950, 'EUR', 'en', '€89.50'],
    [8950, 'EUR', 'de', '89,50 €'],
    [8950, 'EUR', 'fr', '89,50 €'],
    [5, 'EUR', 'en', '€0.05'],
    [5, 'EUR', 'de', '0,05 €'],
    [0, 'EUR', 'en', '€0.00'],
    [123456, 'JPY', 'en', '¥123,456'],
    [123456, 'JPY', 'de', '123.456 ¥'],
    [1, 'JPY', 'en', '¥1'],
    [123456, 'KWD', 'en', 'KWD 123.456'],
    [123456, 'KWD', 'de', '123,456 KWD'],
    [123456, 'KWD', 'fr', '123,456 KWD'],
    [1, 'KWD', 'en', 'KWD 0.001'],
    [4999, 'GBP', 'en', '£49.99'],
    [4999, 'USD', 'en', '$49.99'],
  ])('%i minor %s in %s → %j', (amountMinor, currency, language, expected) => {
    expect(formatMoney(amountMinor, currency, language)).toBe(expected);
  });

  it('never leaves a no-break or narrow no-break space (not GSM-7) in the result', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'GBP', 'USD', 'CHF', 'SEK', 'PLN'),
        fc.constantFrom('en', 'de', 'fr', 'es'),
        (amountMinor, currency, language) => {
          expect(formatMoney(amountMinor, currency, language)).not.toMatch(/[\u00a0\u202f]/);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('property: shows exactly the minor units, with the currency’s own number of decimals', () => {
    const decimals: Record<string, number> = { EUR: 2, USD: 2, GBP: 2, JPY: 0, KWD: 3 };
    const decimalSeparator: Record<string, string> = { en: '.', de: ',', fr: ',' };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom(...Object.keys(decimals)),
        fc.constantFrom('en', 'de', 'fr'),
        (amountMinor, currency, language) => {
          const text = formatMoney(amountMinor, currency, language);
          expect(Number(text.replace(/\D/g, ''))).toBe(amountMinor);
          const digits = decimals[currency];
          const fraction = text.match(new RegExp(`\\${decimalSeparator[language]}(\\d+)(?!.*\\d)`));
          if (digits === 0) expect(fraction).toBeNull();
          else expect(fraction?.[1]).toHaveLength(digits);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('is GSM-7 for the common currencies in every shipped language', () => {
    for (const language of SHIPPED_LANGUAGES) {
      for (const currency of ['EUR', 'GBP', 'USD', 'JPY', 'KWD', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN']) {
        expect({ language, currency, encoding: measureSms(formatMoney(123456, currency, language)).encoding }).toEqual({ language, currency, encoding: 'GSM-7' });
      }
    }
  });
});

describe('fillTemplate', () => {
  const values: TemplateValues = { firstName: 'Lena', merchant: 'Nordic Bikes', amount: '89,50 €', dueDate: '2. mar.', link: LINK, brand: 'Acme Pay', orderRef: '' };

  it('replaces every variable, with or without spaces inside the braces', () => {
    expect(fillTemplate('{{brand}}: {{ amount }} for {{merchant}} by {{dueDate}} {{link}}', values)).toBe(`Acme Pay: 89,50 € for Nordic Bikes by 2. mar. ${LINK}`);
  });

  it('drops an empty variable together with the space before it', () => {
    expect(fillTemplate('Hi {{firstName}}, pay {{link}}', { ...values, firstName: '' })).toBe(`Hi, pay ${LINK}`);
    expect(fillTemplate('Order {{orderRef}}: pay', values)).toBe('Order: pay');
  });

  it('lets a value ending in a full stop absorb the one after it', () => {
    expect(fillTemplate('due {{dueDate}}. Thanks', values)).toBe('due 2. mar. Thanks');
    expect(fillTemplate('from {{brand}}. Thanks', values)).toBe('from Acme Pay. Thanks');
  });

  it('renders unknown or inherited names as nothing, never as code', () => {
    expect(fillTemplate('a {{constructor}} b {{nope}} c', values)).toBe('a b c');
  });
});

describe('gsmSpelling', () => {
  it.each([
    ['Łucja Wiśniewska', 'Lucja Wisniewska'],
    ['João Gonçalves', 'Joao Goncalves'],
    ['Zoë Brontë', 'Zoe Bronte'],
    ['Café “Olé” – 15 août…', 'Café "Olé" - 15 aout...'],
    ['Ærø Øre Åse Jörg Müßig', 'Ærø Øre Åse Jörg Müßig'],
  ])('%s → %s', (input, expected) => {
    expect(gsmSpelling(input)).toBe(expected);
    expect(measureSms(expected).encoding).toBe('GSM-7');
  });

  it('keeps what has no GSM-7 spelling', () => {
    expect(gsmSpelling('Жанна 中 😀')).toBe('Жанна 中 😀');
  });
});

describe('renderBody and tenant templates', () => {
  const values: TemplateValues = { firstName: 'Zoë', merchant: 'Nordic Bikes', amount: '€89.50', dueDate: 'Mar 2', link: LINK, brand: 'Acme Pay', orderRef: '' };

  it('spells the values in GSM-7 when that saves a segment', () => {
    expect(renderBody('Hi {{firstName}}! {{link}}', values)).toMatchObject({ text: `Hi Zoë! ${LINK}`, size: { segments: 1 } }); // no saving: kept
    const long = `Hi {{firstName}}! ${'Your payment is open. '.repeat(3)}{{link}}`;
    expect(renderBody(long, values)).toMatchObject({ text: expect.stringMatching(/^Hi Zoe! /), size: { encoding: 'GSM-7', segments: 1 } });
  });

  it('spells a tenant body with accents in GSM-7 when UCS-2 would cost more segments', () => {
    const body = `Cześć {{firstName}}, płatność {{amount}} za {{merchant}} czeka. ${'Zapłać teraz. '.repeat(4)}{{link}} - {{brand}}`;
    const best = renderBody(body, values);
    expect(best.size.encoding).toBe('GSM-7');
    expect(best.text.startsWith('Czesc Zoe, platnosc')).toBe(true);
  });

  it('keeps a tenant body in UCS-2 when it costs no more', () => {
    expect(renderBody('Cześć! {{link}}', values)).toMatchObject({ text: `Cześć! ${LINK}`, size: { encoding: 'UCS-2', segments: 1 } });
  });

  it("renders a tenant template in the template's language, with the command's values", () => {
    const rendered = renderReminder(command({ language: 'de-AT' }), MAX_SEGMENTS, { body: 'Servus {{firstName}}, {{amount}} bis {{dueDate}}: {{link}} ({{brand}})', language: 'de-AT' });
    expect(rendered).toEqual({ ok: true, language: 'de-AT', text: `Servus Lena, € 89,50 bis 2. März: ${LINK} (Acme Pay)`, size: expect.objectContaining({ segments: 1 }) });
  });

  it('refuses a tenant template that cannot fit', () => {
    const rendered = renderReminder(command(), MAX_SEGMENTS, { body: `${'x'.repeat(300)} {{link}}`, language: 'en' });
    expect(rendered).toMatchObject({ ok: false, code: 'too_long' });
  });
});

describe('tenantTemplateLanguages', () => {
  it.each([
    ['de-AT', ['de-AT', 'de', 'en']],
    ['de', ['de', 'en']],
    ['en-GB', ['en-GB', 'en']],
    ['en', ['en']],
    ['frr', ['frr', 'en']],
  ])('%s → %j, then the system default', (tag, languages) => {
    expect(tenantTemplateLanguages(tag)).toEqual(languages);
  });
});

describe.each(NAMED_DEFAULTS)('the %s default — every shipped language × tone', (template) => {
  it.each(MATRIX)('$language/$tone: fits two GSM-7 segments even for long values, carries the link and the brand, threatens nobody', ({ language, tone }) => {
    const long: Partial<SmsRequestedV1> = {
      firstName: 'Alexandra', merchantName: 'Nordic Bikes & Outdoor', paymentLink: { code: 'AbCdEfGh1234', url: 'https://pay.settle.example/p/AbCdEfGh1234' },
    };
    const rendered = renderReminder(command({ language, tone, template, ...long }), MAX_SEGMENTS);
    expect(rendered).toMatchObject({ ok: true, language, size: { encoding: 'GSM-7' } });
    const text = textOf({ language, tone, template });
    expect(text).toContain(LINK);
    expect(text).toContain('Acme Pay');
    expect(text).toContain('Nordic Bikes');
    expect(text).not.toMatch(/undefined|NaN|null|\$\{|\.\./);
    for (const word of THREATS) expect(text.toLowerCase()).not.toMatch(new RegExp(`(^|[^\\p{L}])${word}`, 'u'));
  });

  it('is its own message, not the reminder, and its three tones differ', () => {
    for (const language of SHIPPED_LANGUAGES) {
      const texts = TONES.map((tone) => textOf({ language, tone, template }));
      expect(new Set(texts).size).toBe(3);
      for (const tone of TONES) expect(textOf({ language, tone, template })).not.toBe(textOf({ language, tone }));
    }
  });

  it('an unknown template name still gets the reminder', () => {
    expect(textOf({ template: 'no_such_default' })).toBe(textOf({}));
  });
});

describe('the plan reminders (a missed plan instalment: plan_instalment_missed, plan_instalment_moved_to_end)', () => {
  const PLAN_TEMPLATES = ['plan_instalment_missed', 'plan_instalment_moved_to_end'];
  const due = (language: string) => new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date('2026-03-02T00:00:00Z'));
  /** "moved to the end of the plan", in each shipped language's words. */
  const MOVED: Record<string, RegExp> = {
    en: /end of your plan/, de: /Ende deines Plans/, fr: /fin de votre plan/, es: /final de tu plan/, it: /fine del piano/,
    nl: /einde van je plan/, sv: /slutet av planen|sist i planen/, da: /slutningen af planen|sidst i planen/, pl: /koniec planu|koncu planu/, pt: /fim do plano/,
  };

  it('are named system defaults', () => {
    expect(NAMED_DEFAULTS).toEqual(expect.arrayContaining(PLAN_TEMPLATES));
  });

  it.each(PLAN_TEMPLATES.flatMap((template) => MATRIX.map(({ language, tone }) => ({ template, language, tone }))))(
    '$template $language/$tone: states the missed instalment — its amount (not more) and its due date — and the plan',
    ({ template, language, tone }) => {
      const text = textOf({ template, language, tone, amountDue: { amountMinor: 3188, currency: 'EUR' } });
      expect(text).toContain(formatMoney(3188, 'EUR', language));
      expect(text).toContain(due(language));
      expect(text.toLowerCase()).toMatch(/plan|piano/);
    },
  );

  it.each(SHIPPED_LANGUAGES)('%s: the moved-to-end message says the instalment moved to the end of the plan; the plain miss does not', (language) => {
    for (const tone of TONES) {
      expect(textOf({ template: 'plan_instalment_moved_to_end', language, tone })).toMatch(MOVED[language]);
      expect(textOf({ template: 'plan_instalment_missed', language, tone })).not.toMatch(MOVED[language]);
    }
  });

  it('the friendly plan reminder fits one or two GSM-7 segments with the first name kept, for realistic values in every language and month', () => {
    const dropped: string[] = [];
    for (const template of PLAN_TEMPLATES) {
      for (const language of SHIPPED_LANGUAGES) {
        for (let month = 1; month <= 12; month++) {
          const rendered = renderReminder(command({ template, language, tone: 'friendly', dueDate: `2026-${String(month).padStart(2, '0')}-28`, amountDue: { amountMinor: 123456, currency: 'EUR' } }), MAX_SEGMENTS);
          if (!rendered.ok || rendered.size.encoding !== 'GSM-7' || !rendered.text.includes('Lena')) dropped.push(`${template}/${language}/${month}`);
        }
      }
    }
    expect(dropped).toEqual([]);
  });

  it('a tenant template of the same name still comes first', () => {
    const rendered = renderReminder(command({ template: 'plan_instalment_missed' }), MAX_SEGMENTS, { body: 'Hey {{firstName}}, {{amount}} is open: {{link}}', language: 'en' });
    expect(rendered).toMatchObject({ ok: true, text: `Hey Lena, €89.50 is open: ${LINK}` });
  });
});
