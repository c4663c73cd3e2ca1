import { createHash } from 'node:crypto';
import {
  PayPageView, escapeHtml, formatDate, formatMoney, languageFromAcceptLanguage, pageHeaders, pageLanguage, renderNotice, renderPayPage,
} from './pay-page';
import { STRINGS } from './pay-page.strings';

const view = (over: Partial<PayPageView> = {}): PayPageView => ({
  language: 'en',
  brandName: 'Acme Pay',
  brandColour: '#2451b7',
  merchantName: 'Nordic Bikes',
  amount: { amountMinor: 4250, currency: 'EUR' },
  dueDate: '2026-03-01',
  payAction: '/p/AbCdEf123456/pay',
  ...over,
});

/** The page's visible text, spaces normalised (Intl puts no-break spaces between amount and symbol). */
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/[\s\u00a0\u202f]+/g, ' ');

describe('pay page', () => {
  it('shows the amount due, the merchant, the due date and a pay button posting to the pay action', () => {
    const page = renderPayPage(view());
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="en">');
    expect(text(page.html)).toContain('Your payment for Nordic Bikes');
    expect(text(page.html)).toContain('Amount due €42.50');
    expect(text(page.html)).toContain('March 1, 2026');
    expect(page.html).toMatch(/<form method="post" action="\/p\/AbCdEf123456\/pay">\s*<button type="submit">Pay €42.50<\/button>/);
    expect(text(page.html)).toContain('secure payment page of Acme Pay');
  });

  it.each([
    ['de', 'Ihre Zahlung für Nordic Bikes', '42,50 € bezahlen', '1. März 2026'],
    ['de-AT', 'Ihre Zahlung für Nordic Bikes', '€ 42,50 bezahlen', '1. März 2026'],
    ['fr', 'Votre paiement pour Nordic Bikes', 'Payer 42,50 €', '1 mars 2026'],
    ['es', 'Su pago para Nordic Bikes', 'Pagar 42,50 €', '1 de marzo de 2026'],
    ['it', 'Il tuo pagamento per Nordic Bikes', 'Paga 42,50 €', '1 marzo 2026'],
    ['nl', 'Uw betaling voor Nordic Bikes', '€ 42,50 betalen', '1 maart 2026'],
    ['sv', 'Din betalning för Nordic Bikes', 'Betala 42,50 €', '1 mars 2026'],
    ['pl', 'Twoja płatność dla Nordic Bikes', 'Zapłać 42,50 €', '1 marca 2026'],
    ['pt', 'O seu pagamento para Nordic Bikes', 'Pagar € 42,50', '1 de março de 2026'],
    ['pt-PT', 'O seu pagamento para Nordic Bikes', 'Pagar 42,50 €', '1 de março de 2026'],
    ['da', 'Din betaling til Nordic Bikes', 'Betal 42,50 €', '1. marts 2026'],
  ])('speaks %s: heading, button and date', (language, heading, button, date) => {
    const page = text(renderPayPage(view({ language })).html);
    expect(page).toContain(heading);
    expect(page).toContain(button);
    expect(page).toContain(date);
  });

  it('escapes everything that came from outside: merchant and brand names', () => {
    const page = renderPayPage(view({ merchantName: '<script>alert("x")</script>', brandName: 'Tom & "Jerry\'s" <b>' }));
    expect(page.html).not.toContain('<script>');
    expect(page.html).not.toContain('<b>');
    expect(page.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(page.html).toContain('<header>Tom &#38; &#34;Jerry&#39;s&#34; &#60;b&#62;</header>');
  });

  it('shows no personal data: there is none to show, and no field for a name', () => {
    expect(Object.keys(view())).not.toContain('firstName');
    expect(renderPayPage(view()).html).not.toMatch(/Hi |Hallo /);
  });

  it('puts its one style block under the CSP by hash, and no script at all', () => {
    const page = renderPayPage(view());
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.html)![1];
    expect(page.styleHash).toBe(createHash('sha256').update(style).digest('base64'));
    expect(style).toContain('--brand:#2451b7');
    expect(page.html).not.toMatch(/<script|\son\w+=/i);
  });
});

