// Writes the default reminder emails, every language × tone, HTML and text, to apps/email/fixtures/
// so a reviewer can read (and open in a browser) exactly what debtors get:
//
//   node -r @swc-node/register apps/email/scripts/render-fixtures.ts
//
// fixtures.spec.ts fails when the committed files differ from the current rendering.
import type { Tone } from '@settle/contracts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmailContent, SHIPPED_LANGUAGES, renderEmail } from '../src/domain/email-templates';

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures');
const TONES: Tone[] = ['friendly', 'reminder', 'urgent'];

/** A realistic amount in the currency a debtor writing this language most likely pays in. */
const AMOUNT: Record<string, EmailContent['amountDue']> = {
  en: { amountMinor: 4250, currency: 'GBP' },
  sv: { amountMinor: 45900, currency: 'SEK' },
  pl: { amountMinor: 18900, currency: 'PLN' },
  da: { amountMinor: 32000, currency: 'DKK' },
};

export function fixtureContent(language: string, tone: Tone): EmailContent {
  return {
    language,
    tone,
    firstName: 'Lena',
    brandName: 'Acme Pay',
    merchantName: 'Nordic Bikes',
    orderRef: 'ORD-1001',
    amountDue: AMOUNT[language] ?? { amountMinor: 4250, currency: 'EUR' },
    dueDate: '2026-03-01',
    paymentLink: { code: 'AbCdEfGh1234', url: 'https://pay.acme.example/p/AbCdEfGh1234' },
    disclosures: ['Acme Pay Ltd, 1 Example Street, London EC1A 1AA. Registered in England and Wales, no. 01234567.'],
  };
}

/** Tracking on, as the scheduler sends by default; the tokens are placeholders. */
export const FIXTURE_LINKS = {
  pay: 'https://email.acme.example/v1/email/c/CLICK-TOKEN',
  unsubscribe: 'https://email.acme.example/v1/email/unsubscribe/UNSUBSCRIBE-TOKEN',
  openPixel: 'https://email.acme.example/v1/email/o/OPEN-TOKEN.gif',
};

export function renderFixtures(): { file: string; content: string }[] {
  return SHIPPED_LANGUAGES.flatMap((language) =>
    TONES.flatMap((tone) => {
      const rendered = renderEmail(fixtureContent(language, tone), FIXTURE_LINKS);
      if (!rendered.ok) throw new Error(`${language}-${tone}: ${rendered.reason}`);
      const html = rendered.html.replace('<title>', `<!-- Subject: ${rendered.subject.replace(/--/g, '- -')} -->\n<title>`);
      return [
        { file: `${language}-${tone}.html`, content: html },
        { file: `${language}-${tone}.txt`, content: `Subject: ${rendered.subject}\n\n${rendered.text}` },
      ];
    }),
  );
}

if (require.main === module) {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  const fixtures = renderFixtures();
  for (const { file, content } of fixtures) writeFileSync(join(FIXTURES_DIR, file), content);
  process.stdout.write(`wrote ${fixtures.length} fixtures to ${FIXTURES_DIR}\n`);
}
