// Deterministic understanding of one debtor utterance: intents, cues, sentiment, amounts and dates.
import { addDays, addMonths, daysInMonth, parseDate } from '@settle/negotiation';
import type { Language } from './language';
import { type Intent, INTENTS, NEGATIVE, POSITIVE, normalise, patternsFor } from './lexicon';
import type { Cue, Signals } from './ports';

export interface Understanding {
  text: string;
  normalised: string;
  /** Matched intents, most specific first (the order of INTENTS). */
  intents: Intent[];
  /** Amounts in major units as spoken (e.g. 20, 12.5), in order. */
  amounts: number[];
  /** ISO dates mentioned, resolved against today. */
  dates: string[];
  /** A full date with a year (date of birth), when one is spoken. */
  fullDate?: string;
  digits: string;
  signals: Signals;
}

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ['january', 'jan', 'januar', 'janvier', 'enero', 'gennaio', 'januari', 'stycznia', 'styczen', 'janeiro'],
  ['february', 'feb', 'februar', 'fevrier', 'febrero', 'febbraio', 'februari', 'lutego', 'luty', 'fevereiro'],
  ['march', 'mar', 'marz', 'maerz', 'mars', 'marzo', 'maart', 'marca', 'marzec', 'marco', 'marts'],
  ['april', 'apr', 'avril', 'abril', 'aprile', 'kwietnia', 'kwiecien'],
  ['may', 'mai', 'mayo', 'maggio', 'mei', 'maj', 'maja', 'maio'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'czerwca', 'czerwiec', 'junho'],
  ['july', 'jul', 'juli', 'juillet', 'julio', 'luglio', 'lipca', 'lipiec', 'julho'],
  ['august', 'aug', 'aout', 'agosto', 'augustus', 'augusti', 'sierpnia', 'sierpien'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'wrzesnia', 'wrzesien', 'setembro'],
  ['october', 'oct', 'oktober', 'octobre', 'octubre', 'ottobre', 'pazdziernika', 'pazdziernik', 'outubro'],
  ['november', 'nov', 'novembre', 'noviembre', 'listopada', 'listopad', 'novembro'],
  ['december', 'dec', 'dezember', 'decembre', 'diciembre', 'dicembre', 'grudnia', 'grudzien', 'dezembro'],
];
MONTH_NAMES.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));
const MONTH_RE = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

const TOMORROW = /(?<![\p{L}])(tomorrow|morgen|demain|manana|domani|imorgon|i morgon|jutro|amanha|i morgen)(?![\p{L}])/u;
const NEXT_WEEK = /(next week|nachste[n]? woche|semaine prochaine|semana que viene|proxima semana|prossima settimana|volgende week|nasta vecka|przyszlym tygodniu|naeste uge)/u;
const NEXT_MONTH = /(next month|nachste[nm]? monat|mois prochain|mes que viene|proximo mes|prossimo mese|volgende maand|nasta manad|przyszlym miesiacu|naeste maned)/u;
const END_OF_MONTH = /(end of (the|this) month|ende (des|diesen) monats|monatsende|fin (du|de) mois|final de(l)? mes|fine (del )?mese|eind van de maand|slutet av manaden|koncem miesiaca|fim do mes|slutningen af maneden)/u;
const IN_N = /(?:in|within|dans|en|dentro de|tra|fra|over|om|za|daqui a|innerhalb von)\s+(\d{1,2})\s+(days?|tage?n?|jours?|dias?|giorni|dagen|dagar|dni|dage|weeks?|wochen?|semaines?|semanas?|settimane|weken|veckor|tygodni|uger)/u;
const WEEKDAYS: Record<string, number> = {
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 0,
  montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonntag: 0,
  lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6, dimanche: 0,
  lunes: 1, martes: 2, miercoles: 3, jueves: 4, viernes: 5, sabado: 6, domingo: 0,
};
const WEEKDAY_RE = new RegExp(`(?<![\\p{L}])(${Object.keys(WEEKDAYS).join('|')})(?![\\p{L}])`, 'u');