describe('language choice', () => {
  it('falls back from the exact tag to its primary subtag to English', () => {
    expect(pageLanguage('de')).toBe('de');
    expect(pageLanguage('de-CH')).toBe('de');
    expect(pageLanguage('pt-BR')).toBe('pt');
    expect(pageLanguage('ja')).toBe('en');
    expect(pageLanguage('constructor')).toBe('en');
    expect(pageLanguage(undefined)).toBe('en');
  });

  it('formats in the page’s language when the debtor’s own is not offered, so text and numbers agree', () => {
    expect(text(renderPayPage(view({ language: 'ja' })).html)).toContain('Pay €42.50');
  });

  it('takes the best supported match of Accept-Language by weight, then order', () => {
    expect(languageFromAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7')).toBe('fr');
    expect(languageFromAcceptLanguage('ja, de;q=0.5, sv;q=0.9')).toBe('sv');
    expect(languageFromAcceptLanguage('en;q=0.1, nl')).toBe('nl');
    expect(languageFromAcceptLanguage('da;q=0, it')).toBe('it');
    expect(languageFromAcceptLanguage('*')).toBe('en');
    expect(languageFromAcceptLanguage('')).toBe('en');
    expect(languageFromAcceptLanguage(undefined)).toBe('en');
    expect(languageFromAcceptLanguage(';;,q=,toString')).toBe('en');
  });

  it('has every text in every language', () => {
    const keys = Object.keys(STRINGS.en).sort();
    for (const strings of Object.values(STRINGS)) {
      expect(Object.keys(strings).sort()).toEqual(keys);
      expect(Object.values(strings).every((s) => s.trim().length > 0)).toBe(true);
    }
    expect(Object.keys(STRINGS).sort()).toEqual(['da', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'sv']);
  });
});

describe('amounts and dates', () => {
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

  it.each([
    [{ amountMinor: 4250, currency: 'EUR' }, 'en', '€42.50'],
    [{ amountMinor: 4250, currency: 'EUR' }, 'de', '42,50 €'],
    [{ amountMinor: 5, currency: 'EUR' }, 'en', '€0.05'],
    [{ amountMinor: 1005, currency: 'EUR' }, 'en', '€10.05'],
    [{ amountMinor: 123456789, currency: 'EUR' }, 'de', '1.234.567,89 €'],
    [{ amountMinor: 12900, currency: 'SEK' }, 'sv', '129,00 kr'],
    [{ amountMinor: 4250, currency: 'PLN' }, 'pl', '42,50 zł'],
    [{ amountMinor: 4250, currency: 'GBP' }, 'en', '£42.50'],
    [{ amountMinor: 4250, currency: 'JPY' }, 'en', '¥4,250'],
    [{ amountMinor: 4250, currency: 'KWD' }, 'en', 'KWD 4.250'],
  ])('%o in %s is %s (minor units by the currency’s own digits)', (amount, locale, expected) => {
    expect(plain(formatMoney(amount, locale))).toBe(expected);
  });

  it('formats the due date as a calendar date, whatever the server’s time zone', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('March 1, 2026');
    expect(formatDate('2026-12-31', 'de')).toBe('31. Dezember 2026');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});

describe('notice pages', () => {
  it('an expired link: 410, in the debtor’s language, naming who to ask', () => {
    const page = renderNotice('expired', 'de', '#2451b7', 'Acme Pay');
    expect(page.status).toBe(410);
    expect(page.html).toContain('<html lang="de">');
    expect(text(page.html)).toContain('Dieser Link ist abgelaufen');
    expect(text(page.html)).toContain('wenden Sie sich an Acme Pay');
    expect(text(renderNotice('expired', 'en', '#2451b7', 'Acme Pay').html)).toContain('This link has expired Ask for a new one');
  });

  it('an unknown link: 404, no brand (none is known), no stack trace', () => {
    const page = renderNotice('invalid', 'fr', '#2451b7');
    expect(page.status).toBe(404);
    expect(text(page.html)).toContain('Ce lien n’est pas valide');
    expect(page.html).not.toContain('<header>');
    expect(page.html).not.toMatch(/Error|at .*\.ts/);
  });

  it('thanks 200, too many attempts 429, error 500', () => {
    expect(renderNotice('thanks', 'en', '#000000', 'Acme').status).toBe(200);
    expect(text(renderNotice('thanks', 'en', '#000000', 'Acme').html)).toContain('Thank you — payment received');
    expect(renderNotice('tooMany', 'en', '#000000').status).toBe(429);
    expect(renderNotice('error', 'en', '#000000').status).toBe(500);
  });
});

describe('page headers', () => {
  it('forbid caching, referrers, sniffing, framing and scripts; allow the style by hash and the lender as a form target', () => {
    const headers = pageHeaders({ styleHash: 'abc=' }, ['https://checkout.lender.example']);
    expect(headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    expect(headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'sha256-abc='; form-action 'self' https://checkout.lender.example; base-uri 'none'; frame-ancestors 'none'",
    );
  });
});
