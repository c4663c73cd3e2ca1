// Deterministic intent and cue vocabulary, per shipped language, matched against normalised text
// (lower case, accents stripped, ß→ss, ł→l, ø→o, æ→ae). English is always checked as well: people
// mix languages and assistants answering for someone often speak English.
import type { Language } from './language';

export const INTENTS = [
  'voicemail',
  'injection',
  'bot',
  'abuse',
  'stop',
  'bereavement',
  'vulnerability',
  'human',
  'wrong_person',
  'third_party',
  'already_paid',
  'dispute',
  'hardship',
  'cant_pay',
  'part_payment',
  'monthly',
  'pay_now',
  'promise',
  'plan',
  'goodbye',
  'no',
  'yes',
] as const;
export type Intent = (typeof INTENTS)[number];

type Lexicon = Partial<Record<Intent, string[]>>;

const en: Lexicon = {
  voicemail: ['leave (a|your) message', 'after the (tone|beep)', 'voicemail', 'mailbox', 'not available (right now|to take your call)', 'record your message'],
  injection: [
    'ignore (all |any )?(your |the |previous |prior |above )*(instructions|rules|prompt)',
    'disregard (your|the|all|previous) ',
    'system prompt',
    'you are now',
    'new instructions',
    'developer mode',
    'forget (everything|your instructions|all)',
    'pretend (you|to be)',
    'act as',
    '(set|change|make) my (balance|debt|amount)',
    '(say|confirm|tell me) (that )?i (owe|have to pay) nothing',
    'waive (the|my|it|this)',
    'jailbreak',
    'reveal your (prompt|instructions)',
  ],
  bot: [
    "i('| a)m an? (ai|automated|virtual|digital) (assistant|agent)",
    'this is an? (automated|virtual|ai|digital) (assistant|agent|call screening)',
    '(call|google|virtual) (assistant|screening)',
    'screening (service|this call)',
    'answering on behalf of',
    'assistant (for|of) [a-z]+',
    'state your name and (the )?(purpose|reason)',
  ],
  abuse: ['fuck', 'f\\*+', 'bitch', 'asshole', 'bastard', 'shut up', 'piss off'],
  stop: [
    'stop calling',
    "(don'?t|do not|never) (call|ring|contact) (me|here|this number)",
    'leave me alone',
    '(remove|take) (me|my number)',
    'opt (me )?out',
    'unsubscribe',
    'no more calls',
  ],
  bereavement: ['passed away', '(has |have |just )?died', 'funeral', 'bereave', 'lost my (husband|wife|mother|father|mum|mom|dad|son|daughter|partner)', 'deceased', 'is dead'],
  vulnerability: [
    'hospital',
    'depress',
    'mental health',
    'anxiety',
    'suicid',
    "(i )?(don'?t|do not) understand",
    'confused',
    'dementia',
    'disabilit',
    'carer',
    'cancer',
    'seriously ill',
    'can\'?t cope',
  ],
  human: ['(real|actual) (person|human)', 'a human', 'speak (to|with) (someone|somebody|a person|an agent|a manager|a supervisor)', 'talk to (someone|somebody|a person|a human|an agent)', 'representative', 'operator', 'transfer me'],
  wrong_person: ['wrong number', "(there'?s )?no(body| one) (here )?(called|by that name|named)", "(doesn'?t|does not) live here", "not (me|him|her)", 'never heard of', "you have the wrong", "that'?s not me", 'wrong person'],
  third_party: [
    "(he|she)('s| is) not (here|home|in|available)",
    "(he|she)('s| is) (out|at work|away|busy)",
    "i('| a)m (his|her) (wife|husband|mother|father|mum|mom|dad|son|daughter|partner|flatmate|roommate|brother|sister|friend)",
    'this is (his|her) ',
    'can i take a message',
    'speaking for (him|her)',
  ],
  already_paid: ['already paid', 'paid (it|that|this) already', "i('ve| have) paid", 'i paid (it|that|already|last|yesterday|on)', 'it was paid', 'it is paid', 'been paid'],
  dispute: [
    'not my (debt|order|purchase|account)',
    'never (ordered|bought|received|got)',
    "(didn'?t|did not) (order|buy|receive|get)",
    'returned (it|the|everything)',
    'sent (it|them) back',
    'dispute',
    'fraud',
    'scam',
    'wrong amount',
    "(don'?t|do not) owe",
    'not (correct|right)',
    'cancelled (the|my|it)',
    'refund',
  ],
  hardship: [
    'lost my job',
    'unemployed',
    'out of work',
    'laid off',
    'no (money|income|job)',
    'struggling',
    'broke',
    "can'?t afford",
    'cannot afford',
    'benefits',
    'on sick leave',
    'tight (right now|at the moment|this month)',
    'bills',
    'hardship',
  ],
  cant_pay: ["can'?t pay", 'cannot pay', 'unable to pay', "(won'?t|will not) be able to pay", 'not (right )?now', "i don'?t have (it|the money)"],
  part_payment: ['part (of it )?now', 'some (of it )?now', 'the rest (later|next|on|in)', 'rest later', 'remainder', 'half (now|today)', 'split', 'in (two|2|three|3) (parts|payments)', 'instal?ments'],
  monthly: ['(a|per|each|every) month', 'monthly'],
  pay_now: ['pay (it )?(now|today|right now|right away|straight away|in full)', 'send (me )?(the|a) link', 'text me (the|a) link', "i('ll| will) pay( it)?$", 'pay by link', 'settle (it|this|up)', "let'?s pay", 'pay it off', 'the link'],
  promise: ['(i can|i will|i\'ll) pay (it )?(on|by|next|tomorrow|at the end|in)', 'pay (it )?(on|by) (the )?\\d', 'payday', 'when i get paid'],
  plan: ['plan', 'spread', 'smaller payments', 'a bit at a time', 'payment arrangement'],
  goodbye: ['^bye', 'goodbye', 'bye bye', "that'?s all", 'nothing else'],
  no: ['^no\\b', '^nope', '^nah', 'no thanks', 'no thank you', '^not really', '^wrong'],
  yes: ['^yes', '^yeah', '^yep', '^yup', '^sure', '^correct', "^that'?s (me|right|correct)", 'speaking', '^ok(ay)?', '^please', 'sounds good', 'go ahead', "^(it'?s|this is) (me|him|her)", "^i am\\b", '^indeed', '^absolutely', 'do that', 'set it up'],
};

