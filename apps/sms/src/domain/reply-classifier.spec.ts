import fc from 'fast-check';
import type { SmsReplyIntent } from '@settle/contracts';
import { classifyReply, normaliseReply } from './reply-classifier';
import { SHIPPED_LANGUAGES } from './sms-templates';

/** Per shipped language, replies a debtor really sends, by intent. */
const REPLIES: Record<string, Record<Exclude<SmsReplyIntent, 'other'>, string[]> & { other: string[] }> = {
  en: {
    stop: ['STOP', 'stop', 'Stop.', ' STOP! ', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPT OUT', 'opt-out', 'Optout', 'please stop texting me', "Don't text me again", 'remove me from this list', 'Stop, I already paid'],
    start: ['START', 'start', 'Unstop', 'START.', 'opt in'],
    help: ['HELP', 'help?', 'Help please', 'INFO'],
    already_paid: ['I already paid', 'already paid!', "I've paid this yesterday", 'Paid already, thanks', 'I have paid it'],
    other: ['Can I pay next week?', 'who is this', 'I will pay at the end of the month', "I haven't paid yet", 'ok', ''],
  },
  de: {
    stop: ['STOPP', 'Stopp!', 'stop', 'Abmelden', 'Bitte keine SMS mehr', 'ENDE', 'bitte stoppen'],
    start: ['START'],
    help: ['HILFE', 'Hilfe?'],
    already_paid: ['Schon bezahlt', 'habe ich schon bezahlt!', 'Ich habe bereits bezahlt.', 'Hab gestern schon überwiesen', 'ist bezahlt'],
    other: ['Ich habe noch nicht bezahlt', 'Kann ich in Raten zahlen?', 'Wer ist da?'],
  },
  fr: {
    stop: ['ARRET', 'ARRÊT', 'arrêt', 'Arrêtez svp', 'STOP', 'stop sms', 'désabonner', 'ANNULER', 'Je ne veux plus recevoir de messages'],
    start: ['START', 'Démarrer'],
    help: ['AIDE', 'aide ?'],
    already_paid: ['Déjà payé', 'deja paye', "J'ai payé hier", "J’ai déjà réglé", "c'est payé", 'DÉJÀ RÉGLÉE'],
    other: ["Je n'ai pas encore payé", 'Puis-je payer plus tard ?'],
  },
  es: {
    stop: ['BAJA', 'baja', 'ALTO', 'PARAR', 'Quiero darme de baja', 'STOP', 'no me escriban mas', 'Cancelar'],
    start: ['START', 'ALTA'],
    help: ['AYUDA', '¿Ayuda?'],
    already_paid: ['Ya pagué', 'ya pague', 'YA PAGUÉ!!', 'No, ya pagué', 'Ya lo pagué ayer', 'ya está pagado'],
    other: ['¿Puedo pagar la semana que viene?', 'Mi cuota baja el mes que viene', 'alto el precio, no?'],
  },
  it: {
    stop: ['BASTA', 'Basta!', 'STOP', 'Basta messaggi', 'Disiscrivimi', 'non scrivetemi più'],
    start: ['START'],
    help: ['AIUTO', 'Aiuto?'],
    already_paid: ['Già pagato', 'gia pagato', 'Ho già pagato', 'ho pagato ieri', 'ho saldato tutto'],
    other: ['Non ho pagato', 'Basta che mi dite quando', 'Posso pagare a rate?'],
  },
  nl: {
    stop: ['STOPPEN', 'Stop', 'stoppen aub', 'Afmelden', 'geen sms meer aub', 'uitschrijven'],
    start: ['START', 'Aanmelden'],
    help: ['HULP', 'Info'],
    already_paid: ['Al betaald', 'Ik heb al betaald', 'Is betaald!', 'reeds betaald', 'heb gisteren al overgemaakt'],
    other: ['Ik heb niet betaald', 'Kan ik later betalen?'],
  },
  sv: {
    stop: ['STOPP', 'stopp', 'Stoppa', 'AVSLUTA', 'sluta skicka sms', 'STOP'],
    start: ['START', 'Starta'],
    help: ['HJÄLP', 'hjälp?'],
    already_paid: ['Redan betalt', 'Jag har redan betalat', 'Har betalat', 'Det är betalt'],
    other: ['Jag har inte betalat', 'Kan jag betala senare?'],
  },
  da: {
    stop: ['STOP', 'stop', 'AFMELD', 'Afmeld', 'Frameld', 'ingen flere sms tak', 'SLUT'],
    start: ['START', 'Tilmeld'],
    help: ['HJÆLP', 'hjælp'],
    already_paid: ['Allerede betalt', 'Jeg har betalt', 'Har allerede betalt i går', 'Det er betalt'],
    other: ['Jeg har ikke betalt', 'Kan jeg betale senere?'],
  },
  pl: {
    stop: ['NIE', 'nie', 'STOP', 'Stop.', 'Wypisz mnie', 'KONIEC', 'Nie piszcie do mnie'],
    start: ['START', 'wznów'],
    help: ['POMOC', 'Pomoc?'],
    already_paid: ['Już zapłaciłem', 'juz zaplacilem', 'Już zapłaciłam!', 'Zapłaciłem wczoraj', 'już opłacone'],
    other: ['Nie zapłaciłem', 'Jeszcze nie zapłaciłam', 'Czy mogę zapłacić później?', 'nie wiem'],
  },
  pt: {
    stop: ['PARAR', 'SAIR', 'sair', 'PARE', 'STOP', 'Não quero receber mais mensagens', 'parem de mandar sms', 'CANCELAR'],
    start: ['START', 'Iniciar'],
    help: ['AJUDA', 'ajuda?'],
    already_paid: ['Já paguei', 'ja paguei', 'JÁ PAGUEI!', 'Já está pago', 'Paguei ontem'],
    other: ['Não paguei', 'Posso pagar depois?', 'Vou sair de casa agora, pago amanhã'],
  },
};

describe('classifyReply', () => {
  it('covers every shipped language', () => {
    expect(Object.keys(REPLIES).sort()).toEqual([...SHIPPED_LANGUAGES].sort());
  });

  for (const [language, byIntent] of Object.entries(REPLIES)) {
    for (const [intent, replies] of Object.entries(byIntent)) {
      it.each(replies)(`${language}: %j → ${intent}`, (reply) => {
        expect(classifyReply(reply)).toBe(intent);
      });
    }
  }

  it('is case-, accent- and punctuation-insensitive for every keyword', () => {
    for (const reply of ['STOP', 'ARRÊT', 'STOPP', 'BAJA', 'ALTO', 'BASTA', 'STOPPEN', 'AFMELD', 'NIE', 'PARAR', 'SAIR', 'CANCEL', 'END', 'QUIT', 'UNSUBSCRIBE', 'OPT OUT', 'REVOKE']) {
      for (const variant of [reply, reply.toLowerCase(), `  ${reply}.  `, `"${reply}!!"`, `${reply[0]}${reply.slice(1).toLowerCase()}?`, `\n${reply}\n`]) {
        expect({ variant, intent: classifyReply(variant) }).toEqual({ variant, intent: 'stop' });
      }
    }
  });

  it('opt-out wins over anything else in the same reply', () => {
    expect(classifyReply('Schon bezahlt, STOPP')).toBe('stop');
    expect(classifyReply('help stop')).toBe('stop');
  });

  it('words that mean stop only alone do not opt out inside a sentence', () => {
    expect(classifyReply('I can pay at the end of next week')).toBe('other');
    expect(classifyReply('nie mam teraz pieniedzy')).toBe('other');
    expect(classifyReply('I want to cancel my order')).toBe('other');
  });

  it('property: any text containing the word STOP opts out', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/).filter((w) => !['unstop'].includes(w));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.array(word, { maxLength: 6 }), fc.constantFrom('STOP', 'Stop', 'stop!', 'STOP.'), (before, after, stop) => {
        expect(classifyReply([...before, stop, ...after].join(' '))).toBe('stop');
      }),
      { numRuns: 300 },
    );
  });

  it('property: never throws and always answers one of the intents', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(['stop', 'start', 'help', 'already_paid', 'other']).toContain(classifyReply(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('normaliseReply', () => {
  it.each([
    ['  ARRÊT !! ', 'arret'],
    ["J’ai DÉJÀ payé.", 'jai deja paye'],
    ['Już zapłaciłem', 'juz zaplacilem'],
    ['HJÆLP', 'hjaelp'],
    ['Bußgeld', 'bussgeld'],
    ['opt-out', 'opt out'],
    ['¿Ayuda?', 'ayuda'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseReply(input)).toBe(expected);
  });
});
