// Every agent utterance passes here before it is spoken. A failing one is replaced by a safe
// fallback by the session, and the reasons are recorded on the turn.
import { formatDate, formatMoney, type Language } from './language';
import { normalise } from './lexicon';
import type { CallBrief } from './ports';

const L = '(?<![\\p{L}\\p{N}])';

function words(list: string[]): RegExp {
  return new RegExp(`${L}(?:${list.join('|')})`, 'u');
}

/** Words that reveal a debt or a payment: never before verification, never on a machine. */
const DEBT_WORDS: Record<Language, string[]> = {
  en: ['debt', 'owe', 'owed', 'owing', 'pay', 'paid', 'payment', 'amount', 'balance', 'overdue', 'arrears', 'collect', 'instal?ment', 'missed', 'outstanding', 'invoice', 'bill(?![a-z])', 'order', 'purchase', 'money', 'loan', 'credit'],
  de: ['schuld', 'forderung', 'zahl', 'bezahl', 'betrag', 'inkasso', 'rate(n)?(?![a-z])', 'mahnung', 'offene', 'rechnung', 'bestellung', 'geld', 'kredit'],
  fr: ['dette', 'creance', 'paie', 'paye', 'paiement', 'montant', 'recouvr', 'impaye', 'echeance', 'facture', 'regler', 'commande', 'argent', 'credit'],
  es: ['deuda', 'pago', 'pagar', 'importe', 'cobr', 'impagad', 'cuota', 'factura', 'pedido', 'dinero', 'credito'],
  it: ['debito', 'pagament', 'pagare', 'importo', 'recupero', 'rata', 'fattura', 'ordine', 'soldi', 'credito'],
  nl: ['schuld', 'betal', 'bedrag', 'incasso', 'termijn', 'factuur', 'bestelling', 'geld', 'krediet'],
  sv: ['skuld', 'betal', 'belopp', 'inkasso', 'faktura', 'bestallning', 'pengar', 'kredit'],
  pl: ['dlug', 'zadluzen', 'platnos', 'zaplac', 'kwot', 'windykac', 'rat[ay]?(?![a-z])', 'faktur', 'zamowien', 'pieniadz', 'naleznos', 'kredyt'],
  pt: ['divida', 'pagament', 'pagar', 'valor', 'cobranca', 'prestac', 'fatura', 'encomenda', 'dinheiro', 'credito'],
  da: ['gaeld', 'betal', 'belob', 'inkasso', 'rate(r)?(?![a-z])', 'faktura', 'bestilling', 'penge', 'kredit'],
};

const THREATS: Record<Language, string[]> = {
  en: ['court(?![a-z])', 'sue(?![a-z])', 'suing', 'lawsuit', 'legal action', 'lawyer', 'attorney', 'bailiff', 'arrest', 'police', 'jail', 'prison', 'seize', 'garnish', 'credit (score|rating|file)', 'report you', 'consequences', 'we will take action'],
  de: ['gericht', 'klage', 'verklag', 'anwalt', 'gerichtsvollzieher', 'polizei', 'gefangnis', 'pfand', 'schufa', 'konsequenzen', 'rechtliche schritte'],
  fr: ['tribunal', 'poursuite', 'avocat', 'huissier', 'police', 'prison', 'saisie', 'fichage', 'consequences', 'action en justice'],
  es: ['juicio', 'tribunal', 'demanda', 'abogado', 'embargo', 'policia', 'carcel', 'consecuencias', 'asnef', 'acciones legales'],
  it: ['tribunale', 'avvocato', 'ufficiale giudiziario', 'pignorament', 'polizia', 'carcere', 'conseguenze', 'crif', 'azioni legali'],
  nl: ['rechter', 'rechtbank', 'advocaat', 'deurwaarder', 'beslag', 'politie', 'gevangenis', 'gevolgen', 'bkr(?![a-z])'],
  sv: ['domstol', 'stamning', 'advokat', 'kronofogden', 'utmatning', 'polis', 'fangelse', 'konsekvenser'],
  pl: ['sad(?![a-z])', 'pozew', 'komornik', 'zajeci', 'policj', 'wiezieni', 'konsekwencj', 'bik(?![a-z])'],
  pt: ['tribunal', 'processo judicial', 'advogado', 'penhora', 'policia', 'prisao', 'consequencias'],
  da: ['retten', 'sagsog', 'advokat', 'fogeden', 'udlaeg', 'politi', 'faengsel', 'konsekvenser', 'rki(?![a-z])'],
};