const de: Lexicon = {
  voicemail: ['nachricht nach dem (signalton|ton|piep)', 'hinterlassen sie', 'mailbox', 'anrufbeantworter', 'nicht erreichbar', 'sprachbox'],
  injection: ['ignorier(e|en sie)? (alle |deine |ihre |die )*(anweisungen|regeln|vorgaben)', 'vergiss (alles|deine anweisungen)', 'du bist jetzt', 'systemprompt', 'neue anweisung', 'setze? meinen? (saldo|betrag|schulden)', 'sag(en sie)? (mir )?dass ich nichts (schulde|zahlen muss)', 'erlass(e|en sie)? (die|meine)'],
  bot: ['ich bin ein (ki|virtueller|digitaler|automatischer)', '(ki|virtueller|digitaler)[- ]?assistent', 'anrufassistent', 'im auftrag von [a-z]+ antworte', 'nennen sie ihren namen und (den )?grund'],
  abuse: ['arschloch', 'scheiss', 'halt die klappe', 'verpiss', 'fick'],
  stop: ['(rufen sie|ruf) mich nicht (mehr )?an', 'horen sie auf (mich )?anzurufen', 'hor auf anzurufen', 'keine anrufe mehr', 'lassen sie mich in ruhe', 'nummer (loschen|entfernen)', 'nicht mehr anrufen'],
  bereavement: ['verstorben', 'gestorben', 'beerdigung', 'ist tot', 'todesfall', 'trauer'],
  vulnerability: ['krankenhaus', 'depression', 'psychisch', 'verstehe (das )?nicht', 'verwirrt', 'demenz', 'behinderung', 'pflegefall', 'krebs', 'schwer krank', 'uberfordert'],
  human: ['(echten |einem )?menschen', 'mitarbeiter(in)?', 'mit jemandem sprechen', 'eine person', 'verbinden sie mich', 'berater(in)?', 'vorgesetzte'],
  wrong_person: ['falsche nummer', 'falsch verbunden', 'wohnt (hier )?nicht', 'kenne (ich )?nicht', 'bin ich nicht', 'nicht ich', 'gibt es hier nicht', 'niemand (mit dem namen|namens)'],
  third_party: ['(er|sie) ist (nicht|gerade nicht) (da|zu hause|erreichbar)', 'ich bin (seine|ihre) (frau|mutter|tochter|schwester|partnerin|freundin)', 'ich bin (sein|ihr) (mann|vater|sohn|bruder|partner|freund)', 'kann ich (etwas )?ausrichten'],
  already_paid: ['(schon|bereits) (bezahlt|uberwiesen|gezahlt)', 'habe (es |das )?(doch )?(schon |bereits )?(bezahlt|uberwiesen)', 'ist (schon |bereits )?bezahlt'],
  dispute: ['nicht meine (bestellung|schuld|forderung)', 'nie (bestellt|bekommen|erhalten)', 'nicht (bestellt|bekommen|erhalten)', 'zuruckgeschickt', 'retour', 'widerspruch', 'einspruch', 'betrug', 'falscher betrag', 'schulde (ich )?nichts', 'stimmt nicht', 'storniert', 'reklamation'],
  hardship: ['arbeitslos', 'job verloren', 'arbeit verloren', 'kein (geld|einkommen)', 'pleite', 'knapp', 'nicht leisten', 'burgergeld', 'krankgeschrieben', 'schwierige (zeit|lage)', 'finanzielle (probleme|schwierigkeiten)'],
  cant_pay: ['kann (das |es )?(gerade |jetzt )?nicht (be)?zahlen', 'kann nicht (be)?zahlen', 'nicht jetzt', 'gerade nicht', 'habe (das geld )?nicht'],
  part_payment: ['(einen )?teil (jetzt|heute|sofort)', 'etwas (jetzt|heute)', '(den )?rest (spater|nachsten|am|im|in)', 'halb(e|en)? (jetzt|heute)', 'aufteilen', 'in raten', 'ratenzahlung', 'raten'],
  monthly: ['(im|pro|jeden) monat', 'monatlich'],
  pay_now: ['(jetzt|sofort|heute|gleich) (be)?zahlen', '(schicken|senden) sie (mir )?(den|einen) link', 'schick mir (den|einen) link', 'per link', 'zahle (es )?(jetzt|sofort|gleich)', 'begleichen', 'den link'],
  promise: ['(kann|werde) (es |das )?(am|bis|nachste|morgen|ende|in) .{0,20}(be)?zahlen', 'zahle (es |das )?(am|bis|nachste|morgen|ende)', 'wenn (mein )?gehalt kommt', 'nach dem zahltag'],
  plan: ['plan', 'ratenplan', 'kleinere (raten|betrage)', 'zahlungsplan', 'stundung'],
  goodbye: ['tschuss', 'auf wiederhoren', 'auf wiedersehen', 'das wars'],
  no: ['^nein', '^ne\\b', '^nee', 'nein danke', '^eher nicht', '^falsch'],
  yes: ['^ja', '^jawohl', '^genau', '^richtig', '^stimmt', 'am apparat', '^(das )?bin ich', '^ok(ay)?', '^gerne', '^bitte', '^klar', '^sicher', 'machen sie das', 'einverstanden', 'passt'],
};

