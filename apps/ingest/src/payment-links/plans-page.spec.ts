import { RESTRUCTURING_KINDS } from '@settle/negotiation';
import { createHash } from 'node:crypto';
import type { OfferedOption } from './negotiation.client';
import { renderPayPage } from './pay-page';
import { STRINGS } from './pay-page.strings';
import { PLAN_STRINGS } from './plans-page.strings';
import { PlansPageContext, renderPlanAgreed, renderPlanNotice, renderPlansPage } from './plans-page';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const context = (over: Partial<PlansPageContext> = {}): PlansPageContext => ({
  language: 'en',
  brandName: 'Acme Pay',
  brandColour: '#2451b7',
  merchantName: 'Nordic Bikes',
  payHref: '/p/AbCdEf123456',
  payAction: '/p/AbCdEf123456/pay',
  amount: eur(4250),
  ...over,
});
const extension: OfferedOption = {
  kind: 'term_extension',
  plan: { instalments: [{ dueDate: '2026-04-01', amount: eur(4250) }, { dueDate: '2026-05-01', amount: eur(4250) }, { dueDate: '2026-06-01', amount: eur(4250) }], total: eur(12750), fee: eur(0) },
  feeAddedMinor: 0,
  extensionDays: 30,
};
const withFee: OfferedOption = {
  kind: 'deferral',
  plan: { instalments: [{ dueDate: '2026-04-15', amount: eur(12_950) }], total: eur(12_950), fee: eur(200) },
  feeAddedMinor: 200,
  extensionDays: 0,
};
const settlement: OfferedOption = { kind: 'settlement', plan: { instalments: [{ dueDate: '2026-03-09', amount: eur(11_475) }], total: eur(11_475), fee: eur(0) }, feeAddedMinor: 0, extensionDays: 0, discountMinor: 1_275 };
const chooseAction = (kind: string) => `/p/AbCdEf123456/plans/${kind}`;

/** The page's visible text, spaces normalised (Intl puts no-break spaces between amount and symbol). */
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/[\s\u00a0\u202f]+/g, ' ');

