// What the agent says, in every language the channels ship. App-like, warm, short sentences; never
// threatening or shaming. Placeholders in braces are filled only from the brief or tool results.

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'sv', 'pl', 'pt', 'da'] as const;
export type Language = (typeof LANGUAGES)[number];

export function languageOf(tag: string): Language {
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

const DEFAULT_REGION: Record<Language, string> = {
  en: 'GB', de: 'DE', fr: 'FR', es: 'ES', it: 'IT', nl: 'NL', sv: 'SE', pl: 'PL', pt: 'PT', da: 'DK',
};

export function localeOf(language: Language, jurisdiction?: string): string {
  const region = jurisdiction?.toUpperCase().split('-')[0];
  if (region && /^[A-Z]{2}$/.test(region)) {
    try {
      return Intl.getCanonicalLocales(`${language}-${region}`)[0];
    } catch {
      /* fall through */
    }
  }
  return `${language}-${DEFAULT_REGION[language]}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(amountMinor / 10 ** digits).replace(/\u00a0|\u202f/g, ' ');
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** "25 November" / "November 25" — the day and month of an ISO date, no year (the year is always near). */
export function formatDate(iso: string, locale: string): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(`${iso.slice(0, 10)}T12:00:00Z`)).replace(/\u00a0|\u202f/g, ' ');
}

export type TemplateKey =
  | 'opening'
  | 'confirm_name_again'
  | 'ask_date_of_birth'
  | 'ask_postcode_digits'
  | 'verify_retry'
  | 'verify_failed'
  | 'wrong_party'
  | 'collector_id'
  | 'collector_id_subsequent'
  | 'about_debt'
  | 'offer'
  | 'link_sent'
  | 'link_clicked'
  | 'paid_thanks'
  | 'already_paid_confirmed'
  | 'already_paid_check'
  | 'ask_upfront'
  | 'ask_when'
  | 'plan_offer'
  | 'plan_today'
  | 'plan_on'
  | 'plan_agreed'
  | 'promise_recorded'
  | 'dispute_opened'
  | 'hardship'
  | 'bereavement'
  | 'vulnerability'
  | 'opt_out'
  | 'to_human'
  | 'injection'
  | 'limited_message'
  | 'not_understood'
  | 'fallback'
  | 'goodbye'
  | 'abuse_end'
  | 'pause_end'
  | 'no_plan';

type Catalogue = Record<TemplateKey, string>;

const en: Catalogue = {
  opening: "Hi, this is {agent}, an AI assistant calling for {brand}. Just so you know, this call is recorded. Am I speaking with {name}?",
  confirm_name_again: 'Sorry, just to check: am I speaking with {name}? A simple yes or no is fine.',
  ask_date_of_birth: 'Thanks! To keep your details private, could you tell me your date of birth?',
  ask_postcode_digits: 'Thanks! To keep your details private, could you tell me the digits of your postcode?',
  verify_retry: "Hmm, that doesn't match what I have. Could you try once more?",
  verify_failed: "Sorry, I can't go further without confirming who I'm talking to. You can always call us on {callback}. Bye for now!",
  wrong_party: "Sorry to bother you! I'll make a note of it. Have a lovely day.",
  collector_id: 'This is {brand}. This is an attempt to collect a debt, and any information obtained will be used for that purpose.',
  collector_id_subsequent: 'This communication is from a debt collector.',
  about_debt: "Thanks, {first}! I'm calling about your {merchant} order: {amount} was due on {date}.",
  offer: 'I can text you a secure link to pay right now, or we can set up a plan that works for you. What suits you best?',
  link_sent: "Done! I've just texted you a secure link for {amount}. Take your time, I'll stay on the line.",
  link_clicked: "I can see you've opened the link.",
  paid_thanks: "I can see it's come through. Thanks, you're all set! Have a great day.",
  already_paid_confirmed: "You're right, I can see it's paid. Sorry for the trouble, and thanks!",
  already_paid_check: "Thanks for letting me know. I can't see it on my side yet, so I've asked a colleague to check it for you. They'll get back to you.",
  ask_upfront: 'No problem. How much could you manage today?',
  ask_when: 'Got it. And when could you pay the rest?',
  plan_offer: 'Here is what I can do: {plan}. Shall I set that up for you?',
  plan_today: '{amount} today',
  plan_on: '{amount} on {date}',
  plan_agreed: "All set, your new plan is in place. You'll get a text with the details. Thanks, {first}!",
  promise_recorded: "Great, I've noted {amount} on {date}. Thanks, {first}!",
  dispute_opened: "Thanks for telling me. I've opened a dispute, so a colleague will look into it and get back to you.",
  hardship: "I'm sorry things are tough right now, and thanks for telling me. I've made a note. Would a smaller plan help, or would you rather talk to a person?",
  bereavement: "I'm so sorry for your loss. I'll hand this to a colleague who can help, and we won't talk about payments today.",
  vulnerability: "Thanks for telling me. I'll connect you with a colleague who can go through this at your pace.",
  opt_out: "Understood, we won't call you again. If you ever need us, we're on {callback}. Goodbye!",
  to_human: "Of course, I'm putting you through to a colleague now.",
  injection: 'I can only help with your account here, and nothing about that has changed.',
  limited_message: 'Hi, this is {agent} from {brand}. Please give us a call back on {callback}. Thanks, and have a good day!',
  not_understood: "Sorry, I didn't quite catch that. Would you like a link to pay now, or shall we look at a plan?",
  fallback: 'Let me put that another way. Would you like a link to pay now, or shall we look at a plan?',
  goodbye: 'Thanks for your time, {first}. Bye for now!',
  abuse_end: "I'd like to help, but I'm going to end the call here. You can reach us on {callback}. Goodbye.",
  pause_end: "Let's leave it here for today. You can reach us on {callback} whenever suits you. Take care!",
  no_plan: "I can't find a plan that fits from here, so I'll pass this to a colleague who can look at more options with you.",
};

const de: Catalogue = {
  opening: 'Hallo, hier ist {agent}, ein KI-Assistent, ich rufe im Auftrag von {brand} an. Kurz vorab: Dieses Gespräch wird aufgezeichnet. Spreche ich mit {name}?',
  confirm_name_again: 'Entschuldigung, nur zur Sicherheit: Spreche ich mit {name}? Ein einfaches Ja oder Nein reicht.',
  ask_date_of_birth: 'Danke! Zum Schutz Ihrer Daten: Können Sie mir bitte Ihr Geburtsdatum nennen?',
  ask_postcode_digits: 'Danke! Zum Schutz Ihrer Daten: Können Sie mir bitte die Ziffern Ihrer Postleitzahl nennen?',
  verify_retry: 'Hm, das passt leider nicht zu meinen Angaben. Versuchen Sie es bitte noch einmal?',
  verify_failed: 'Tut mir leid, ohne Bestätigung kann ich nicht weitermachen. Sie erreichen uns jederzeit unter {callback}. Auf Wiederhören!',
  wrong_party: 'Entschuldigen Sie die Störung! Ich notiere mir das. Einen schönen Tag noch.',
  collector_id: 'Hier spricht {brand}. Es geht um die Einziehung einer Forderung, und alle Angaben werden zu diesem Zweck verwendet.',
  collector_id_subsequent: 'Diese Mitteilung kommt von einem Inkassodienst.',
  about_debt: 'Danke, {first}! Es geht um Ihre Bestellung bei {merchant}: {amount} waren am {date} fällig.',
  offer: 'Ich kann Ihnen einen sicheren Link zum Bezahlen per SMS schicken, oder wir finden zusammen eine Ratenzahlung, die zu Ihnen passt. Was ist Ihnen lieber?',
  link_sent: 'Erledigt! Ich habe Ihnen gerade einen sicheren Link über {amount} geschickt. Lassen Sie sich Zeit, ich bleibe dran.',
  link_clicked: 'Ich sehe, Sie haben den Link geöffnet.',
  paid_thanks: 'Ich sehe, die Zahlung ist angekommen. Vielen Dank, damit ist alles erledigt! Einen schönen Tag noch.',
  already_paid_confirmed: 'Sie haben recht, ich sehe, dass alles bezahlt ist. Entschuldigen Sie die Störung, und danke!',
  already_paid_check: 'Danke für den Hinweis. Ich sehe die Zahlung bei mir noch nicht, deshalb lasse ich das von einer Kollegin prüfen. Sie meldet sich bei Ihnen.',
  ask_upfront: 'Kein Problem. Wie viel könnten Sie heute zahlen?',
  ask_when: 'Alles klar. Und wann könnten Sie den Rest zahlen?',
  plan_offer: 'Das kann ich Ihnen anbieten: {plan}. Soll ich das so für Sie einrichten?',
  plan_today: '{amount} heute',
  plan_on: '{amount} am {date}',
  plan_agreed: 'Alles klar, Ihr neuer Zahlungsplan steht. Sie bekommen die Details per SMS. Danke, {first}!',
  promise_recorded: 'Super, ich habe {amount} am {date} notiert. Danke, {first}!',
  dispute_opened: 'Danke, dass Sie das sagen. Ich habe einen Einwand aufgenommen; eine Kollegin prüft das und meldet sich bei Ihnen.',
  hardship: 'Das tut mir leid, und danke, dass Sie es mir sagen. Ich habe es notiert. Würde eine kleinere Rate helfen, oder möchten Sie lieber mit einer Person sprechen?',
  bereavement: 'Mein herzliches Beileid. Ich gebe das an eine Kollegin weiter, die Ihnen helfen kann; über Zahlungen sprechen wir heute nicht.',
  vulnerability: 'Danke, dass Sie mir das sagen. Ich verbinde Sie mit einer Kollegin, die das in Ruhe mit Ihnen durchgeht.',
  opt_out: 'Verstanden, wir rufen Sie nicht mehr an. Falls Sie uns brauchen: {callback}. Auf Wiederhören!',
  to_human: 'Natürlich, ich verbinde Sie jetzt mit einer Kollegin.',
  injection: 'Ich kann Ihnen hier nur mit Ihrem Konto helfen, und daran hat sich nichts geändert.',
  limited_message: 'Hallo, hier ist {agent} von {brand}. Bitte rufen Sie uns unter {callback} zurück. Danke und einen schönen Tag!',
  not_understood: 'Entschuldigung, das habe ich nicht ganz verstanden. Möchten Sie einen Link zum Bezahlen, oder schauen wir uns eine Ratenzahlung an?',
  fallback: 'Anders gesagt: Möchten Sie einen Link zum Bezahlen, oder schauen wir uns eine Ratenzahlung an?',
  goodbye: 'Danke für Ihre Zeit, {first}. Auf Wiederhören!',
  abuse_end: 'Ich möchte Ihnen gern helfen, beende das Gespräch aber an dieser Stelle. Sie erreichen uns unter {callback}. Auf Wiederhören.',
  pause_end: 'Lassen wir es für heute dabei. Sie erreichen uns unter {callback}, wann immer es Ihnen passt. Alles Gute!',
  no_plan: 'Von hier aus finde ich keinen passenden Plan, deshalb gebe ich das an eine Kollegin weiter, die weitere Möglichkeiten mit Ihnen anschaut.',
};

const fr: Catalogue = {
  opening: "Bonjour, ici {agent}, un assistant IA qui appelle de la part de {brand}. Pour info, cet appel est enregistré. Suis-je bien avec {name} ?",
  confirm_name_again: "Pardon, juste pour vérifier : suis-je bien avec {name} ? Un simple oui ou non suffit.",
  ask_date_of_birth: 'Merci ! Pour protéger vos données, pouvez-vous me donner votre date de naissance ?',
  ask_postcode_digits: 'Merci ! Pour protéger vos données, pouvez-vous me donner les chiffres de votre code postal ?',
  verify_retry: "Hmm, cela ne correspond pas à ce que j'ai. Vous pouvez réessayer ?",
  verify_failed: "Désolé, je ne peux pas aller plus loin sans confirmer à qui je parle. Vous pouvez nous joindre au {callback}. À bientôt !",
  wrong_party: "Désolé pour le dérangement ! Je le note. Bonne journée.",
  collector_id: "Ici {brand}. Cet appel vise le recouvrement d'une créance, et toute information obtenue sera utilisée à cette fin.",
  collector_id_subsequent: "Cette communication provient d'un service de recouvrement.",
  about_debt: "Merci, {first} ! J'appelle au sujet de votre commande {merchant} : {amount} étaient dus le {date}.",
  offer: 'Je peux vous envoyer par SMS un lien sécurisé pour régler tout de suite, ou on peut mettre en place un échéancier qui vous convient. Que préférez-vous ?',
  link_sent: "C'est fait ! Je viens de vous envoyer un lien sécurisé de {amount}. Prenez votre temps, je reste en ligne.",
  link_clicked: 'Je vois que vous avez ouvert le lien.',
  paid_thanks: "Je vois que c'est bien arrivé. Merci, tout est réglé ! Bonne journée.",
  already_paid_confirmed: "Vous avez raison, je vois que c'est réglé. Désolé pour le dérangement, et merci !",
  already_paid_check: "Merci de me le dire. Je ne le vois pas encore de mon côté, alors j'ai demandé à un collègue de vérifier. Il reviendra vers vous.",
  ask_upfront: "Pas de souci. Combien pourriez-vous régler aujourd'hui ?",
  ask_when: 'Entendu. Et quand pourriez-vous régler le reste ?',
  plan_offer: 'Voici ce que je peux vous proposer : {plan}. Je le mets en place ?',
  plan_today: "{amount} aujourd'hui",
  plan_on: '{amount} le {date}',
  plan_agreed: "C'est fait, votre nouvel échéancier est en place. Vous recevrez le détail par SMS. Merci, {first} !",
  promise_recorded: "Parfait, j'ai noté {amount} le {date}. Merci, {first} !",
  dispute_opened: "Merci de me le signaler. J'ai ouvert une contestation : un collègue va l'examiner et reviendra vers vous.",
  hardship: "Je suis désolé que ce soit difficile en ce moment, et merci de me le dire. Je l'ai noté. Un échéancier plus léger vous aiderait, ou préférez-vous parler à une personne ?",
  bereavement: "Toutes mes condoléances. Je transmets à un collègue qui pourra vous aider, et on ne parlera pas de paiement aujourd'hui.",
  vulnerability: 'Merci de me le dire. Je vous mets en relation avec un collègue qui prendra le temps avec vous.',
  opt_out: "C'est noté, nous ne vous appellerons plus. Si besoin, vous pouvez nous joindre au {callback}. Au revoir !",
  to_human: 'Bien sûr, je vous passe un collègue tout de suite.',
  injection: "Je peux seulement vous aider avec votre compte ici, et rien n'a changé à ce sujet.",
  limited_message: 'Bonjour, ici {agent} de {brand}. Merci de nous rappeler au {callback}. Bonne journée !',
  not_understood: "Pardon, je n'ai pas bien compris. Voulez-vous un lien pour régler maintenant, ou on regarde un échéancier ?",
  fallback: 'Autrement dit : voulez-vous un lien pour régler maintenant, ou on regarde un échéancier ?',
  goodbye: 'Merci pour votre temps, {first}. À bientôt !',
  abuse_end: "J'aimerais vous aider, mais je vais mettre fin à l'appel ici. Vous pouvez nous joindre au {callback}. Au revoir.",
  pause_end: "On s'arrête là pour aujourd'hui. Vous pouvez nous joindre au {callback} quand vous voulez. Prenez soin de vous !",
  no_plan: "Je ne trouve pas d'échéancier adapté d'ici, alors je transmets à un collègue qui verra d'autres options avec vous.",
};

const es: Catalogue = {
  opening: 'Hola, soy {agent}, un asistente de IA que llama de parte de {brand}. Para que lo sepa, esta llamada se graba. ¿Hablo con {name}?',
  confirm_name_again: 'Perdone, solo para confirmar: ¿hablo con {name}? Basta con un sí o un no.',
  ask_date_of_birth: '¡Gracias! Para proteger sus datos, ¿me puede decir su fecha de nacimiento?',
  ask_postcode_digits: '¡Gracias! Para proteger sus datos, ¿me puede decir los dígitos de su código postal?',
  verify_retry: 'Vaya, no coincide con lo que tengo. ¿Lo intenta otra vez?',
  verify_failed: 'Lo siento, no puedo seguir sin confirmar con quién hablo. Puede llamarnos al {callback}. ¡Hasta pronto!',
  wrong_party: '¡Perdone la molestia! Lo anoto. Que tenga un buen día.',
  collector_id: 'Le habla {brand}. Esta llamada es para el cobro de una deuda, y cualquier información obtenida se usará con ese fin.',
  collector_id_subsequent: 'Esta comunicación es de un cobrador de deudas.',
  about_debt: '¡Gracias, {first}! Le llamo por su pedido de {merchant}: {amount} vencían el {date}.',
  offer: 'Le puedo mandar por SMS un enlace seguro para pagar ahora mismo, o podemos preparar un plan que le venga bien. ¿Qué prefiere?',
  link_sent: '¡Listo! Le acabo de mandar un enlace seguro por {amount}. Tranquilo, sigo en la línea.',
  link_clicked: 'Veo que ha abierto el enlace.',
  paid_thanks: 'Veo que ya ha llegado el pago. ¡Gracias, ya está todo! Que tenga un buen día.',
  already_paid_confirmed: 'Tiene razón, veo que está pagado. Perdone la molestia, ¡y gracias!',
  already_paid_check: 'Gracias por avisarme. Todavía no lo veo en mi sistema, así que he pedido a un compañero que lo revise. Se pondrá en contacto con usted.',
  ask_upfront: 'Sin problema. ¿Cuánto podría pagar hoy?',
  ask_when: 'Entendido. ¿Y cuándo podría pagar el resto?',
  plan_offer: 'Esto es lo que le puedo ofrecer: {plan}. ¿Se lo dejo preparado?',
  plan_today: '{amount} hoy',
  plan_on: '{amount} el {date}',
  plan_agreed: 'Listo, su nuevo plan ya está activo. Le llegará un SMS con los detalles. ¡Gracias, {first}!',
  promise_recorded: 'Perfecto, he anotado {amount} el {date}. ¡Gracias, {first}!',
  dispute_opened: 'Gracias por decírmelo. He abierto una reclamación; un compañero la revisará y le contestará.',
  hardship: 'Siento que esté pasando por un momento difícil, y gracias por contármelo. Lo he anotado. ¿Le ayudaría un plan más pequeño, o prefiere hablar con una persona?',
  bereavement: 'Lo siento mucho por su pérdida. Se lo paso a un compañero que le podrá ayudar; hoy no hablaremos de pagos.',
  vulnerability: 'Gracias por contármelo. Le paso con un compañero que lo verá con usted con calma.',
  opt_out: 'Entendido, no le volveremos a llamar. Si nos necesita, estamos en el {callback}. ¡Adiós!',
  to_human: 'Claro, le paso ahora mismo con un compañero.',
  injection: 'Aquí solo puedo ayudarle con su cuenta, y eso no ha cambiado.',
  limited_message: 'Hola, soy {agent} de {brand}. Por favor, llámenos al {callback}. ¡Gracias y que tenga un buen día!',
  not_understood: 'Perdone, no le he entendido bien. ¿Quiere un enlace para pagar ahora, o vemos un plan?',
  fallback: 'Dicho de otra forma: ¿quiere un enlace para pagar ahora, o vemos un plan?',
  goodbye: 'Gracias por su tiempo, {first}. ¡Hasta pronto!',
  abuse_end: 'Me gustaría ayudarle, pero voy a terminar la llamada aquí. Puede llamarnos al {callback}. Adiós.',
  pause_end: 'Lo dejamos aquí por hoy. Puede llamarnos al {callback} cuando le venga bien. ¡Cuídese!',
  no_plan: 'Desde aquí no encuentro un plan que encaje, así que se lo paso a un compañero que verá más opciones con usted.',
};

const it: Catalogue = {
  opening: 'Ciao, sono {agent}, un assistente IA che chiama per conto di {brand}. Le segnalo che la chiamata è registrata. Parlo con {name}?',
  confirm_name_again: 'Mi scusi, solo per conferma: parlo con {name}? Basta un sì o un no.',
  ask_date_of_birth: 'Grazie! Per proteggere i suoi dati, mi può dire la sua data di nascita?',
  ask_postcode_digits: 'Grazie! Per proteggere i suoi dati, mi può dire le cifre del suo CAP?',
  verify_retry: 'Mmh, non corrisponde ai miei dati. Può riprovare?',
  verify_failed: 'Mi dispiace, non posso proseguire senza confermare con chi parlo. Può richiamarci al {callback}. A presto!',
  wrong_party: 'Scusi il disturbo! Ne prendo nota. Buona giornata.',
  collector_id: 'Qui {brand}. Questa chiamata riguarda il recupero di un credito e ogni informazione ottenuta sarà usata a tale scopo.',
  collector_id_subsequent: 'Questa comunicazione proviene da un servizio di recupero crediti.',
  about_debt: 'Grazie, {first}! La chiamo per il suo ordine {merchant}: {amount} erano in scadenza il {date}.',
  offer: 'Posso mandarle via SMS un link sicuro per pagare subito, oppure possiamo impostare un piano che le vada bene. Cosa preferisce?',
  link_sent: 'Fatto! Le ho appena mandato un link sicuro per {amount}. Con calma, resto in linea.',
  link_clicked: 'Vedo che ha aperto il link.',
  paid_thanks: 'Vedo che è arrivato. Grazie, è tutto a posto! Buona giornata.',
  already_paid_confirmed: 'Ha ragione, vedo che è pagato. Scusi il disturbo, e grazie!',
  already_paid_check: 'Grazie per avermelo detto. Non lo vedo ancora, quindi ho chiesto a un collega di verificare. La ricontatterà.',
  ask_upfront: 'Nessun problema. Quanto potrebbe pagare oggi?',
  ask_when: 'Va bene. E quando potrebbe pagare il resto?',
  plan_offer: 'Ecco cosa posso proporle: {plan}. Lo imposto?',
  plan_today: '{amount} oggi',
  plan_on: '{amount} il {date}',
  plan_agreed: 'Fatto, il suo nuovo piano è attivo. Riceverà i dettagli via SMS. Grazie, {first}!',
  promise_recorded: 'Perfetto, ho annotato {amount} il {date}. Grazie, {first}!',
  dispute_opened: 'Grazie per avermelo detto. Ho aperto una contestazione: un collega la esaminerà e le risponderà.',
  hardship: 'Mi dispiace che sia un periodo difficile, e grazie per avermelo detto. Ne ho preso nota. Le sarebbe utile un piano più leggero, o preferisce parlare con una persona?',
  bereavement: 'Le mie più sentite condoglianze. Passo la cosa a un collega che potrà aiutarla; oggi non parliamo di pagamenti.',
  vulnerability: 'Grazie per avermelo detto. La metto in contatto con un collega che lo vedrà con lei con calma.',
  opt_out: 'Capito, non la chiameremo più. Se le serve, ci trova al {callback}. Arrivederci!',
  to_human: 'Certo, la passo subito a un collega.',
  injection: 'Qui posso aiutarla solo con il suo conto, e su questo non è cambiato nulla.',
  limited_message: 'Salve, sono {agent} di {brand}. La preghiamo di richiamarci al {callback}. Grazie e buona giornata!',
  not_understood: 'Scusi, non ho capito bene. Vuole un link per pagare ora, o vediamo un piano?',
  fallback: 'In altre parole: vuole un link per pagare ora, o vediamo un piano?',
  goodbye: 'Grazie per il suo tempo, {first}. A presto!',
  abuse_end: 'Vorrei aiutarla, ma chiudo qui la chiamata. Può contattarci al {callback}. Arrivederci.',
  pause_end: 'Per oggi ci fermiamo qui. Può contattarci al {callback} quando vuole. Stia bene!',
  no_plan: 'Da qui non trovo un piano adatto, quindi passo la cosa a un collega che vedrà altre opzioni con lei.',
};

const nl: Catalogue = {
  opening: 'Hoi, met {agent}, een AI-assistent die belt namens {brand}. Goed om te weten: dit gesprek wordt opgenomen. Spreek ik met {name}?',
  confirm_name_again: 'Sorry, even checken: spreek ik met {name}? Ja of nee is prima.',
  ask_date_of_birth: 'Dank je! Om je gegevens te beschermen: wat is je geboortedatum?',
  ask_postcode_digits: 'Dank je! Om je gegevens te beschermen: wat zijn de cijfers van je postcode?',
  verify_retry: 'Hm, dat komt niet overeen met wat ik heb. Wil je het nog een keer proberen?',
  verify_failed: 'Sorry, zonder bevestiging kan ik niet verder. Je kunt ons altijd bellen op {callback}. Tot ziens!',
  wrong_party: 'Sorry voor het storen! Ik noteer het. Fijne dag nog.',
  collector_id: 'Dit is {brand}. Dit gesprek gaat over het innen van een vordering en alle verkregen informatie wordt daarvoor gebruikt.',
  collector_id_subsequent: 'Dit bericht komt van een incassobureau.',
  about_debt: 'Dank je, {first}! Ik bel over je bestelling bij {merchant}: {amount} stond open per {date}.',
  offer: 'Ik kan je een veilige betaallink sms\'en om meteen te betalen, of we maken samen een regeling die bij je past. Wat past het best?',
  link_sent: 'Klaar! Ik heb je net een veilige link voor {amount} gestuurd. Neem je tijd, ik blijf aan de lijn.',
  link_clicked: 'Ik zie dat je de link hebt geopend.',
  paid_thanks: 'Ik zie dat het binnen is. Dank je, alles is geregeld! Fijne dag.',
  already_paid_confirmed: 'Je hebt gelijk, ik zie dat het betaald is. Sorry voor het storen, en bedankt!',
  already_paid_check: 'Bedankt dat je het laat weten. Ik zie het nog niet, dus ik heb een collega gevraagd het na te kijken. Die neemt contact met je op.',
  ask_upfront: 'Geen probleem. Hoeveel zou je vandaag kunnen betalen?',
  ask_when: 'Duidelijk. En wanneer zou je de rest kunnen betalen?',
  plan_offer: 'Dit kan ik je aanbieden: {plan}. Zal ik dat voor je regelen?',
  plan_today: '{amount} vandaag',
  plan_on: '{amount} op {date}',
  plan_agreed: 'Geregeld, je nieuwe regeling staat. Je krijgt de details per sms. Dank je, {first}!',
  promise_recorded: 'Top, ik heb {amount} op {date} genoteerd. Dank je, {first}!',
  dispute_opened: 'Fijn dat je het zegt. Ik heb een bezwaar geopend; een collega kijkt ernaar en laat het je weten.',
  hardship: 'Vervelend dat het nu lastig is, en fijn dat je het vertelt. Ik heb het genoteerd. Helpt een kleinere regeling, of praat je liever met iemand?',
  bereavement: 'Gecondoleerd met je verlies. Ik geef dit door aan een collega die je kan helpen; over betalen hebben we het vandaag niet.',
  vulnerability: 'Fijn dat je het vertelt. Ik verbind je met een collega die er rustig met je doorheen gaat.',
  opt_out: 'Begrepen, we bellen je niet meer. Je kunt ons bereiken op {callback}. Dag!',
  to_human: 'Natuurlijk, ik verbind je nu door met een collega.',
  injection: 'Ik kan je hier alleen met je account helpen, en daar is niets aan veranderd.',
  limited_message: 'Hoi, met {agent} van {brand}. Wil je ons terugbellen op {callback}? Dank je en fijne dag!',
  not_understood: 'Sorry, dat verstond ik niet goed. Wil je een link om nu te betalen, of kijken we naar een regeling?',
  fallback: 'Anders gezegd: wil je een link om nu te betalen, of kijken we naar een regeling?',
  goodbye: 'Bedankt voor je tijd, {first}. Dag!',
  abuse_end: 'Ik help je graag, maar ik beëindig het gesprek hier. Je kunt ons bereiken op {callback}. Dag.',
  pause_end: 'Laten we het hier vandaag bij laten. Je bereikt ons op {callback} wanneer het je uitkomt. Het beste!',
  no_plan: 'Ik vind hier geen passende regeling, dus ik geef het door aan een collega die meer mogelijkheden met je bekijkt.',
};

const sv: Catalogue = {
  opening: 'Hej, det här är {agent}, en AI-assistent som ringer för {brand}. Bra att veta: samtalet spelas in. Pratar jag med {name}?',
  confirm_name_again: 'Förlåt, bara för att kolla: pratar jag med {name}? Ja eller nej räcker.',
  ask_date_of_birth: 'Tack! För att skydda dina uppgifter, kan du säga ditt födelsedatum?',
  ask_postcode_digits: 'Tack! För att skydda dina uppgifter, kan du säga siffrorna i ditt postnummer?',
  verify_retry: 'Hm, det stämmer inte med det jag har. Vill du försöka en gång till?',
  verify_failed: 'Tyvärr kan jag inte gå vidare utan att veta vem jag pratar med. Du når oss på {callback}. Hej så länge!',
  wrong_party: 'Förlåt att jag störde! Jag noterar det. Ha en fin dag.',
  collector_id: 'Det här är {brand}. Samtalet gäller indrivning av en skuld och all information som lämnas används för det ändamålet.',
  collector_id_subsequent: 'Det här meddelandet kommer från en inkassoaktör.',
  about_debt: 'Tack, {first}! Jag ringer om din beställning hos {merchant}: {amount} skulle ha betalats den {date}.',
  offer: 'Jag kan sms:a dig en säker länk så att du kan betala direkt, eller så lägger vi upp en plan som passar dig. Vad passar bäst?',
  link_sent: 'Klart! Jag har just skickat en säker länk på {amount}. Ta den tid du behöver, jag är kvar i luren.',
  link_clicked: 'Jag ser att du har öppnat länken.',
  paid_thanks: 'Jag ser att det har kommit in. Tack, nu är allt klart! Ha en fin dag.',
  already_paid_confirmed: 'Du har rätt, jag ser att det är betalt. Förlåt att jag störde, och tack!',
  already_paid_check: 'Tack för att du säger till. Jag ser det inte än, så jag har bett en kollega kolla upp det. Hen hör av sig till dig.',
  ask_upfront: 'Inga problem. Hur mycket skulle du kunna betala i dag?',
  ask_when: 'Uppfattat. Och när skulle du kunna betala resten?',
  plan_offer: 'Det här kan jag erbjuda: {plan}. Ska jag lägga upp det?',
  plan_today: '{amount} i dag',
  plan_on: '{amount} den {date}',
  plan_agreed: 'Klart, din nya plan är på plats. Du får detaljerna per sms. Tack, {first}!',
  promise_recorded: 'Toppen, jag har noterat {amount} den {date}. Tack, {first}!',
  dispute_opened: 'Tack för att du säger det. Jag har öppnat en invändning; en kollega tittar på den och återkommer.',
  hardship: 'Vad tråkigt att det är tufft just nu, och tack för att du berättar. Jag har noterat det. Skulle en mindre plan hjälpa, eller vill du hellre prata med en person?',
  bereavement: 'Jag beklagar verkligen din förlust. Jag lämnar över till en kollega som kan hjälpa dig; vi pratar inte om betalningar i dag.',
  vulnerability: 'Tack för att du berättar. Jag kopplar dig till en kollega som går igenom det i din takt.',
  opt_out: 'Uppfattat, vi ringer inte dig igen. Behöver du oss finns vi på {callback}. Hej då!',
  to_human: 'Självklart, jag kopplar dig till en kollega nu.',
  injection: 'Jag kan bara hjälpa dig med ditt konto här, och inget av det har ändrats.',
  limited_message: 'Hej, det här är {agent} från {brand}. Ring gärna tillbaka på {callback}. Tack och ha en fin dag!',
  not_understood: 'Förlåt, det uppfattade jag inte riktigt. Vill du ha en länk för att betala nu, eller ska vi titta på en plan?',
  fallback: 'Med andra ord: vill du ha en länk för att betala nu, eller ska vi titta på en plan?',
  goodbye: 'Tack för din tid, {first}. Hej då!',
  abuse_end: 'Jag vill gärna hjälpa till, men jag avslutar samtalet här. Du når oss på {callback}. Hej då.',
  pause_end: 'Vi stannar här för i dag. Du når oss på {callback} när det passar dig. Ta hand om dig!',
  no_plan: 'Jag hittar ingen plan som passar härifrån, så jag lämnar över till en kollega som kan titta på fler alternativ med dig.',
};

const pl: Catalogue = {
  opening: 'Dzień dobry, tu {agent}, asystent AI dzwoniący w imieniu {brand}. Informuję, że rozmowa jest nagrywana. Czy rozmawiam z {name}?',
  confirm_name_again: 'Przepraszam, dla pewności: czy rozmawiam z {name}? Wystarczy tak lub nie.',
  ask_date_of_birth: 'Dziękuję! Dla ochrony Pana/Pani danych: proszę podać datę urodzenia.',
  ask_postcode_digits: 'Dziękuję! Dla ochrony Pana/Pani danych: proszę podać cyfry kodu pocztowego.',
  verify_retry: 'Hmm, to się nie zgadza z moimi danymi. Spróbujemy jeszcze raz?',
  verify_failed: 'Przykro mi, bez potwierdzenia nie mogę kontynuować. Można do nas zadzwonić pod numer {callback}. Do usłyszenia!',
  wrong_party: 'Przepraszam za kłopot! Zanotuję to. Miłego dnia.',
  collector_id: 'Tu {brand}. Ta rozmowa dotyczy windykacji należności, a uzyskane informacje zostaną wykorzystane w tym celu.',
  collector_id_subsequent: 'Ta wiadomość pochodzi od firmy windykacyjnej.',
  about_debt: 'Dziękuję, {first}! Dzwonię w sprawie zamówienia w {merchant}: {amount} było do zapłaty {date}.',
  offer: 'Mogę wysłać SMS-em bezpieczny link do płatności od razu albo ustalimy plan, który będzie dla Pana/Pani wygodny. Co woli Pan/Pani?',
  link_sent: 'Gotowe! Właśnie wysłałem bezpieczny link na {amount}. Bez pośpiechu, zostaję na linii.',
  link_clicked: 'Widzę, że link został otwarty.',
  paid_thanks: 'Widzę, że płatność dotarła. Dziękuję, wszystko załatwione! Miłego dnia.',
  already_paid_confirmed: 'Ma Pan/Pani rację, widzę, że jest zapłacone. Przepraszam za kłopot i dziękuję!',
  already_paid_check: 'Dziękuję za informację. Jeszcze tego nie widzę, więc poprosiłem kolegę o sprawdzenie. Odezwie się do Pana/Pani.',
  ask_upfront: 'Nie ma problemu. Ile mógłby Pan/mogłaby Pani zapłacić dzisiaj?',
  ask_when: 'Rozumiem. A kiedy mógłby Pan/mogłaby Pani zapłacić resztę?',
  plan_offer: 'Mogę zaproponować: {plan}. Czy mam to ustawić?',
  plan_today: '{amount} dzisiaj',
  plan_on: '{amount} dnia {date}',
  plan_agreed: 'Gotowe, nowy plan jest ustawiony. Szczegóły przyjdą SMS-em. Dziękuję, {first}!',
  promise_recorded: 'Świetnie, zanotowałem {amount} dnia {date}. Dziękuję, {first}!',
  dispute_opened: 'Dziękuję za informację. Otworzyłem reklamację; kolega ją sprawdzi i się odezwie.',
  hardship: 'Przykro mi, że jest teraz trudno, i dziękuję, że Pan/Pani o tym mówi. Zanotowałem to. Czy pomógłby mniejszy plan, czy woli Pan/Pani porozmawiać z człowiekiem?',
  bereavement: 'Bardzo współczuję straty. Przekażę sprawę koledze, który pomoże; dziś nie rozmawiamy o płatnościach.',
  vulnerability: 'Dziękuję, że Pan/Pani o tym mówi. Połączę z kolegą, który spokojnie wszystko omówi.',
  opt_out: 'Rozumiem, nie będziemy już dzwonić. W razie potrzeby jesteśmy pod numerem {callback}. Do widzenia!',
  to_human: 'Oczywiście, łączę teraz z kolegą.',
  injection: 'Mogę tu pomóc tylko w sprawie Pana/Pani konta i nic się w tej kwestii nie zmieniło.',
  limited_message: 'Dzień dobry, tu {agent} z {brand}. Prosimy o telefon pod numer {callback}. Dziękuję i miłego dnia!',
  not_understood: 'Przepraszam, nie zrozumiałem. Wysłać link do płatności teraz, czy omówimy plan?',
  fallback: 'Inaczej mówiąc: wysłać link do płatności teraz, czy omówimy plan?',
  goodbye: 'Dziękuję za rozmowę, {first}. Do usłyszenia!',
  abuse_end: 'Chciałbym pomóc, ale w tym miejscu kończę rozmowę. Jesteśmy pod numerem {callback}. Do widzenia.',
  pause_end: 'Na dziś zakończmy. Jesteśmy pod numerem {callback}, kiedy tylko będzie wygodnie. Wszystkiego dobrego!',
  no_plan: 'Nie znajduję tu pasującego planu, więc przekażę sprawę koledze, który omówi więcej możliwości.',
};

const pt: Catalogue = {
  opening: 'Olá, fala {agent}, um assistente de IA a ligar em nome de {brand}. Para sua informação, esta chamada é gravada. Estou a falar com {name}?',
  confirm_name_again: 'Desculpe, só para confirmar: estou a falar com {name}? Basta sim ou não.',
  ask_date_of_birth: 'Obrigado! Para proteger os seus dados, pode dizer-me a sua data de nascimento?',
  ask_postcode_digits: 'Obrigado! Para proteger os seus dados, pode dizer-me os dígitos do seu código postal?',
  verify_retry: 'Hmm, não corresponde ao que tenho. Pode tentar outra vez?',
  verify_failed: 'Lamento, não posso continuar sem confirmar com quem falo. Pode ligar-nos para o {callback}. Até breve!',
  wrong_party: 'Desculpe o incómodo! Vou tomar nota. Tenha um bom dia.',
  collector_id: 'Fala {brand}. Esta chamada destina-se à cobrança de uma dívida e qualquer informação obtida será usada para esse fim.',
  collector_id_subsequent: 'Esta comunicação é de uma entidade de cobrança.',
  about_debt: 'Obrigado, {first}! Ligo por causa da sua encomenda {merchant}: {amount} venciam a {date}.',
  offer: 'Posso enviar-lhe por SMS um link seguro para pagar já, ou podemos criar um plano que lhe dê jeito. O que prefere?',
  link_sent: 'Feito! Acabei de lhe enviar um link seguro de {amount}. Com calma, eu fico em linha.',
  link_clicked: 'Vejo que abriu o link.',
  paid_thanks: 'Vejo que já chegou. Obrigado, está tudo tratado! Tenha um bom dia.',
  already_paid_confirmed: 'Tem razão, vejo que está pago. Desculpe o incómodo, e obrigado!',
  already_paid_check: 'Obrigado por me dizer. Ainda não o vejo do meu lado, por isso pedi a um colega para verificar. Ele vai contactá-lo.',
  ask_upfront: 'Sem problema. Quanto conseguiria pagar hoje?',
  ask_when: 'Certo. E quando conseguiria pagar o resto?',
  plan_offer: 'Posso propor-lhe isto: {plan}. Quer que trate disso?',
  plan_today: '{amount} hoje',
  plan_on: '{amount} a {date}',
  plan_agreed: 'Pronto, o seu novo plano está ativo. Vai receber os detalhes por SMS. Obrigado, {first}!',
  promise_recorded: 'Ótimo, anotei {amount} a {date}. Obrigado, {first}!',
  dispute_opened: 'Obrigado por me dizer. Abri uma reclamação; um colega vai analisá-la e dar-lhe resposta.',
  hardship: 'Lamento que esteja a passar por um momento difícil, e obrigado por me dizer. Tomei nota. Um plano mais pequeno ajudaria, ou prefere falar com uma pessoa?',
  bereavement: 'Os meus sentidos pêsames. Vou passar a um colega que o pode ajudar; hoje não falamos de pagamentos.',
  vulnerability: 'Obrigado por me dizer. Vou pô-lo em contacto com um colega que vê isto consigo com calma.',
  opt_out: 'Entendido, não voltamos a ligar. Se precisar, estamos no {callback}. Adeus!',
  to_human: 'Claro, vou passá-lo já a um colega.',
  injection: 'Aqui só posso ajudar com a sua conta, e nada disso mudou.',
  limited_message: 'Olá, fala {agent} da {brand}. Por favor ligue-nos para o {callback}. Obrigado e bom dia!',
  not_understood: 'Desculpe, não percebi bem. Quer um link para pagar já, ou vemos um plano?',
  fallback: 'Dito de outra forma: quer um link para pagar já, ou vemos um plano?',
  goodbye: 'Obrigado pelo seu tempo, {first}. Até breve!',
  abuse_end: 'Gostava de ajudar, mas vou terminar a chamada aqui. Pode contactar-nos pelo {callback}. Adeus.',
  pause_end: 'Ficamos por aqui hoje. Pode contactar-nos pelo {callback} quando lhe der jeito. Cuide-se!',
  no_plan: 'Não encontro daqui um plano adequado, por isso passo a um colega que verá mais opções consigo.',
};

const da: Catalogue = {
  opening: 'Hej, det er {agent}, en AI-assistent, der ringer for {brand}. Godt at vide: samtalen optages. Taler jeg med {name}?',
  confirm_name_again: 'Undskyld, lige for at tjekke: taler jeg med {name}? Ja eller nej er fint.',
  ask_date_of_birth: 'Tak! For at beskytte dine oplysninger, vil du sige din fødselsdato?',
  ask_postcode_digits: 'Tak! For at beskytte dine oplysninger, vil du sige cifrene i dit postnummer?',
  verify_retry: 'Hm, det passer ikke med det, jeg har. Vil du prøve igen?',
  verify_failed: 'Desværre kan jeg ikke gå videre uden at vide, hvem jeg taler med. Du kan altid ringe til os på {callback}. Hej så længe!',
  wrong_party: 'Undskyld forstyrrelsen! Jeg noterer det. Hav en god dag.',
  collector_id: 'Det her er {brand}. Samtalen handler om inddrivelse af gæld, og alle oplysninger bruges til det formål.',
  collector_id_subsequent: 'Denne henvendelse kommer fra en inkassovirksomhed.',
  about_debt: 'Tak, {first}! Jeg ringer om din bestilling hos {merchant}: {amount} forfaldt den {date}.',
  offer: 'Jeg kan sende dig et sikkert link på sms, så du kan betale med det samme, eller vi kan lave en plan, der passer dig. Hvad foretrækker du?',
  link_sent: 'Klaret! Jeg har lige sendt dig et sikkert link på {amount}. Tag dig god tid, jeg bliver på linjen.',
  link_clicked: 'Jeg kan se, at du har åbnet linket.',
  paid_thanks: 'Jeg kan se, at den er kommet igennem. Tak, så er alt på plads! Hav en god dag.',
  already_paid_confirmed: 'Du har ret, jeg kan se, at det er betalt. Undskyld forstyrrelsen, og tak!',
  already_paid_check: 'Tak fordi du siger det. Jeg kan ikke se det endnu, så jeg har bedt en kollega tjekke det. Vedkommende vender tilbage til dig.',
  ask_upfront: 'Intet problem. Hvor meget kunne du betale i dag?',
  ask_when: 'Forstået. Og hvornår kunne du betale resten?',
  plan_offer: 'Det her kan jeg tilbyde: {plan}. Skal jeg sætte det op?',
  plan_today: '{amount} i dag',
  plan_on: '{amount} den {date}',
  plan_agreed: 'Så er det på plads, din nye plan er oprettet. Du får detaljerne på sms. Tak, {first}!',
  promise_recorded: 'Super, jeg har noteret {amount} den {date}. Tak, {first}!',
  dispute_opened: 'Tak fordi du siger det. Jeg har oprettet en indsigelse; en kollega ser på den og vender tilbage.',
  hardship: 'Ærgerligt, at det er svært lige nu, og tak fordi du fortæller det. Jeg har noteret det. Ville en mindre plan hjælpe, eller vil du hellere tale med en person?',
  bereavement: 'Jeg er virkelig ked af dit tab. Jeg giver det videre til en kollega, der kan hjælpe; vi taler ikke om betaling i dag.',
  vulnerability: 'Tak fordi du fortæller det. Jeg stiller dig om til en kollega, der gennemgår det i dit tempo.',
  opt_out: 'Forstået, vi ringer ikke igen. Har du brug for os, er vi på {callback}. Farvel!',
  to_human: 'Selvfølgelig, jeg stiller dig om til en kollega nu.',
  injection: 'Jeg kan kun hjælpe dig med din konto her, og det har ikke ændret sig.',
  limited_message: 'Hej, det er {agent} fra {brand}. Ring gerne tilbage på {callback}. Tak og hav en god dag!',
  not_understood: 'Undskyld, det fangede jeg ikke helt. Vil du have et link til at betale nu, eller skal vi se på en plan?',
  fallback: 'Sagt på en anden måde: vil du have et link til at betale nu, eller skal vi se på en plan?',
  goodbye: 'Tak for din tid, {first}. Hej hej!',
  abuse_end: 'Jeg vil gerne hjælpe, men jeg afslutter samtalen her. Du kan nå os på {callback}. Farvel.',
  pause_end: 'Lad os stoppe her for i dag. Du kan nå os på {callback}, når det passer dig. Pas på dig selv!',
  no_plan: 'Jeg kan ikke finde en plan, der passer herfra, så jeg giver det videre til en kollega, der kan se på flere muligheder med dig.',
};

export const TEMPLATES: Record<Language, Catalogue> = { en, de, fr, es, it, nl, sv, pl, pt, da };

export function render(language: Language, key: TemplateKey, vars: Record<string, string> = {}): string {
  return TEMPLATES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** Joins plan parts: "a, b and c". */
export function joinList(items: string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