const fr: Lexicon = {
  voicemail: ['laissez (un|votre) message', 'apres le bip', 'messagerie', 'repondeur', 'pas disponible'],
  injection: ['ignore[sz]? (toutes |tes |vos |les )*(instructions|regles|consignes)', 'oublie[sz]? (tout|tes instructions)', 'tu es maintenant', 'prompt systeme', 'nouvelles instructions', 'dis(-moi|es)? que je ne dois rien', 'annule[sz]? (ma|la) (dette|creance)'],
  bot: ["je suis un (assistant|agent) (ia|virtuel|vocal|automatique)", 'assistant (vocal|virtuel|ia)', 'filtrage (des )?appels', 'au nom de [a-z]+, (qui|quel)', 'indiquez votre nom et (le )?motif'],
  abuse: ['connard', 'putain', 'ta gueule', 'va te faire', 'salope', 'merde'],
  stop: ["(ne )?m'?appelez plus", 'arretez de (m\'?)?appeler', 'laissez-moi tranquille', 'plus d\'?appels', 'retirez mon numero', 'ne plus (m\'?)?appeler'],
  bereavement: ['decede', 'est mort', 'obseques', 'enterrement', 'deces', 'en deuil'],
  vulnerability: ['hopital', 'depression', 'sante mentale', 'je ne comprends pas', 'je suis (completement )?perdu', 'handicap', 'maladie grave', 'cancer', 'alzheimer'],
  human: ['(une )?vraie personne', 'un humain', 'un conseiller', 'parler a (quelqu\'?un|une personne|un agent)', 'un responsable', 'passez-moi'],
  wrong_person: ['mauvais numero', 'faux numero', "(n'?)?habite pas ici", 'ce n\'?est pas moi', 'connais pas', 'personne de ce nom', 'vous vous trompez'],
  third_party: ["(il|elle) n'?est pas (la|disponible)", 'je suis (sa|son) (femme|mari|mere|pere|fille|fils|conjoint|compagne|compagnon|soeur|frere)', 'je peux prendre un message'],
  already_paid: ['deja (paye|regle|verse)', "j'?ai (deja )?(paye|regle)", "c'?est (deja )?(paye|regle)"],
  dispute: ["(ce n'?est|c'?est) pas ma (commande|dette)", "jamais (commande|recu)", "(pas|rien) (commande|recu)", 'renvoye', 'retourne', 'contest', 'fraude', 'arnaque', 'mauvais montant', 'je ne dois rien', 'rembours', 'annule'],
  hardship: ['perdu mon (emploi|travail|boulot)', 'chomage', 'sans emploi', "pas d'?argent", 'plus de revenus', 'fauche', 'difficultes', 'fin de mois', 'arret maladie', 'je galere', 'pas les moyens'],
  cant_pay: ['peux pas payer', 'ne peux pas (payer|regler)', 'pas maintenant', 'pas tout de suite', 'je n\'?ai pas (l\'?argent|de quoi)'],
  part_payment: ['une partie (maintenant|aujourd\'?hui)', 'un peu (maintenant|aujourd\'?hui)', 'le reste (plus tard|le|en|au|la|dans)', 'la moitie', 'en (deux|plusieurs) fois', 'etaler', 'echelonn', 'en plusieurs'],
  monthly: ['par mois', 'chaque mois', 'mensuel'],
  pay_now: ['payer (maintenant|tout de suite|aujourd\'?hui|direct)', 'envoyez(-moi)? (le|un) lien', 'envoie(-moi)? (le|un) lien', 'par lien', 'regler (maintenant|tout de suite)', 'je paie (maintenant|tout de suite)', 'le lien'],
  promise: ['(je peux|je vais|je pourrai) (payer|regler) (le|demain|la semaine|a la fin|dans|avant)', 'quand je (serai|suis) paye', 'apres ma paie'],
  plan: ['echeancier', 'plan', 'petites mensualites', 'mensualites'],
  goodbye: ['au revoir', 'bonne journee', "c'?est tout"],
  no: ['^non', '^pas vraiment', 'non merci', '^nan'],
  yes: ['^oui', '^ouais', "^c'?est (moi|bien moi|ca|exact)", '^exact', '^d\'?accord', '^ok', '^bien sur', '^volontiers', 'allez-y', '^tout a fait', '^parfait', 'lui-meme', 'elle-meme', 'moi-meme'],
};