const URGENCY: Record<Language, string[]> = {
  en: ['immediately', 'or else', 'last chance', 'final (notice|warning)', 'today only', 'urgent', "before it'?s too late", 'act now', 'within the hour', 'expires today'],
  de: ['sofort', 'letzte chance', 'letzte mahnung', 'dringend', 'nur heute', 'umgehend'],
  fr: ['immediatement', 'derniere chance', 'dernier avertissement', 'urgent', "aujourd'?hui seulement", 'sans delai'],
  es: ['inmediatamente', 'ultima oportunidad', 'ultimo aviso', 'urgente', 'solo hoy'],
  it: ['immediatamente', 'ultima possibilita', 'ultimo avviso', 'urgente', 'solo oggi'],
  nl: ['onmiddellijk', 'laatste kans', 'laatste waarschuwing', 'dringend', 'alleen vandaag'],
  sv: ['omedelbart', 'sista chansen', 'sista varning', 'bradskande'],
  pl: ['natychmiast', 'ostatnia szansa', 'ostateczne wezwanie', 'pilne'],
  pt: ['imediatamente', 'ultima oportunidade', 'ultimo aviso', 'urgente'],
  da: ['omgaende', 'sidste chance', 'sidste advarsel', 'haster'],
};

const SHAMING: Record<Language, string[]> = {
  en: ['irresponsible', 'shame', 'ashamed', 'deadbeat', 'lazy', 'pathetic', 'disgrace', 'embarrass', 'your (own )?fault', 'careless', 'should have known'],
  de: ['verantwortungslos', 'schande', 'schamen', 'faul', 'peinlich', 'erbarmlich', 'selbst schuld'],
  fr: ['irresponsable', 'honte', 'paresseu', 'pathetique', 'de votre faute'],
  es: ['irresponsable', 'verguenza', 'vago', 'patetico', 'culpa suya', 'su culpa'],
  it: ['irresponsabile', 'vergogn', 'pigro', 'patetico', 'colpa sua'],
  nl: ['onverantwoordelijk', 'schaam', 'schande', 'lui(?![a-z])', 'zielig', 'eigen schuld'],
  sv: ['oansvarig', 'skam', 'patetisk'],
  pl: ['nieodpowiedzialn', 'wstyd', 'leniw', 'zalosn'],
  pt: ['irresponsavel', 'vergonha', 'preguicos', 'patetico'],
  da: ['uansvarlig', 'skam', 'doven', 'patetisk'],
};

/** The agent claiming the debt is gone without a tool saying so (what an injection would aim for). */
const CONCESSION: Record<Language, string[]> = {
  en: ["(don'?t|do not|no longer) owe", 'owe nothing', '(balance|debt|amount) (is|has been|was) (cleared|waived|cancelled|canceled|forgiven|written off|zero)', 'zero balance', 'waive'],
  de: ['schulden (uns |ihnen )?nichts', 'erlassen', '(forderung|schuld) (ist )?(gestrichen|erledigt)'],
  fr: ['ne devez (plus )?rien', '(dette|creance) (est )?annulee', 'effacee'],
  es: ['no debe nada', 'condonad', 'deuda (esta )?cancelada'],
  it: ['non deve (piu )?nulla', 'condonat', 'debito (e )?cancellato'],
  nl: ['niets (meer )?schuldig', 'kwijtgescholden'],
  sv: ['inte skyldig', 'efterskänkt', 'avskriven'],
  pl: ['nic nie (jest pan|jest pani|jestes) winien', 'umorzon'],
  pt: ['nao deve nada', 'perdoad', 'anulad'],
  da: ['skylder ikke', 'eftergivet'],
};

const compiled = new Map<string, RegExp>();
function lexicon(kind: string, table: Record<Language, string[]>, language: Language): RegExp {
  const key = `${kind}:${language}`;
  let r = compiled.get(key);
  if (!r) {
    r = words(language === 'en' ? table.en : [...table[language], ...table.en.filter((w) => w.length > 4)]);
    compiled.set(key, r);
  }
  return r;
}

