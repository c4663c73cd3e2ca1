import type { SmsReplyIntent } from '@settle/contracts';

/*
 * Keywords are written as normaliseReply leaves them: lower case, no accents, apostrophes dropped
 * ("j'ai payé" → "jai paye"), anything else that is not a letter or digit a single space.
 */

/**
 * Opt-out, strong words: an opt-out wherever they stand ("please stop texting me"). CTIA's STOP,
 * STOPALL, UNSUBSCRIBE… and the FCC's 64.1200(a)(10) list (stop, quit, end, revoke, opt out, cancel,
 * unsubscribe), with each shipped language's equivalents.
 */
const STOP_WORDS = [
  'stop', 'stopp', 'stopall', 'unsubscribe', 'optout', 'revoke', 'stoppen', 'stoppa', 'stoppe',
  'abmelden', 'abbestellen', 'arret', 'arreter', 'arretez', 'desabonner', 'desinscrire', 'desinscrivez',
  'desuscribir', 'desuscribirme', 'disiscrivi', 'disiscrivimi', 'cancellami', 'afmelden', 'uitschrijven',
  'avregistrera', 'afmeld', 'afmelde', 'frameld', 'wypisz', 'wypiszcie', 'rezygnuje', 'descadastrar',
];

/** Opt-out words that mean something else inside a sentence ("the end of the month", "alto"): only alone. */
const STOP_ALONE = [
  'end', 'cancel', 'quit', 'halt', 'ende', 'annuler', 'fin', 'baja', 'alto', 'parar', 'para', 'cancelar', 'basta', 'cancella',
  'ophouden', 'avsluta', 'sluta', 'slut', 'afslut', 'nie', 'koniec', 'sair', 'pare',
];

/** Opt-out phrases, in any position. */
const STOP_PHRASES = [
  'opt out', 'stop all', 'dont text', 'do not text', 'dont message', 'do not message', 'dont contact', 'do not contact',
  'no more texts', 'no more messages', 'remove me', 'take me off',
  'keine sms', 'keine nachrichten mehr', 'nicht mehr schreiben', 'nicht mehr kontaktieren', 'lasst mich in ruhe',
  'plus recevoir', 'plus de sms', 'plus de messages', 'menvoyez plus', 'me contactez plus',
  'dar de baja', 'darme de baja', 'de baja', 'no me escriban', 'no me envien', 'dejen de escribir', 'dejen de enviar', 'no mas mensajes', 'no mas sms',
  'non scrivetemi', 'non scrivermi', 'non voglio ricevere', 'basta messaggi', 'basta sms',
  'geen sms meer', 'geen berichten meer', 'niet meer sms',
  'sluta skicka', 'inga fler sms', 'inga mer sms', 'ingen flere sms', 'hold op med at skrive', 'stop med at skrive',
  'nie piszcie', 'nie pisz', 'nie wysylajcie', 'nie chce sms',
  'nao quero receber', 'parem de', 'nao enviem', 'nao me enviem',
];

/** Opt back in: only alone (START, UNSTOP…, and START is what every confirmation asks for). */
const START_ALONE = ['start', 'unstop', 'restart', 'resume', 'optin', 'opt in', 'subscribe', 'resubscribe', 'alta', 'demarrer', 'starta', 'iniciar', 'aanmelden', 'tilmeld', 'wznow'];

const HELP_ALONE = [
  'help', 'info', 'aide', 'ayuda', 'hilfe', 'aiuto', 'hulp', 'hjalp', 'hjaelp', 'pomoc', 'ajuda',
  'informacion', 'informazioni', 'informatie', 'informacja', 'informacao', 'help me', 'help please', 'please help',
];

/** "I already paid": a claim a person checks. Not matched right after a negation ("non ho pagato"). */
const PAID_PHRASES = [
  'already paid', 'paid already', 'already payed', 'i paid', 'ive paid', 'i have paid', 'just paid', 'has been paid', 'its paid', 'it is paid', 'payment made', 'already settled',
  'schon bezahlt', 'bereits bezahlt', 'schon gezahlt', 'bereits gezahlt', 'habe bezahlt', 'hab bezahlt', 'habe gezahlt', 'ist bezahlt', 'schon uberwiesen', 'bereits uberwiesen', 'habe uberwiesen',
  'deja paye', 'deja payee', 'deja regle', 'deja reglee', 'jai paye', 'jai regle', 'cest paye', 'cest regle', 'paiement effectue',
  'ya pague', 'ya lo pague', 'ya he pagado', 'ya esta pagado', 'ya pagado', 'ya esta pago', 'ya realice el pago', 'ya hice el pago',
  'gia pagato', 'ho pagato', 'gia saldato', 'ho saldato', 'pagato gia',
  'al betaald', 'reeds betaald', 'heb betaald', 'is betaald', 'al overgemaakt',
  'redan betalt', 'redan betalat', 'har betalat', 'har betalt', 'ar betalt',
  'allerede betalt', 'er betalt',
  'juz zaplacilem', 'juz zaplacilam', 'juz zaplacone', 'juz oplacone', 'zaplacilem', 'zaplacilam', 'oplacilem', 'oplacilam',
  'ja paguei', 'ja esta pago', 'ja foi pago', 'ja pago', 'paguei', 'ja efetuei o pagamento', 'ja fiz o pagamento',
];

/** Words that undo a "paid" phrase right after them. Not "no": "No, ya pagué" is a claim of payment. */
const NOT_AFTER = new Set(['not', 'never', 'havent', 'hasnt', 'didnt', 'if', 'non', 'nie', 'nao', 'nicht', 'noch', 'wenn', 'niet', 'inte', 'ikke', 'nunca']);

const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = { ł: 'l', æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', đ: 'd', ı: 'i' };

/** Lower case, accents and apostrophes gone, every other run of non-letters one space. */
export function normaliseReply(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łæøœßđı]/g, (c) => LETTERS_WITHOUT_DECOMPOSITION[c])
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * What a debtor's reply asks for. An opt-out wins over everything else in the same reply ("stop, I
 * already paid" opts out): it must take effect at once, while a human still sees the text.
 */
export function classifyReply(text: string): SmsReplyIntent {
  const normal = normaliseReply(text);
  const words = normal.split(' ');
  if (STOP_WORDS.some((w) => words.includes(w)) || STOP_ALONE.includes(normal) || STOP_PHRASES.some((p) => hasPhrase(words, p))) return 'stop';
  if (START_ALONE.includes(normal)) return 'start';
  if (HELP_ALONE.includes(normal)) return 'help';
  if (PAID_PHRASES.some((p) => hasPhrase(words, p, NOT_AFTER))) return 'already_paid';
  return 'other';
}

function hasPhrase(words: string[], phrase: string, notAfter?: Set<string>): boolean {
  const parts = phrase.split(' ');
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (parts.every((p, j) => words[i + j] === p) && !(notAfter && i > 0 && notAfter.has(words[i - 1]))) return true;
  }
  return false;
}