const es: Lexicon = {
  voicemail: ['deje (su|un) mensaje', 'despues de la senal', 'buzon de voz', 'no (esta )?disponible'],
  injection: ['ignora (todas |tus |las )*(instrucciones|reglas)', 'olvida (todo|tus instrucciones)', 'ahora eres', 'prompt del sistema', 'nuevas instrucciones', 'di(me)? que no debo nada', 'cancela (mi|la) deuda'],
  bot: ['soy un asistente (virtual|de ia|automatico)', 'asistente (virtual|de llamadas|de ia)', 'filtrado de llamadas', 'diga su nombre y (el )?motivo'],
  abuse: ['gilipollas', 'joder', 'cabron', 'mierda', 'callate', 'puta'],
  stop: ['(no )?me (vuelva|vuelvan|vuelvas) a llamar', 'deje(n)? de llamar(me)?', 'no me llame(n)? mas', 'dejeme en paz', 'dejame en paz', 'borre(n)? mi numero', 'no quiero mas llamadas'],
  bereavement: ['fallecio', 'fallecido', 'ha muerto', 'murio', 'funeral', 'entierro', 'de luto'],
  vulnerability: ['hospital', 'depresion', 'salud mental', 'no entiendo', 'confundid', 'discapacidad', 'enfermedad grave', 'cancer', 'demencia'],
  human: ['(una )?persona real', 'un humano', 'hablar con (alguien|una persona|un agente|un responsable)', 'un agente', 'paseme con', 'operador'],
  wrong_person: ['numero equivocado', 'se ha equivocado', 'no vive aqui', 'no soy (yo|el|ella)', 'no conozco', 'nadie con ese nombre', 'no es aqui'],
  third_party: ['(el|ella) no esta', 'no se encuentra', 'soy su (mujer|marido|esposa|esposo|madre|padre|hija|hijo|pareja|hermana|hermano)', 'le dejo (el )?recado', 'quiere dejar(le)? un (mensaje|recado)'],
  already_paid: ['ya (lo |la )?(he )?pagad[oa]', 'ya (lo )?pague', 'esta pagad[oa]', 'ya esta pagado'],
  dispute: ['no es mi (pedido|deuda|compra)', 'nunca (pedi|recibi|compre)', 'no (lo )?(pedi|recibi|compre)', 'lo devolvi', 'devuelto', 'reclamacion', 'fraude', 'estafa', 'importe (equivocado|incorrecto)', 'no debo nada', 'reembolso', 'cancelad[oa]'],
  hardship: ['perd(i|ido) (mi|el) (trabajo|empleo)', 'en paro', 'sin trabajo', 'no tengo (dinero|ingresos|trabajo)', 'mal de dinero', 'no llego a fin de mes', 'de baja', 'dificultades', 'apurad[oa]', 'no me lo puedo permitir'],
  cant_pay: ['no puedo pagar', 'no (lo )?puedo pagar', 'ahora no', 'ahora mismo no', 'no tengo (el dinero|para pagar)'],
  part_payment: ['una parte (ahora|hoy)', 'algo (ahora|hoy)', 'el resto (mas tarde|luego|el|en|a|dentro)', 'la mitad', 'en (dos|varios) (pagos|plazos)', 'a plazos', 'fraccionar', 'dividir'],
  monthly: ['al mes', 'por mes', 'cada mes', 'mensual'],
  pay_now: ['pagar (ahora|ya|hoy|ahora mismo)', 'mande(me)? (el|un) enlace', 'envie(me)? (el|un) enlace', 'mandame (el|un) enlace', 'por enlace', 'lo pago (ya|ahora)', 'el enlace'],
  promise: ['(puedo|voy a|podre) pagar(lo)? (el|manana|la semana|a final|en|antes)', 'cuando cobre', 'cuando me paguen'],
  plan: ['plan', 'cuotas', 'pagos mas pequenos', 'plan de pagos'],
  goodbye: ['adios', 'hasta luego', 'eso es todo', 'chao'],
  no: ['^no\\b', 'no gracias', '^para nada', '^que va'],
  yes: ['^si\\b', "^s[ií]\\b", '^claro', '^vale', '^correcto', '^soy yo', '^el mismo', '^ella misma', '^de acuerdo', '^por supuesto', '^ok', '^perfecto', '^exacto', '^venga', 'hagalo', 'adelante'],
};

