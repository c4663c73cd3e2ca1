import fc from 'fast-check';
import { measureSms } from './sms-encoding';

/*
 * The GSM 03.38 (3GPP TS 23.038) default alphabet, written out here row by row from the standard's
 * table rather than copied from the code under test. ESC (0x1B) is the escape to the extension table.
 */
const GSM_BASIC_TABLE = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u001b', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];
/** Extension table: each costs ESC + one septet. */
const GSM_EXTENSION_TABLE = ['\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€'];
const NOT_GSM = ['á', 'í', 'ó', 'ú', 'â', 'ê', 'û', 'ç', 'ł', 'Ł', 'ő', 'ș', '–', '—', '’', '“', '”', '…', '`', '\u00a0', '\u202f', '😀', 'ÿ', 'Ж', '中'];

function septets(text: string): number {
  let n = 0;
  for (const ch of text) n += GSM_EXTENSION_TABLE.includes(ch) ? 2 : 1;
  return n;
}

describe('measureSms — GSM-7', () => {
  it('the reference table has 128 distinct characters', () => {
    expect(new Set(GSM_BASIC_TABLE).size).toBe(128);
  });

  it.each(GSM_BASIC_TABLE.map((ch) => [JSON.stringify(ch), ch]))('basic character %s costs one septet', (_label, ch) => {
    expect(measureSms(ch)).toEqual({ encoding: 'GSM-7', units: 1, segments: 1 });
  });

  it.each(GSM_EXTENSION_TABLE.map((ch) => [JSON.stringify(ch), ch]))('extension character %s costs two septets', (_label, ch) => {
    expect(measureSms(ch)).toEqual({ encoding: 'GSM-7', units: 2, segments: 1 });
  });

  it.each([
    [0, 1],
    [1, 1],
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
    [1530, 10],
    [1531, 11],
  ])('%i septets → %i segment(s) (160 single, 153 per concatenated part)', (length, segments) => {
    expect(measureSms('a'.repeat(length))).toEqual({ encoding: 'GSM-7', units: length, segments });
  });

  it('extension characters count double at the 160/161 boundary', () => {
    expect(measureSms('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(measureSms('a'.repeat(158) + '€')).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(measureSms('a'.repeat(159) + '€')).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(measureSms('a'.repeat(159) + '[')).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    const mixed = 'Pay [now] {here} ~ | ^ \\ €5';
    expect(measureSms(mixed)).toEqual({ encoding: 'GSM-7', units: [...mixed].length + 9, segments: 1 });
  });

  it('a realistic GSM-7 reminder with accents from the default alphabet stays GSM-7', () => {
    const text = 'Hallo Jörg, 89,50 € für Nordic Bikes ist überfällig. Café, niño, Ærø, Øre, Å, §, ¿?, ¡!';
    expect(measureSms(text).encoding).toBe('GSM-7');
    expect(measureSms(text).units).toBe(septets(text));
  });

  it('property: any GSM-only text costs one septet per basic and two per extension character', () => {
    const gsmChar = fc.constantFrom(...GSM_BASIC_TABLE, ...GSM_EXTENSION_TABLE);
    fc.assert(
      fc.property(fc.array(gsmChar, { maxLength: 700 }), (chars) => {
        const text = chars.join('');
        const units = septets(text);
        expect(measureSms(text)).toEqual({ encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) });
      }),
      { numRuns: 500 },
    );
  });
});

describe('measureSms — UCS-2', () => {
  it.each(NOT_GSM.map((ch) => [JSON.stringify(ch), ch]))('a single %s switches the whole message to UCS-2', (_label, ch) => {
    const text = `Hi Ana, your payment is open${ch}`;
    expect(measureSms(text).encoding).toBe('UCS-2');
    expect(measureSms(text).units).toBe(text.length);
  });

  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [201, 3],
    [202, 4],
  ])('%i UTF-16 units → %i segment(s) (70 single, 67 per concatenated part)', (length, segments) => {
    const text = 'a'.repeat(length - 1) + 'ł';
    expect(measureSms(text)).toEqual({ encoding: 'UCS-2', units: length, segments });
  });

  it('one non-GSM character in a 160-character text costs three segments instead of one', () => {
    expect(measureSms('a'.repeat(160)).segments).toBe(1);
    expect(measureSms('a'.repeat(159) + '–')).toEqual({ encoding: 'UCS-2', units: 160, segments: 3 });
  });

  it('an emoji counts as two UTF-16 units', () => {
    expect(measureSms('😀')).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(measureSms('a'.repeat(68) + '😀')).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(measureSms('a'.repeat(69) + '😀')).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('extension characters cost one unit, not two, once in UCS-2', () => {
    expect(measureSms('€€€ł')).toEqual({ encoding: 'UCS-2', units: 4, segments: 1 });
  });

  it('property: any text containing a non-GSM character is UCS-2 sized by UTF-16 length', () => {
    const gsmChar = fc.constantFrom(...GSM_BASIC_TABLE, ...GSM_EXTENSION_TABLE);
    fc.assert(
      fc.property(fc.array(gsmChar, { maxLength: 300 }), fc.constantFrom(...NOT_GSM), fc.nat(), (chars, odd, at) => {
        chars.splice(at % (chars.length + 1), 0, odd);
        const text = chars.join('');
        expect(measureSms(text)).toEqual({ encoding: 'UCS-2', units: text.length, segments: text.length <= 70 ? 1 : Math.ceil(text.length / 67) });
      }),
      { numRuns: 500 },
    );
  });
});

describe('measureSms — general properties', () => {
  it('appending a character never lowers the segment count', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }), (text, extra) => {
        expect(measureSms(text + extra).segments).toBeGreaterThanOrEqual(measureSms(text).segments);
      }),
      { numRuns: 500 },
    );
  });

  it('segments are always at least one, and enough to hold the units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        const size = measureSms(text);
        expect(size.segments).toBeGreaterThanOrEqual(1);
        const perSegment = size.encoding === 'GSM-7' ? (size.units <= 160 ? 160 : 153) : size.units <= 70 ? 70 : 67;
        expect(size.segments * perSegment).toBeGreaterThanOrEqual(size.units);
        expect((size.segments - 1) * perSegment).toBeLessThan(Math.max(size.units, 1));
      }),
      { numRuns: 500 },
    );
  });
});
