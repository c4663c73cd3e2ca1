/**
 * The demo's lender portfolio: 36 buy-now-pay-later accounts whose instalment bounced, spread over
 * nine time zones, and a fixed script of who pays when. Everything is derived from the account's
 * index, so every run tells the same story. Phone numbers come from ranges reserved for fiction
 * where the country has one (Ofcom 07700 900xxx, NANP 555-01xx, ACMA 0491 570xxx, ARCEP 0639 98…).
 */

export type Behaviour =
  | 'pays-after-1st' // pays in full soon after the friendly heads-up
  | 'pays-after-2nd' // pays in full after the reminder
  | 'pays-after-3rd' // pays in full after the urgent message
  | 'half-then-rest' // pays half after the first SMS, the rest after the third
  | 'half-only' // pays half after the first SMS, then goes quiet
  | 'never'; // does not react

export interface Payment {
  /** Paid once the debtor has received this many SMS. */
  afterSms: number;
  /** Settle minutes between that SMS and the payment. */
  delayMinutes: number;
  kind: 'full' | 'half' | 'rest';
}

export interface DemoAccount {
  index: number;
  ref: string;
  contact: { phone: string; firstName: string; language: string; timeZone: string; country: string };
  currency: string;
  amountMinor: number;
  merchantName: string;
  orderRef: string;
  instalmentNumber: number;
  dueDate: string;
  /** Settle hours after the demo's start at which the lender reports the missed instalment. */
  arrivalHours: number;
  behaviour: Behaviour;
  payments: Payment[];
}

interface Region {
  code: string;
  timeZone: string;
  country: string;
  currency: string;
  phone: (n: number) => string;
  people: [firstName: string, language: string][];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const REGIONS: Region[] = [
  { code: 'DE', timeZone: 'Europe/Berlin', country: 'DE', currency: 'EUR', phone: (n) => `+49152300001${pad(n, 2)}`, people: [['Anna', 'de'], ['Lukas', 'de'], ['Mia', 'de'], ['Jonas', 'de']] },
  { code: 'GB', timeZone: 'Europe/London', country: 'GB', currency: 'GBP', phone: (n) => `+447700900${pad(n, 3)}`, people: [['Oliver', 'en'], ['Amelia', 'en'], ['Harry', 'en'], ['Isla', 'en']] },
  { code: 'ES', timeZone: 'Europe/Madrid', country: 'ES', currency: 'EUR', phone: (n) => `+346000001${pad(n, 2)}`, people: [['Lucia', 'es'], ['Hugo', 'es'], ['Martina', 'es'], ['Pablo', 'es']] },
  { code: 'SE', timeZone: 'Europe/Stockholm', country: 'SE', currency: 'SEK', phone: (n) => `+46701740${pad(n, 3)}`, people: [['Elsa', 'en'], ['Liam', 'en'], ['Maja', 'en'], ['Noah', 'en']] },
  { code: 'FR', timeZone: 'Europe/Paris', country: 'FR', currency: 'EUR', phone: (n) => `+336399800${pad(n, 2)}`, people: [['Camille', 'fr'], ['Louis', 'fr'], ['Chloé', 'fr'], ['Léo', 'fr']] },
  { code: 'US', timeZone: 'America/New_York', country: 'US', currency: 'USD', phone: (n) => `+1212555${pad(100 + n, 4)}`, people: [['Emma', 'en'], ['James', 'en'], ['Sofia', 'es'], ['Michael', 'en']] },
  { code: 'US', timeZone: 'America/Los_Angeles', country: 'US', currency: 'USD', phone: (n) => `+1310555${pad(100 + n, 4)}`, people: [['Carlos', 'es'], ['Olivia', 'en'], ['Mateo', 'es'], ['Ava', 'en']] },
  { code: 'AU', timeZone: 'Australia/Sydney', country: 'AU', currency: 'USD', phone: (n) => `+61491570${pad(n, 3)}`, people: [['Charlotte', 'en'], ['Jack', 'en'], ['Ruby', 'en'], ['William', 'en']] },
  { code: 'JP', timeZone: 'Asia/Tokyo', country: 'JP', currency: 'USD', phone: (n) => `+819012340${pad(n, 3)}`, people: [['Yuki', 'en'], ['Haruto', 'en'], ['Aoi', 'en'], ['Ren', 'en']] },
];

const MERCHANTS = ['Nordic Bikes', 'Urban Threads', 'Casa Verde', 'Kitchen & Co', 'Sound Lab', 'Trail Outfitters', 'Luma Optics', 'Petit Atelier', 'Green Sprout'];

/** The lender reports missed instalments in four batches: 05:00, 08:00, 11:00 and 14:00 UTC. */
const ARRIVAL_HOURS = [0, 3, 6, 9];

function behaviourOf(index: number): Behaviour {
  if (index % 3 === 0) return 'pays-after-1st';
  if (index % 6 === 1) return 'pays-after-2nd';
  if (index % 12 === 2) return 'half-then-rest';
  if (index % 12 === 8) return 'half-only';
  if (index % 12 === 5) return 'pays-after-3rd';
  return 'never';
}

function paymentsOf(behaviour: Behaviour, index: number): Payment[] {
  const delayMinutes = 25 + ((index * 37) % 150); // 25 min to ~3 h after the SMS
  switch (behaviour) {
    case 'pays-after-1st':
      return [{ afterSms: 1, delayMinutes, kind: 'full' }];
    case 'pays-after-2nd':
      return [{ afterSms: 2, delayMinutes, kind: 'full' }];
    case 'pays-after-3rd':
      return [{ afterSms: 3, delayMinutes, kind: 'full' }];
    case 'half-then-rest':
      return [{ afterSms: 1, delayMinutes, kind: 'half' }, { afterSms: 3, delayMinutes, kind: 'rest' }];
    case 'half-only':
      return [{ afterSms: 1, delayMinutes, kind: 'half' }];
    case 'never':
      return [];
  }
}

export function buildPortfolio(): DemoAccount[] {
  return Array.from({ length: 36 }, (_, index) => {
    const region = REGIONS[Math.floor(index / 4)];
    const slot = index % 4;
    const [firstName, language] = region.people[slot];
    const behaviour = behaviourOf(index);
    // 20.00 to 200.00 in the account's currency, in minor units, looking like real instalments.
    const amountMinor = 2000 + ((index * 4973) % 18000) - (((index * 4973) % 18000) % 50) + (index % 2 === 0 ? 0 : 49);
    return {
      index,
      ref: `BNPL-${region.code}-${1001 + index}`,
      contact: { phone: region.phone(slot + 1), firstName, language, timeZone: region.timeZone, country: region.country },
      currency: region.currency,
      amountMinor,
      merchantName: MERCHANTS[(index * 5) % MERCHANTS.length],
      orderRef: `ORD-${260100 + index * 17}`,
      instalmentNumber: 2 + (index % 3),
      dueDate: `2026-0${index % 5 === 0 ? '2-27' : index % 5 === 1 ? '2-28' : '3-01'}`,
      arrivalHours: ARRIVAL_HOURS[slot],
      behaviour,
      payments: paymentsOf(behaviour, index),
    };
  });
}

/** True when the account's script ends with the balance paid. */
export function paysInFull(account: DemoAccount): boolean {
  return account.payments.some((p) => p.kind === 'full' || p.kind === 'rest');
}