const it: Lexicon = {
  voicemail: ['lasci(ate)? un messaggio', 'dopo il segnale', 'segreteria', 'non e raggiungibile'],
  injection: ['ignora (tutte |le |tue )*(istruzioni|regole)', 'dimentica (tutto|le istruzioni)', 'ora sei', 'prompt di sistema', 'di(mmi)? che non devo nulla'],
  bot: ['sono un assistente (virtuale|ia|automatico)', 'assistente (virtuale|vocale)', 'filtro chiamate'],
  abuse: ['vaffanculo', 'stronzo', 'cazzo', 'stai zitto'],
  stop: ['non (mi )?chiamate piu', 'smettete(la)? di chiamar', 'non chiamatemi', 'lasciatemi in pace', 'togliete il mio numero'],
  bereavement: ['e morto', 'e morta', 'deceduto', 'scomparso', 'funerale', 'lutto'],
  vulnerability: ['ospedale', 'depressione', 'salute mentale', 'non capisco', 'confus', 'disabil', 'malattia grave', 'tumore'],
  human: ['persona vera', 'un operatore', 'parlare con (qualcuno|una persona|un operatore)', 'un umano', 'mi passi'],
  wrong_person: ['numero sbagliato', 'non abita qui', 'non sono io', 'non conosco', 'nessuno con quel nome'],
  third_party: ['non (e|c\'?e) in casa', 'non e qui', 'sono (sua|suo) (moglie|marito|madre|padre|figlia|figlio|sorella|fratello)'],
  already_paid: ['gia pagat', 'ho (gia )?pagato', 'e (gia )?pagato'],
  dispute: ['non e (il )?mio (ordine|debito)', 'mai (ordinato|ricevuto)', 'non (ho )?(ordinato|ricevuto)', 'restituito', 'reso', 'contest', 'truffa', 'frode', 'importo sbagliato', 'non devo nulla', 'rimborso'],
  hardship: ['perso il lavoro', 'disoccupat', 'senza lavoro', 'non ho (soldi|reddito)', 'difficolta', 'in malattia', 'non posso permetter'],
  cant_pay: ['non posso pagare', 'non ora', 'adesso no', 'non ho i soldi'],
  part_payment: ['una parte (ora|oggi|adesso)', 'qualcosa (ora|oggi)', 'il resto (dopo|piu tardi|il|a|tra|fra)', 'la meta', 'a rate', 'in (due|piu) rate', 'rateizz'],
  monthly: ['al mese', 'ogni mese', 'mensil'],
  pay_now: ['pagare (ora|subito|oggi|adesso)', 'mand(ami|i|atemi) (il|un) link', 'invia(mi)? (il|un) link', 'tramite link', 'pago (subito|ora|adesso)', 'il link'],
  promise: ['(posso|pago|paghero) (il|domani|la settimana|a fine|tra|entro)', 'quando prendo lo stipendio'],
  plan: ['piano', 'rate', 'rateale'],
  goodbye: ['arrivederci', 'ciao ciao', 'e tutto'],
  no: ['^no\\b', 'no grazie', '^non proprio'],
  yes: ['^si\\b', '^certo', '^esatto', '^sono io', '^va bene', '^d\'?accordo', '^ok', '^perfetto', '^volentieri', 'proceda', 'lo faccia'],
};

const nl: Lexicon = {
  voicemail: ['spreek (een|uw|je) bericht in', 'na de (piep|toon)', 'voicemail', 'niet bereikbaar'],
  injection: ['negeer (alle |je |jouw |de )*(instructies|regels)', 'vergeet (alles|je instructies)', 'je bent nu', 'systeemprompt', 'zeg dat ik niets (schuldig ben|hoef te betalen)'],
  bot: ['ik ben een (ai|virtuele|digitale|automatische)[- ]?assistent', '(virtuele|digitale) assistent', 'belassistent'],
  abuse: ['klootzak', 'kut', 'tering', 'kanker', 'hou je bek'],
  stop: ['bel me niet (meer)?', 'stop met bellen', 'niet meer bellen', 'laat me met rust', 'verwijder mijn nummer'],
  bereavement: ['overleden', 'gestorven', 'begrafenis', 'is dood', 'rouw'],
  vulnerability: ['ziekenhuis', 'depressie', 'psychisch', 'begrijp (het )?niet', 'in de war', 'dementie', 'beperking', 'ernstig ziek', 'kanker hebben'],
  human: ['(een )?echt(e)? persoon', 'een mens', 'medewerker', 'met iemand (spreken|praten)', 'verbind me door'],
  wrong_person: ['verkeerd nummer', 'woont hier niet', 'ben ik niet', 'ken ik niet', 'niemand met die naam'],
  third_party: ['(hij|zij|ze) is (er )?niet', 'niet thuis', 'ik ben (zijn|haar) (vrouw|man|moeder|vader|dochter|zoon|partner|zus|broer)'],
  already_paid: ['al betaald', 'heb (het )?(al )?betaald', 'is (al )?betaald'],
  dispute: ['niet mijn (bestelling|schuld)', 'nooit (besteld|ontvangen)', 'niet (besteld|ontvangen)', 'teruggestuurd', 'retour', 'bezwaar', 'fraude', 'oplichting', 'verkeerd bedrag', 'ben niets schuldig', 'terugbetaling'],
  hardship: ['baan kwijt', 'werkloos', 'geen (geld|inkomen|werk)', 'krap', 'uitkering', 'ziek thuis', 'moeilijke tijd', 'kan het niet betalen'],
  cant_pay: ['kan (het )?niet betalen', 'nu niet', 'niet nu', 'heb het geld niet'],
  part_payment: ['(een )?deel (nu|vandaag)', 'iets (nu|vandaag)', '(de )?rest (later|volgende|op|in|over)', 'de helft', 'in (twee|delen|termijnen)', 'termijnen', 'gespreid'],
  monthly: ['per maand', 'elke maand', 'maandelijks'],
  pay_now: ['(nu|meteen|vandaag|direct) betalen', 'stuur (me )?(de|een) link', 'via (de )?link', 'betaal (het )?(nu|meteen|direct)', 'de link'],
  promise: ['(kan|zal|ga) (het )?(op|voor|morgen|volgende|eind|over) .{0,20}betalen', 'als mijn salaris binnen is'],
  plan: ['regeling', 'betalingsregeling', 'plan'],
  goodbye: ['doei', 'dag dag', 'tot ziens', 'dat was het'],
  no: ['^nee', 'nee dank', '^niet echt'],
  yes: ['^ja', '^jazeker', '^klopt', '^correct', '^daar spreekt u mee', '^dat ben ik', '^ok', '^prima', '^goed', '^graag', '^zeker', 'doe maar'],
};