function isoOf(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200 || d > daysInMonth(y, m)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The next date (today or later) falling on day `d` of a month, optionally of month `m`. */
function nextDayOfMonth(today: string, d: number, m?: number): string | undefined {
  const t = parseDate(today);
  for (let i = 0; i < 14; i++) {
    const month = ((t.month - 1 + i) % 12) + 1;
    const year = t.year + Math.floor((t.month - 1 + i) / 12);
    if (m !== undefined && month !== m) continue;
    const iso = isoOf(year, month, d);
    if (iso && iso >= today) return iso;
  }
  return undefined;
}

interface Span {
  start: number;
  end: number;
}

/** Dates in normalised speech, and the spans they used (so their numbers are not read as amounts). */
export function extractDates(norm: string, today: string): { dates: string[]; fullDate?: string; spans: Span[] } {
  const found: { at: number; iso: string }[] = [];
  const spans: Span[] = [];
  let fullDate: string | undefined;
  const take = (m: RegExpExecArray | null, iso: string | undefined) => {
    if (!m) return;
    spans.push({ start: m.index, end: m.index + m[0].length });
    if (iso) found.push({ at: m.index, iso });
  };
  const overlaps = (i: number, j: number) => spans.some((s) => i < s.end && j > s.start);
  let m: RegExpExecArray | null;
  // ISO 1990-03-12
  for (const r = /(\d{4})-(\d{1,2})-(\d{1,2})/g; (m = r.exec(norm)); ) {
    const iso = isoOf(+m[1], +m[2], +m[3]);
    take(m, iso);
    fullDate ??= iso;
  }
  // 12.03.1990, 12/03/1990, 12-03-90, 12.03.
  for (const r = /(?<![\d.,])(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2,4}))?(?![\d,])/g; (m = r.exec(norm)); ) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    if (!m[3] && !m[0].includes('.') && !m[0].includes('/')) continue;
    if (!m[3] && m[0].endsWith('.') === false && /^\d{1,2}[.]\d{1,2}$/.test(m[0]) && +m[2] > 12) continue;
    let year = m[3] ? +m[3] : undefined;
    if (year !== undefined && year < 100) year += year > 30 ? 1900 : 2000;
    const iso = year !== undefined ? isoOf(year, +m[2], +m[1]) : nextDayOfMonth(today, +m[1], +m[2]);
    if (!iso) continue;
    take(m, iso);
    if (year !== undefined) fullDate ??= iso;
  }
  // 12 March 1990, 12th of march, 12. März, 12 de marzo de 1990, le 12 mars
  for (const r = new RegExp(`(\\d{1,2})(?:st|nd|rd|th|er|e|º|o|\\.)?\\s+(?:of\\s+|de\\s+)?(${MONTH_RE})\\.?(?![\\p{L}])(?:,?\\s+(?:de\\s+)?(\\d{4}))?`, 'gu'); (m = r.exec(norm)); ) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const month = MONTHS[m[2]];
    const iso = m[3] ? isoOf(+m[3], month, +m[1]) : nextDayOfMonth(today, +m[1], month);
    take(m, iso);
    if (m[3]) fullDate ??= iso;
  }
  // March 12(th)(, 1990)
  for (const r = new RegExp(`(?<![\\p{L}])(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?`, 'gu'); (m = r.exec(norm)); ) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const month = MONTHS[m[1]];
    const iso = m[3] ? isoOf(+m[3], month, +m[2]) : nextDayOfMonth(today, +m[2], month);
    take(m, iso);
    if (m[3]) fullDate ??= iso;
  }
  // the 15th / am 15. / le 15 / el 15 / il 15 / den 15 / dia 15 (day of month)
  for (const r = /(?:(?:on )?the |am |le |el |il |den |dia |op de |dnia |w dniu )(\d{1,2})(?:st|nd|rd|th|\.|e|er)?(?![\d,.]\d)|(?<![\d.,])(\d{1,2})(?:st|nd|rd|th)(?![\p{L}])/gu; (m = r.exec(norm)); ) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const d = +(m[1] ?? m[2]);
    take(m, nextDayOfMonth(today, d));
  }
  if ((m = IN_N.exec(norm)) && !overlaps(m.index, m.index + m[0].length)) {
    const n = +m[1];
    const weeks = /^(w|s|t|v|u)/.test(m[2]) && !/^(tag|dag|dia|dni|dage)/.test(m[2]);
    take(m, addDays(today, weeks ? n * 7 : n));
  }
  if ((m = TOMORROW.exec(norm))) take(m, addDays(today, 1));
  if ((m = NEXT_WEEK.exec(norm))) take(m, addDays(today, 7));
  if ((m = END_OF_MONTH.exec(norm))) {
    const t = parseDate(today);
    take(m, isoOf(t.year, t.month, daysInMonth(t.year, t.month)));
  } else if ((m = NEXT_MONTH.exec(norm))) take(m, addMonths(today, 1));
  if ((m = WEEKDAY_RE.exec(norm))) {
    const target = WEEKDAYS[m[1]];
    const dow = new Date(`${today}T12:00:00Z`).getUTCDay();
    take(m, addDays(today, ((target - dow + 7) % 7) || 7));
  }
  found.sort((a, b) => a.at - b.at);
  return { dates: [...new Set(found.map((f) => f.iso))], fullDate, spans };
}

