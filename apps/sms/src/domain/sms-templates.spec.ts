import fc from 'fast-check';
import type { SmsRequestedV1, Tone } from '@settle/contracts';
import { measureSms } from './sms-encoding';
import { SHIPPED_LANGUAGES, formatMoney, renderReminder } from './sms-templates';

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

const MATRIX = SHIPPED_LANGUAGES.flatMap((language) => TONES.map((tone) => ({ language, tone })));

/* Templates that once went UCS-2 or left out the brand: kept as sets so a regression is named. */
const UCS2_TEMPLATES = new Set<string>();
const BRANDLESS_TEMPLATES = new Set<string>();

describe('renderReminder — every shipped language × tone, realistic command', () => {
  it('ships en, de, fr and es', () => {
    expect([...SHIPPED_LANGUAGES].sort()).toEqual(['de', 'en', 'es', 'fr']);
  });

  for (const { language, tone } of MATRIX) {
    const key = `${language}/${tone}`;

    // BUG for es/reminder and es/urgent (sms-templates.ts, the `es` templates): UCS-2 makes them 3 segments → too_long.
    (UCS2_TEMPLATES.has(key) ? it.failing : it)(`${key}: renders in at most ${MAX_SEGMENTS} segments`, () => {
      const rendered = renderReminder(command({ language, tone }), MAX_SEGMENTS);
      expect(rendered.ok).toBe(true);
      if (rendered.ok) {
        expect(rendered.language).toBe(language);
        expect(rendered.size.segments).toBeLessThanOrEqual(MAX_SEGMENTS);
        expect(rendered.size).toEqual(measureSms(rendered.text));
      }
    });

    // BUG for es/reminder and es/urgent: 'í'/'á' are outside GSM-7 (an unnecessary UCS-2 switch).
    (UCS2_TEMPLATES.has(key) ? it.failing : it)(`${key}: is plain GSM-7`, () => {
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

    // BUG for fr/urgent and es/urgent (sms-templates.ts): the template has no ${v.brand}.
    (BRANDLESS_TEMPLATES.has(key) ? it.failing : it)(`${key}: names the brand the debtor knows (Acme Pay)`, () => {
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
      const threats = [
        'debt', 'legal', 'court', 'lawyer', 'attorney', 'bailiff', 'collection', 'police', 'sue', 'lawsuit', 'arrest', 'credit score', 'final warning',
        'schulden', 'gericht', 'anwalt', 'inkasso', 'mahnbescheid', 'klage', 'polizei', 'schufa', 'pfändung',
        'dette', 'tribunal', 'avocat', 'huissier', 'justice', 'poursuite', 'contentieux', 'recouvrement',
        'deuda', 'abogado', 'demanda', 'juicio', 'policía', 'embargo', 'moroso',
      ];
      for (const word of threats) expect(text).not.toMatch(new RegExp(`(^|[^\\p{L}])${word}`, 'u'));
    });
  }

  it('the three tones of each language are different messages', () => {
    for (const language of SHIPPED_LANGUAGES) {
      const texts = TONES.map((tone) => textOf({ language, tone }));
      expect(new Set(texts).size).toBe(3);
    }
  });

  it('every language and tone stays GSM-7 for a due date in any month, except the documented defects', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-15`);
    const ucs2: string[] = [];
    for (const { language, tone } of MATRIX) {
      for (const dueDate of months) {
        if (measureSms(textOf({ language, tone, dueDate })).encoding !== 'GSM-7') ucs2.push(`${language}/${tone}/${dueDate.slice(5, 7)}`);
      }
    }
    const expectedDefects: string[] = [];
    expect(ucs2.sort()).toEqual(expectedDefects.sort());
  });

  // French short month for August is "août"; 'û' is not GSM-7, so the date is spelt "aout".
  it('fr reminder due in August renders within 2 segments ("août" is spelt "aout" rather than forcing UCS-2)', () => {
    const rendered = renderReminder(command({ language: 'fr', tone: 'reminder', dueDate: '2026-08-15' }), MAX_SEGMENTS);
    expect(rendered.ok).toBe(true);
  });
});

describe('renderReminder — language fallback', () => {
  it.each(['xx', 'pt', 'pt-BR', 'zh', 'nl-BE'])('an unshipped language %s falls back to English', (language) => {
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
  ])('a regional tag %s falls back to its base language %s', (language, base) => {
    const rendered = renderReminder(command({ language, tone: 'friendly' }), MAX_SEGMENTS);
    expect(rendered).toMatchObject({ ok: true, language: base });
    if (rendered.ok) expect(rendered.text).toBe(textOf({ language: base, tone: 'friendly' }));
  });

  // BUG (sms-templates.ts renderReminder, `command.language.slice(0, 2)`): the base language is taken
  // as the first two letters, not the subtag before '-'. Three-letter ISO 639 codes, which the
  // LANGUAGE_TAG contract allows (/^[a-z]{2,3}(-[A-Z]{2})?$/), are then mistaken for a shipped
  // language: 'frr' (North Frisian) gets French, 'deu'/'esu'/'enm' get German/Spanish/English by
  // accident. Expected: English for any unshipped language. Actual for 'frr': language 'fr'.
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