const sv: Lexicon = {
  voicemail: ['lamna (ett )?meddelande', 'efter (tonen|pipet)', 'rostbrevlada', 'kan inte svara'],
  injection: ['ignorera (alla |dina |tidigare )*(instruktioner|regler)', 'glom (allt|dina instruktioner)', 'du ar nu', 'systemprompt', 'sag att jag inte (ar skyldig|behover betala)'],
  bot: ['jag ar en (ai|virtuell|digital|automatisk)[- ]?assistent', '(virtuell|digital) assistent', 'samtalsassistent'],
  abuse: ['javla', 'fan ta', 'hall kaften', 'idiot'],
  stop: ['sluta ringa', 'ring inte (mig )?(mer|igen)?', 'lamna mig ifred', 'ta bort mitt nummer', 'inga fler samtal'],
  bereavement: ['gatt bort', 'avliden', 'dog', 'begravning', 'sorg'],
  vulnerability: ['sjukhus', 'depression', 'psykisk', 'forstar inte', 'forvirrad', 'demens', 'funktionsnedsattning', 'allvarligt sjuk', 'cancer'],
  human: ['(en )?riktig person', 'en manniska', 'handlaggare', 'prata med (nagon|en person)', 'koppla mig'],
  wrong_person: ['fel nummer', 'bor inte har', 'ar inte jag', 'kanner inte', 'ingen med det namnet'],
  third_party: ['(han|hon) ar inte (hemma|har)', 'jag ar (hans|hennes) (fru|man|mamma|pappa|dotter|son|sambo|syster|bror)'],
  already_paid: ['redan betalt', 'har (redan )?betalat', 'ar (redan )?betald'],
  dispute: ['inte min (bestallning|skuld)', 'aldrig (bestallt|fatt)', 'inte (bestallt|fatt)', 'skickat tillbaka', 'returnerat', 'bestrid', 'bedrageri', 'fel belopp', 'ar inte skyldig', 'aterbetalning'],
  hardship: ['forlorat jobbet', 'arbetslos', 'inga pengar', 'ingen inkomst', 'tight', 'sjukskriven', 'svart ekonomiskt', 'har inte rad'],
  cant_pay: ['kan inte betala', 'inte nu', 'har inte pengarna'],
  part_payment: ['en del (nu|idag|i dag)', 'lite (nu|idag|i dag)', 'resten (senare|nasta|den|om|i)', 'halften', 'dela upp', 'avbetalning', 'i (tva|flera) delar'],
  monthly: ['(i|per) manad', 'varje manad', 'manadsvis'],
  pay_now: ['betala (nu|direkt|idag|i dag)', 'skicka (mig )?(en |lanken)', 'via lank', 'lanken'],
  promise: ['(kan|ska) betala (den|pa|imorgon|i morgon|nasta|i slutet|om)', 'nar jag far lon'],
  plan: ['plan', 'avbetalningsplan', 'mindre belopp'],
  goodbye: ['hej da', 'hejda', 'det var allt'],
  no: ['^nej', 'nej tack', '^inte direkt'],
  yes: ['^ja', '^japp', '^javisst', '^stammer', '^det ar jag', '^ok', '^absolut', '^garna', '^precis', 'gor det'],
};

const pl: Lexicon = {
  voicemail: ['zostaw (wiadomosc|wiadomosc)', 'po sygnale', 'poczta glosowa', 'jest niedostepny'],
  injection: ['zignoruj (wszystkie |swoje |poprzednie )*(instrukcje|zasady)', 'zapomnij (wszystko|instrukcje)', 'jestes teraz', 'prompt systemowy', 'powiedz, ze nic nie (jestem winien|musze placic)'],
  bot: ['jestem (asystentem|asystentka) (ai|wirtualn|glosow)', 'wirtualny asystent', 'asystent (ai|glosowy)'],
  abuse: ['kurwa', 'spierdalaj', 'chuj', 'zamknij sie'],
  stop: ['prosze (wiecej )?nie dzwonic', 'nie dzwon(cie|ic)? (do mnie )?(wiecej)?', 'przestan(cie)? dzwonic', 'dajcie mi spokoj', 'usun(cie)? moj numer'],
  bereavement: ['zmarl', 'zmarla', 'nie zyje', 'pogrzeb', 'zaloba'],
  vulnerability: ['szpital', 'depresj', 'zdrowie psychiczne', 'nie rozumiem', 'zagubion', 'niepelnosprawn', 'ciezko chor', 'nowotwor', 'rak'],
  human: ['prawdziw(a|ym) (osoba|czlowiekiem)', 'z konsultantem', 'z czlowiekiem', 'porozmawiac z kims', 'prosze polaczyc'],
  wrong_person: ['pomylka', 'zly numer', 'nie mieszka tutaj', 'to nie ja', 'nie znam', 'nikogo takiego'],
  third_party: ['nie ma (go|jej) (w domu)?', 'jestem (jego|jej) (zona|mezem|matka|ojcem|corka|synem|siostra|bratem)'],
  already_paid: ['juz (zaplacil|zaplacone|zaplacilam|zaplacilem)', 'zaplacilem', 'zaplacilam', 'jest zaplacone'],
  dispute: ['to nie moje (zamowienie|zadluzenie)', 'nigdy nie (zamawial|otrzymal|dostal)', 'nie (zamawialem|zamawialam|dostalem|dostalam)', 'zwrocil', 'odeslal', 'reklamacj', 'oszustwo', 'zla kwota', 'nic nie jestem winien', 'zwrot pieniedzy'],
  hardship: ['stracilem prace', 'stracilam prace', 'bezrobotn', 'nie mam (pieniedzy|dochodu|pracy)', 'ciezko (mi|teraz)', 'na zwolnieniu', 'nie stac mnie'],
  cant_pay: ['nie moge zaplacic', 'nie teraz', 'teraz nie', 'nie mam pieniedzy'],
  part_payment: ['czesc (teraz|dzisiaj|dzis)', 'troche (teraz|dzisiaj)', 'reszte (pozniej|w|za|do)', 'polowe', 'na raty', 'w ratach', 'rozlozyc'],
  monthly: ['(na|co) miesiac', 'miesiecznie'],
  pay_now: ['zaplac(e|ic) (teraz|od razu|dzisiaj|dzis)', 'prosze (wyslac|przeslac) link', 'wyslij(cie)? (mi )?link', 'przez link', 'link'],
  promise: ['(moge|zaplace) (w|do|jutro|za|pod koniec)', 'jak dostane wyplate'],
  plan: ['plan', 'raty', 'harmonogram'],
  goodbye: ['do widzenia', 'do uslyszenia', 'to wszystko', 'pa pa'],
  no: ['^nie\\b', 'nie dziekuje', '^raczej nie'],
  yes: ['^tak', '^zgadza sie', '^to ja', '^przy telefonie', '^dobrze', '^ok', '^jasne', '^oczywiscie', '^chetnie', '^prosze', 'zgoda'],
};