/** Amounts (major units) in normalised speech, outside the date spans. */
export function extractAmounts(norm: string, spans: Span[]): number[] {
  const out: number[] = [];
  for (const r = /(?<![\d.,])(\d{1,6})(?:[.,](\d{1,2}))?(?![\d])/g, m = { v: null as RegExpExecArray | null }; (m.v = r.exec(norm)); ) {
    const start = m.v.index;
    const end = start + m.v[0].length;
    if (spans.some((s) => start < s.end && end > s.start)) continue;
    const after = norm.slice(end, end + 8);
    if (/^\s*(%|percent|prozent|pour|por ?ciento|per ?cento|procent)/.test(after)) continue;
    const major = Number(m.v[1]) + (m.v[2] ? Number(m.v[2].padEnd(2, '0')) / 100 : 0);
    if (major > 0 && major <= 100_000) out.push(major);
  }
  return out;
}

const CUE_OF: Partial<Record<Intent, Cue>> = {
  dispute: 'dispute',
  hardship: 'hardship',
  vulnerability: 'vulnerability',
  bereavement: 'bereavement',
  third_party: 'third_party',
  wrong_person: 'third_party',
  bot: 'bot',
  injection: 'injection',
  stop: 'stop',
  already_paid: 'already_paid',
  abuse: 'abuse',
};

export function understand(text: string, language: Language, today: string): Understanding {
  const norm = normalise(text);
  const patterns = patternsFor(language);
  const intents = INTENTS.filter((i) => patterns.get(i)!.test(norm));
  const { dates, fullDate, spans } = extractDates(norm, today);
  const amounts = extractAmounts(norm, spans);
  const cues = [...new Set(intents.map((i) => CUE_OF[i]).filter((c): c is Cue => c !== undefined))];
  const pos = norm.match(POSITIVE)?.length ?? 0;
  const neg = (norm.match(NEGATIVE)?.length ?? 0) + (intents.includes('abuse') ? 2 : 0) + (intents.includes('stop') ? 1 : 0);
  const sentiment = pos + neg === 0 ? 0 : Math.max(-1, Math.min(1, (pos - neg) / (pos + neg + 1)));
  return {
    text,
    normalised: norm,
    intents,
    amounts,
    dates,
    fullDate,
    digits: norm.replace(/\D/g, ''),
    signals: { sentiment: Math.round(sentiment * 100) / 100, cues },
  };
}
