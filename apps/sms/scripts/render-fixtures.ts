/**
 * Writes every default SMS (template × language × tone) as rendered for one realistic account, so a reviewer
 * can read them: `node -r @swc-node/register apps/sms/scripts/render-fixtures.ts`. A unit test
 * fails when the committed fixtures differ from the current templates.
 */
import 'reflect-metadata';
import { SmsRequestedV1, TONES } from '@settle/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAMED_DEFAULTS, SHIPPED_LANGUAGES, renderReminder } from '../src/domain/sms-templates';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures');

const EXAMPLE: Omit<SmsRequestedV1, 'language' | 'tone'> = {
  stepId: '0195a3c2-7f20-7c11-9b2e-4d6f8a0b1c23',
  caseId: '0195a3c2-6d1e-7b40-8f3a-2c9d4e5f6a71',
  to: '+4915112345678',
  firstName: 'Alex',
  brandName: 'Acme Pay',
  merchantName: 'Nordic Bikes',
  amountDue: { amountMinor: 4250, currency: 'EUR' },
  dueDate: '2026-03-01',
  paymentLink: { code: 'Xq7PzK2mWb9L', url: 'https://pay.acme.example/p/Xq7PzK2mWb9L' },
  disclosures: [],
};

/** file name → content, for every shipped language and tone: the reminder as `de-friendly.txt`, a named default as `plan_offer-de-friendly.txt`. */
export function renderFixtures(): Map<string, string> {
  const files = new Map<string, string>();
  for (const template of [undefined, ...NAMED_DEFAULTS]) {
    for (const language of SHIPPED_LANGUAGES) {
      for (const tone of TONES) {
        const rendered = renderReminder({ ...EXAMPLE, language, tone, ...(template ? { template } : {}) }, 2);
        const body = rendered.ok
          ? `${rendered.text}\n\n-- ${rendered.size.encoding}, ${rendered.size.units} units, ${rendered.size.segments} segment(s)\n`
          : `NOT RENDERED: ${rendered.reason}\n`;
        files.set(`${template ? `${template}-` : ''}${language}-${tone}.txt`, body);
      }
    }
  }
  return files;
}

if (require.main === module) {
  for (const [name, content] of renderFixtures()) writeFileSync(join(FIXTURE_DIR, name), content);
  process.stdout.write(`wrote ${renderFixtures().size} SMS fixtures to ${FIXTURE_DIR}\n`);
}