const pt: Lexicon = {
  voicemail: ['deixe (a sua|uma) mensagem', 'apos o sinal', 'caixa de correio', 'correio de voz', 'nao esta disponivel'],
  injection: ['ignora (todas |as |tuas )*(instrucoes|regras)', 'ignore (todas |as |suas )*(instrucoes|regras)', 'esquece (tudo|as instrucoes)', 'agora es', 'prompt do sistema', 'diz(e)? que nao devo nada'],
  bot: ['sou um assistente (virtual|de ia|automatico)', 'assistente (virtual|de chamadas)'],
  abuse: ['caralho', 'foda-se', 'filho da puta', 'cala a boca', 'merda'],
  stop: ['nao me (liguem|ligue|ligues) mais', 'parem de (me )?ligar', 'deixem-me em paz', 'tirem o meu numero', 'nao quero mais chamadas'],
  bereavement: ['faleceu', 'falecido', 'morreu', 'funeral', 'de luto'],
  vulnerability: ['hospital', 'depressao', 'saude mental', 'nao percebo', 'nao entendo', 'confus', 'deficiencia', 'doenca grave', 'cancro'],
  human: ['pessoa real', 'um humano', 'falar com (alguem|uma pessoa|um operador)', 'um operador', 'passe-me'],
  wrong_person: ['numero errado', 'nao mora aqui', 'nao vive aqui', 'nao sou eu', 'nao conheco', 'ninguem com esse nome'],
  third_party: ['(ele|ela) nao esta', 'sou (a |o )?(mulher|marido|mae|pai|filha|filho|irma|irmao) del(e|a)'],
  already_paid: ['ja (paguei|pagou|esta pago)', 'esta pago', 'ja foi pago'],
  dispute: ['nao e a minha (encomenda|divida)', 'nunca (encomendei|recebi)', 'nao (encomendei|recebi)', 'devolvi', 'devolvido', 'reclamacao', 'fraude', 'burla', 'valor errado', 'nao devo nada', 'reembolso'],
  hardship: ['perdi o (emprego|trabalho)', 'desempregad', 'sem (dinheiro|rendimento|emprego)', 'apertad', 'de baixa', 'dificuldades', 'nao tenho possibilidades'],
  cant_pay: ['nao posso pagar', 'nao consigo pagar', 'agora nao', 'nao tenho o dinheiro'],
  part_payment: ['uma parte (agora|hoje)', 'algum(a)? (agora|hoje)', 'o resto (depois|mais tarde|no|a|em|daqui)', 'metade', 'em prestacoes', 'prestacoes', 'dividir'],
  monthly: ['por mes', 'cada mes', 'mensal'],
  pay_now: ['pagar (agora|ja|hoje)', 'envie(-me)? (o|um) link', 'mande(-me)? (o|um) link', 'por link', 'pago (ja|agora)', 'o link'],
  promise: ['(posso|vou) pagar (no|a|amanha|na proxima|no fim|em|ate)', 'quando receber o salario'],
  plan: ['plano', 'prestacoes'],
  goodbye: ['adeus', 'tchau', 'ate logo', 'e tudo'],
  no: ['^nao', 'nao obrigad', '^nem por isso'],
  yes: ['^sim', '^claro', '^exato', '^correto', '^sou eu', '^e o proprio', '^e a propria', '^esta bem', '^ok', '^pode ser', '^combinado', '^perfeito', 'avance'],
};

