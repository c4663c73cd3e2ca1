import fc from 'fast-check';
import type { Tone } from '@settle/contracts';
import { COPY } from './email-copy';
import { EmailContent, EmailLinks, SHIPPED_LANGUAGES, formatDate, formatMoney, renderEmail, shippedLanguageFor } from './email-templates';
import { escapeHtml } from './html';

const TONES: Tone[] = ['friendly', 'reminder', 'urgent'];
const PAY_URL = 'https://pay.acme.example/p/AbCdEfGh1234';
const TRACKED: EmailLinks = {
  pay: 'https://email.acme.example/v1/email/c/CLICKTOKEN',
  unsubscribe: 'https://email.acme.example/v1/email/unsubscribe/UNSUBTOKEN',
  openPixel: 'https://email.acme.example/v1/email/o/OPENTOKEN.gif',
};
const UNTRACKED: EmailLinks = { pay: PAY_URL, unsubscribe: TRACKED.unsubscribe };

function content(over: Partial<EmailContent> = {}): EmailContent {
  return {
    language: 'en',
    tone: 'friendly',
    firstName: 'Lena',
    brandName: 'Acme Pay',
    merchantName: 'Nordic Bikes',
    orderRef: 'ORD-1001',
    amountDue: { amountMinor: 4250, currency: 'EUR' },
    dueDate: '2026-03-01',
    paymentLink: { code: 'AbCdEfGh1234', url: PAY_URL },
    disclosures: ['Acme Pay Ltd is authorised and regulated.'],
    ...over,
  };
}

function rendered(over: Partial<EmailContent> = {}, links: EmailLinks = TRACKED) {
  const r = renderEmail(content(over), links);
  if (!r.ok) throw new Error(`did not render: ${r.reason}`);
  return r;
}