describe('plans page', () => {
  it('lists each plan in plain words with its dates, amounts and fees, and a form per plan posting to its kind', () => {
    const page = renderPlansPage({ ...context(), options: [extension, withFee, settlement], chooseAction });
    expect(page.status).toBe(200);
    const visible = text(page.html);
    expect(visible).toContain('Payment plans for Nordic Bikes');
    expect(visible).toContain('Smaller payments over more time');
    expect(visible).toContain('April 1, 2026 €42.50 May 1, 2026 €42.50 June 1, 2026 €42.50');
    expect(visible).toContain('Total: €127.50 No extra fees');
    expect(visible).toContain('Pay later');
    expect(visible).toContain('Total: €129.50 Includes a fee of €2.00');
    expect(visible).toContain('Pay a reduced amount');
    expect(visible).toContain('You save €12.75');
    for (const kind of ['term_extension', 'deferral', 'settlement']) {
      expect(page.html).toMatch(new RegExp(`<form method="post" action="/p/AbCdEf123456/plans/${kind}">\\s*<button type="submit">Choose this plan</button>`));
    }
    expect(page.html).toContain('<a href="/p/AbCdEf123456">Pay the full amount instead</a>');
    expect(page.html).not.toMatch(/<script|<input|\son\w+=/i);
  });

  it.each([
    ['de', 'Ratenpläne für Nordic Bikes', '1. April 2026', '42,50 €', 'Diesen Plan wählen'],
    ['fr', 'Plans de paiement pour Nordic Bikes', '1 avril 2026', '42,50 €', 'Choisir ce plan'],
    ['es', 'Planes de pago para Nordic Bikes', '1 de abril de 2026', '42,50 €', 'Elegir este plan'],
    ['it', 'Piani di pagamento per Nordic Bikes', '1 aprile 2026', '42,50 €', 'Scegli questo piano'],
    ['nl', 'Betalingsregelingen voor Nordic Bikes', '1 april 2026', '€ 42,50', 'Kies deze regeling'],
    ['sv', 'Betalningsplaner för Nordic Bikes', '1 april 2026', '42,50 €', 'Välj den här planen'],
    ['pl', 'Plany spłaty dla Nordic Bikes', '1 kwietnia 2026', '42,50 €', 'Wybierz ten plan'],
    ['pt', 'Planos de pagamento para Nordic Bikes', '1 de abril de 2026', '€ 42,50', 'Escolher este plano'],
    ['da', 'Betalingsplaner for Nordic Bikes', '1. april 2026', '42,50 €', 'Vælg denne plan'],
    ['en-GB', 'Payment plans for Nordic Bikes', '1 April 2026', '€42.50', 'Choose this plan'],
  ])('speaks %s: heading, dates and amounts in the debtor’s locale, the button', (language, heading, date, amount, button) => {
    const page = renderPlansPage({ ...context({ language }), options: [extension], chooseAction });
    expect(page.html).toContain(`<html lang="${language.slice(0, 2)}">`);
    const visible = text(page.html);
    expect(visible).toContain(heading);
    expect(visible).toContain(`${date} ${amount}`);
    expect(visible).toContain(button);
  });

  it('has every text and every kind in every pay-page language, each translated', () => {
    expect(Object.keys(PLAN_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    for (const [language, t] of Object.entries(PLAN_STRINGS)) {
      expect(Object.keys(t.kinds).sort()).toEqual([...RESTRUCTURING_KINDS].sort());
      for (const value of [...Object.values(t).filter((v) => typeof v === 'string'), ...Object.values(t.kinds).flatMap((k) => [k.title, k.body])]) {
        expect(value.trim()).not.toBe('');
      }
      if (language !== 'en') expect(t.heading).not.toBe(PLAN_STRINGS.en.heading);
    }
  });

  it('escapes names that came from outside', () => {
    const page = renderPlansPage({ ...context({ merchantName: '<script>alert(1)</script>', brandName: 'Tom & "Jerry"' }), options: [extension], chooseAction });
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('its one style block is the one the CSP hash allows', () => {
    const page = renderPlansPage({ ...context(), options: [extension], chooseAction });
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.html)![1];
    expect(createHash('sha256').update(style).digest('base64')).toBe(page.styleHash);
  });
});

describe('pay page → plans', () => {
  it('links to the plans page of the same link, in the debtor’s language', () => {
    expect(renderPayPage({ ...context(), dueDate: '2026-03-01', plansHref: '/p/AbCdEf123456/plans' }).html).toContain(
      '<a href="/p/AbCdEf123456/plans">Can’t pay it all at once? See payment plans</a>',
    );
    expect(text(renderPayPage({ ...context({ language: 'de' }), dueDate: '2026-03-01', plansHref: '/p/x/plans' }).html)).toContain('Nicht alles auf einmal möglich? Ratenpläne ansehen');
  });
});

describe('plan agreed and failure pages', () => {
  it('confirms the agreed plan with its schedule and first due date', () => {
    const page = renderPlanAgreed({ ...context({ language: 'de' }), plan: extension.plan });
    expect(page.status).toBe(200);
    const visible = text(page.html);
    expect(visible).toContain('Ihr Plan ist vereinbart');
    expect(visible).toContain('1. April 2026 42,50 € 1. Mai 2026 42,50 € 1. Juni 2026 42,50 €');
    expect(visible).toContain('Ihre erste Zahlung ist am 1. April 2026 fällig.');
  });

  it('no plan possible: a person will look at the request (Art. 22), with the way back to paying', () => {
    const page = renderPlanNotice('review', 422, context());
    expect(page.status).toBe(422);
    expect(text(page.html)).toContain('A person will look at your request');
    expect(text(page.html)).toContain('someone at Acme Pay will review your request');
  });

  it('negotiation unavailable: offers to pay now instead, with the pay button', () => {
    const page = renderPlanNotice('unavailable', 503, context({ language: 'fr' }));
    expect(page.status).toBe(503);
    expect(text(page.html)).toContain('Les plans ne sont pas disponibles pour le moment');
    expect(page.html).toMatch(/<form method="post" action="\/p\/AbCdEf123456\/pay">\s*<button type="submit">Payer 42,50\s€<\/button>/);
  });

  it('lender down: try again in a few minutes, naming the brand; refused: open the plans page again', () => {
    expect(text(renderPlanNotice('lenderDown', 503, context({ language: 'sv' })).html)).toContain('Vi når inte Acme Pay just nu');
    expect(text(renderPlanNotice('refused', 403, context()).html)).toContain('This choice could not be sent');
  });

  it('never shows a stack trace or internal words on any page in any language', () => {
    for (const language of Object.keys(PLAN_STRINGS)) {
      for (const kind of ['review', 'unavailable', 'lenderDown', 'refused'] as const) {
        expect(renderPlanNotice(kind, 503, context({ language })).html).not.toMatch(/Error|stack|negotiation|undefined|\{\w+\}/);
      }
    }
  });
});