const da: Lexicon = {
  voicemail: ['indtal (en|din) besked', 'efter (tonen|bippet)', 'telefonsvarer', 'voicemail', 'kan ikke tage telefonen'],
  injection: ['ignorer (alle |dine |tidligere )*(instruktioner|regler)', 'glem (alt|dine instruktioner)', 'du er nu', 'systemprompt', 'sig at jeg ikke skylder'],
  bot: ['jeg er en (ai|virtuel|digital|automatisk)[- ]?assistent', '(virtuel|digital) assistent', 'opkaldsassistent'],
  abuse: ['fuck', 'klaphat', 'hold kaeft', 'idiot', 'lort'],
  stop: ['stop med at ringe', 'ring ikke (til mig )?(mere|igen)?', 'lad mig vaere', 'slet mit nummer', 'ikke flere opkald'],
  bereavement: ['er dod', 'doede', 'afgaet ved doden', 'begravelse', 'sorg'],
  vulnerability: ['hospital', 'sygehus', 'depression', 'psykisk', 'forstar ikke', 'forvirret', 'demens', 'handicap', 'alvorligt syg', 'kraeft'],
  human: ['(en )?rigtig person', 'et menneske', 'en medarbejder', 'tale med (nogen|en person)', 'stil mig om'],
  wrong_person: ['forkert nummer', 'bor ikke her', 'er ikke mig', 'kender ikke', 'ingen med det navn'],
  third_party: ['(han|hun) er ikke (hjemme|her)', 'jeg er (hans|hendes) (kone|mand|mor|far|datter|son|kaereste|sostre|bror)'],
  already_paid: ['allerede betalt', 'har (allerede )?betalt', 'er (allerede )?betalt'],
  dispute: ['ikke min (bestilling|gaeld)', 'aldrig (bestilt|modtaget)', 'ikke (bestilt|modtaget)', 'sendt tilbage', 'returneret', 'indsigelse', 'svindel', 'forkert belob', 'skylder ikke', 'refusion'],
  hardship: ['mistet mit job', 'arbejdslos', 'ingen (penge|indkomst)', 'stramt', 'sygemeldt', 'svaert okonomisk', 'har ikke rad'],
  cant_pay: ['kan ikke betale', 'ikke nu', 'har ikke pengene'],
  part_payment: ['en del (nu|i dag)', 'lidt (nu|i dag)', 'resten (senere|naeste|den|om|i)', 'halvdelen', 'dele (det )?op', 'afdrag', 'i (to|flere) rater', 'rater'],
  monthly: ['(om|pr\\.?|per) maned', 'hver maned', 'manedlig'],
  pay_now: ['betale (nu|med det samme|i dag)', 'send (mig )?(et |linket)', 'via link', 'linket'],
  promise: ['(kan|vil) betale (den|pa|i morgen|naeste|sidst|om)', 'nar jeg far lon'],
  plan: ['plan', 'afdragsordning', 'mindre belob'],
  goodbye: ['farvel', 'hej hej', 'det var det'],
  no: ['^nej', 'nej tak', '^ikke rigtig'],
  yes: ['^ja', '^jep', '^jo', '^korrekt', '^det er mig', '^ok', '^fint', '^gerne', '^selvfolgelig', '^helt sikkert', 'gor det'],
};

const LEXICONS: Record<Language, Lexicon> = { en, de, fr, es, it, nl, sv, pl, pt, da };

const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';

function compile(phrases: string[]): RegExp {
  // A phrase starting with ^ is anchored to the start of the utterance; the rest match anywhere,
  // between word boundaries (phrases ending in a stem such as "depress" match its inflections).
  const anchored = phrases.filter((p) => p.startsWith('^')).map((p) => `^(?:${p.slice(1)})${R}`);
  const free = phrases.filter((p) => !p.startsWith('^')).map((p) => `${L}(?:${p})`);
  return new RegExp([...anchored, ...free].join('|') || '(?!)', 'u');
}

const compiled = new Map<Language, Map<Intent, RegExp>>();
export function patternsFor(language: Language): Map<Intent, RegExp> {
  let m = compiled.get(language);
  if (!m) {
    m = new Map();
    for (const intent of INTENTS) {
      const phrases = [...(LEXICONS[language][intent] ?? []), ...(language === 'en' ? [] : (en[intent] ?? []))];
      m.set(intent, compile(phrases));
    }
    compiled.set(language, m);
  }
  return m;
}

/** Sentiment words (normalised), all languages together: enough for a live signal, not a verdict. */
export const POSITIVE = new RegExp(
  `${L}(?:thanks?|thank you|great|perfect|good|happy|lovely|brilliant|danke|super|prima|toll|gut|merci|parfait|genial|gracias|perfecto|genial|estupendo|grazie|perfetto|ottimo|bedankt|fijn|mooi|tack|toppen|dziekuje|swietnie|obrigad[oa]|otimo|tak|dejligt)${R}`,
  'gu',
);
export const NEGATIVE = new RegExp(
  `${L}(?:angry|annoyed|ridiculous|terrible|awful|hate|harass\\w*|stupid|worried|scared|upset|stress\\w*|sick of|fed up|wutend|nervig|lacherlich|schrecklich|belastigung|sauer|enerve|ridicule|horrible|harcel\\w*|marre|enfadad[oa]|harto|ridiculo|horrible|acoso|arrabbiat[oa]|ridicolo|stufo|boos|belachelijk|vreselijk|arg|lojligt|hemskt|wsciekl\\w*|zalosne|irritad[oa]|chateado|vred|latterligt)${R}`,
  'gu',
);

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