const AI_DISCLOSURE: Record<Language, RegExp> = {
  en: /\bAI\b|artificial intelligence|virtual assistant/,
  de: /\bKI\b|künstliche Intelligenz/,
  fr: /\bIA\b|intelligence artificielle/,
  es: /\bIA\b|inteligencia artificial/,
  it: /\bIA\b|intelligenza artificiale/,
  nl: /\bAI\b|kunstmatige intelligentie/,
  sv: /\bAI\b|artificiell intelligens/,
  pl: /\bAI\b|sztuczn/,
  pt: /\bIA\b|inteligência artificial/,
  da: /\bAI\b|kunstig intelligens/,
};
const RECORDING: Record<Language, RegExp> = {
  en: /record/i,
  de: /aufgezeichnet|Aufzeichnung/i,
  fr: /enregistr/i,
  es: /grab/i,
  it: /registrat/i,
  nl: /opgenomen/i,
  sv: /spelas in/i,
  pl: /nagrywan/i,
  pt: /gravad/i,
  da: /optages/i,
};

export type GuardStage = 'unverified' | 'machine' | 'verified';

/** The facts the agent may repeat in this call: digit runs of every amount, date and number seen. */
export class Facts {
  private readonly digits = new Set<string>();

  constructor(
    private readonly locale: string,
    private readonly currency: string,
  ) {}

  addText(text: string | undefined): void {
    for (const run of text?.match(/\d+/g) ?? []) this.digits.add(run);
  }

  addMoney(amountMinor: number, currency = this.currency): void {
    this.addText(String(amountMinor));
    try {
      this.addText(formatMoney(amountMinor, currency, this.locale));
    } catch {
      /* unknown currency: the raw number only */
    }
  }

  addDate(iso: string): void {
    this.addText(iso.slice(0, 10));
    this.addText(formatDate(iso, this.locale));
  }

  /** Every number, amount and date in a tool result (keys ending in Minor are money). */
  addResult(value: unknown, currency = this.currency, key = ''): void {
    if (value === null || value === undefined) return;
    if (typeof value === 'number') {
      if (/minor$/i.test(key)) this.addMoney(value, currency);
      else this.addText(String(value));
    } else if (typeof value === 'string') {
      if (/^\d{4}-\d{2}-\d{2}/.test(value)) this.addDate(value);
      else this.addText(value);
    } else if (Array.isArray(value)) {
      for (const v of value) this.addResult(v, currency, key);
    } else if (typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      const cur = typeof obj.currency === 'string' ? obj.currency : currency;
      for (const [k, v] of Object.entries(obj)) this.addResult(v, cur, k);
    }
  }

  has(run: string): boolean {
    return this.digits.has(run);
  }
}

export interface GuardContext {
  language: Language;
  brief: CallBrief;
  stage: GuardStage;
  facts: Facts;
  /** Digit runs allowed before verification (the callback number). */
  publicFacts: Facts;
}

/** Reasons the utterance must not be spoken; empty when it may. */
export function checkUtterance(text: string, ctx: GuardContext): string[] {
  const reasons: string[] = [];
  const norm = normalise(text);
  const lang = ctx.language;
  const facts = ctx.stage === 'verified' ? ctx.facts : ctx.publicFacts;
  for (const run of text.match(/\d+/g) ?? []) {
    if (!facts.has(run)) reasons.push(`number_not_from_facts:${run}`);
  }
  if (ctx.stage !== 'verified') {
    // The brand is the business name the call must give; a brand such as "Acme Pay" is not a debt detail.
    const brand = normalise(ctx.brief.brandName);
    const unbranded = brand ? norm.split(brand).join(' ') : norm;
    if (lexicon('debt', DEBT_WORDS, lang).test(unbranded)) reasons.push('debt_detail_before_verification');
    const merchant = normalise(ctx.brief.debt.merchantName);
    if (merchant && norm.includes(merchant)) reasons.push('merchant_before_verification');
    if (ctx.brief.debt.orderRef && text.includes(ctx.brief.debt.orderRef)) reasons.push('order_before_verification');
  }
  if (lexicon('threat', THREATS, lang).test(norm)) reasons.push('threat_or_legal_consequence');
  if (lexicon('urgency', URGENCY, lang).test(norm)) reasons.push('false_urgency');
  if (lexicon('shaming', SHAMING, lang).test(norm)) reasons.push('shaming');
  if (lexicon('concession', CONCESSION, lang).test(norm)) reasons.push('unauthorised_concession');
  return reasons;
}

export function hasAiDisclosure(text: string, language: Language): boolean {
  return AI_DISCLOSURE[language].test(text);
}

export function hasRecordingNotice(text: string, language: Language): boolean {
  return RECORDING[language].test(text);
}

/** Where the jurisdiction requires the caller to say it is a debt collector (US Reg F § 1006.18(e)). */
export function requiresCollectorIdentification(jurisdiction: string): boolean {
  return /^US(-|$)/i.test(jurisdiction);
}