function tagCount(html: string, tag: string): [open: number, close: number] {
  return [(html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length, (html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length];
}

/** Words that threaten or shame; none belongs in a reminder, in any language. */
const NEVER = /collection agenc|debt collector|legal action|court|bailiff|credit score|Inkasso|Gericht|Anwalt|SCHUFA|Mahnbescheid|huissier|tribunal|contentieux|recobro|abogado|moroso|avvocat|recupero crediti|deurwaarder|incassobureau|kronofogd|inkasso|komornik|windykac|sąd|dívida|cobrança judicial|retsforfølg/i;

describe('renderEmail — every shipped language × tone', () => {
  it('ships en, de, fr, es, it, nl, sv, pl, pt and da', () => {
    expect([...SHIPPED_LANGUAGES].sort()).toEqual(['da', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'sv']);
  });

  for (const language of SHIPPED_LANGUAGES) {
    for (const tone of TONES) {
      describe(`${language}/${tone}`, () => {
        const r = rendered({ language, tone });
        const amount = formatMoney(4250, 'EUR', language);
        const due = formatDate('2026-03-01', language);

        it('renders in its own language, with a subject naming the merchant', () => {
          expect(r.language).toBe(language);
          expect(r.html).toContain(`<html lang="${language}"`);
          expect(r.subject).toContain('Nordic Bikes');
          expect(r.subject).not.toMatch(/[\r\n]/);
          expect(r.subject).toBe(COPY[language].tones[tone].subject({ brand: 'Acme Pay', merchant: 'Nordic Bikes', amount, due }));
        });

        it('HTML: brand, greeting, order ref, merchant, localised amount and due date, pay button, disclosures, unsubscribe, pixel', () => {
          const copy = COPY[language];
          for (const part of ['Acme Pay', 'Nordic Bikes', 'ORD-1001', amount, due, 'Acme Pay Ltd is authorised and regulated.', copy.greeting('Lena'), copy.payButton, copy.unsubscribe]) {
            expect(r.html).toContain(escapeHtml(part));
          }
          expect(r.html).toContain(`<a href="${TRACKED.pay}"`);
          expect(r.html).toContain(`<a href="${TRACKED.unsubscribe}"`);
          expect(r.html).toContain(`<img src="${TRACKED.openPixel}" width="1" height="1"`);
          expect(r.html).toContain(`href="${PAY_URL}"`); // the copyable fallback shows where the link goes
        });

        it('text part: the same facts and links, no markup', () => {
          for (const part of ['Nordic Bikes', 'ORD-1001', amount, due, 'Acme Pay Ltd is authorised and regulated.', COPY[language].greeting('Lena'), TRACKED.pay, TRACKED.unsubscribe]) {
            expect(r.text).toContain(part);
          }
          expect(r.text).not.toMatch(/<[a-z/]/i);
          expect(r.text).not.toContain(TRACKED.openPixel);
        });

        it('leaves no placeholder unfilled', () => {
          for (const part of [r.subject, r.html, r.text]) expect(part).not.toMatch(/\bundefined\b|\bNaN\b|\bnull\b|\[object|\$\{/);
        });

        it('HTML is table layout with balanced tags and inline styles', () => {
          for (const tag of ['table', 'tr', 'td', 'p', 'a', 'html', 'body', 'head']) {
            const [open, close] = tagCount(r.html, tag);
            expect({ tag, open }).toEqual({ tag, open: close });
          }
          expect(r.html).toMatch(/^<!DOCTYPE html>/);
          expect(r.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
          expect(r.html).toContain('@media only screen and (max-width: 620px)');
          expect(r.html).not.toMatch(/<(script|link|iframe|form)\b/i);
          const outsideOutlookComments = r.html.replace(/<!--\[if mso\]>.*?<!\[endif\]-->/g, '');
          expect(outsideOutlookComments).not.toMatch(/<(td|p|a|h1)\b(?![^>]*style=)[^>]*>/); // every text element styled inline
        });

        it('never threatens or shames', () => {
          const words = `${r.subject}\n${r.text}`.replace(/https?:\/\/\S+/g, '');
          expect(words).not.toMatch(NEVER);
          expect(words).not.toMatch(/!{2,}|\p{Lu}{5,}/u); // no shouting
        });

        if (language !== 'en') {
          it('is translated (no English copy left)', () => {
            const en = COPY.en;
            const copy = COPY[language];
            expect(copy.tones[tone].body({ brand: 'B', merchant: 'M', amount: 'A', due: 'D' })).not.toBe(en.tones[tone].body({ brand: 'B', merchant: 'M', amount: 'A', due: 'D' }));
            expect(copy.help).not.toBe(en.help);
            expect(copy.fallback).not.toBe(en.fallback);
            expect(copy.unsubscribe).not.toBe(en.unsubscribe);
          });
        }
      });
    }

    it(`${language}: the three tones are three different emails`, () => {
      const subjects = new Set(TONES.map((tone) => rendered({ language, tone }).subject));
      const bodies = new Set(TONES.map((tone) => rendered({ language, tone }).text));
      expect(subjects.size).toBe(3);
      expect(bodies.size).toBe(3);
    });

    it(`${language}: reminder and urgent state the due date, urgent speaks of it as past`, () => {
      const due = formatDate('2026-03-01', language);
      expect(COPY[language].tones.reminder.body({ brand: 'B', merchant: 'M', amount: 'A', due })).toContain(due);
      expect(COPY[language].tones.urgent.body({ brand: 'B', merchant: 'M', amount: 'A', due })).toContain(due);
    });
  }
});

describe('renderEmail — variables', () => {
  it('HTML-escapes a merchant name like <script>, in text, attributes and the title', () => {
    const r = rendered({ merchantName: '<script>alert("x")</script>', brandName: 'Tom & Jerry\'s "Pay"', firstName: '<b>Lena</b>', orderRef: '<img src=x onerror=alert(1)>' });
    expect(r.html).not.toContain('<script');
    expect(r.html).not.toContain('<b>');
    expect(r.html).not.toContain('<img src=x');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(r.html).toContain('Tom &amp; Jerry&#39;s &quot;Pay&quot;');
    expect(r.html).toContain('&lt;b&gt;Lena&lt;/b&gt;');
    expect(r.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Plain text and the subject are not HTML: they carry the name as it is.
    expect(r.text).toContain('<script>alert("x")</script>');
    expect(r.subject).toContain('<script>alert("x")</script>');
  });

  it('escapes every variable, whatever it holds: the markup never changes, only the escaped text', () => {
    const PLACEHOLDER = 'Placeholder0Merchant';
    const template = rendered({ merchantName: PLACEHOLDER, disclosures: [PLACEHOLDER] }).html;
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }).filter((s) => s.trim().length > 0 && !s.includes(PLACEHOLDER)), (merchant) => {
        const html = rendered({ merchantName: merchant, disclosures: [merchant] }).html;
        expect(html).toBe(template.split(PLACEHOLDER).join(escapeHtml(merchant.replace(/\s+/g, ' ').trim())));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every variable on one line, so none can start a header or paragraph', () => {
    const r = rendered({ merchantName: 'Nordic\r\nBcc: victim@example.com\n\nBikes', firstName: '  Lena\n' });
    expect(r.subject).toContain('Nordic Bcc: victim@example.com Bikes');
    expect(r.subject).not.toMatch(/[\r\n]/);
    expect(r.text).toContain('Hi Lena,');
  });

  it('greets without a name when there is none, and drops the order row without an order ref', () => {
    const r = rendered({ firstName: undefined, orderRef: undefined });
    expect(r.text.startsWith('Hi there,\n')).toBe(true);
    expect(r.text).not.toContain('Order:');
    expect(r.html).not.toContain('>Order<');
  });

  it('without tracking: no pixel, and the button goes straight to the payment link', () => {
    const r = rendered({}, UNTRACKED);
    expect(r.html).not.toContain('<img');
    expect(r.html).not.toContain('/v1/email/o/');
    expect(r.html).not.toContain('/v1/email/c/');
    expect(r.html).toContain(`<a href="${PAY_URL}" target="_blank" style="display:inline-block;`);
    expect(r.text).toContain(`Pay now: ${PAY_URL}`);
  });

  it('formats the amount from minor units in the currency and the debtor\'s language', () => {
    const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(nbsp(formatMoney(4250, 'EUR', 'de'))).toBe('42,50 €');
    expect(formatMoney(4250, 'EUR', 'en')).toBe('€42.50');
    expect(formatMoney(4250, 'GBP', 'en-GB')).toBe('£42.50');
    expect(formatMoney(4250, 'JPY', 'en')).toBe('¥4,250');
    expect(nbsp(formatMoney(42500, 'KWD', 'en'))).toBe('KWD 42.500');
    expect(nbsp(formatMoney(45900, 'SEK', 'sv'))).toBe('459,00 kr');
    expect(nbsp(formatMoney(123456, 'CHF', 'de-CH'))).toBe("CHF 1'234.56");
    expect(nbsp(rendered({ language: 'de-AT' }).text)).toContain('€ 42,50');
  });

  it('fails one email with a reason instead of sending a broken one', () => {
    const fails = (over: Partial<EmailContent>, links: EmailLinks = TRACKED) => {
      const r = renderEmail(content(over), links);
      return r.ok ? 'rendered' : r.reason;
    };
    expect(fails({ dueDate: '2026-02-30' })).toMatch(/dueDate 2026-02-30 is not a calendar date/);
    expect(fails({ paymentLink: { code: 'AbCdEfGh1234', url: 'javascript:alert(1)' } }, UNTRACKED)).toMatch(/payment link is not an http\(s\) URL/);
    expect(fails({ paymentLink: { code: 'AbCdEfGh1234', url: '/p/relative' } })).toMatch(/payment link is not a URL/);
    expect(fails({ merchantName: '  ' })).toMatch(/merchantName is empty/);
    expect(fails({ amountDue: { amountMinor: 100, currency: 'EURO' } })).toMatch(/currency/i);
    expect(fails({ tone: 'shouty' as Tone })).toMatch(/no shouty template/);
  });
});

describe('language fallback', () => {
  it('exact tag, then primary subtag, then English', () => {
    expect(shippedLanguageFor('de')).toBe('de');
    expect(shippedLanguageFor('de-AT')).toBe('de');
    expect(shippedLanguageFor('pt-BR')).toBe('pt');
    expect(shippedLanguageFor('sv-FI')).toBe('sv');
    expect(shippedLanguageFor('ja')).toBe('en');
    expect(shippedLanguageFor('fil')).toBe('en');
  });

  it('a regional variant uses its language\'s copy and its own number and date formats', () => {
    const r = rendered({ language: 'fr-CH', amountDue: { amountMinor: 4250, currency: 'CHF' } });
    expect(r.language).toBe('fr');
    expect(r.html).toContain('<html lang="fr-CH"');
    expect(r.html).toContain(escapeHtml(formatMoney(4250, 'CHF', 'fr-CH')));
  });

  it('an unshipped language gets English copy with English formats', () => {
    const r = rendered({ language: 'ja' });
    expect(r.language).toBe('en');
    expect(r.html).toContain('<html lang="en"');
    expect(r.text).toContain('€42.50');
  });
});
