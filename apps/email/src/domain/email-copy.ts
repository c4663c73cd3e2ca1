import type { Tone } from '@settle/contracts';

/** The variables a sentence may use, already formatted for the debtor's language. */
export interface Facts {
  brand: string;
  merchant: string;
  amount: string;
  due: string;
}

type Line = (f: Facts) => string;

export interface ToneCopy {
  subject: Line;
  heading: Line;
  body: Line;
}

export interface LanguageCopy {
  greeting: (firstName?: string) => string;
  tones: Record<Tone, ToneCopy>;
  labels: { merchant: string; order: string; amountDue: string; dueDate: string };
  /** Between a label and its value in the text part; French spaces it. */
  colon?: string;
  payButton: string;
  help: string;
  fallback: string;
  footer: (brand: string) => string;
  unsubscribe: string;
  /** The unsubscribe confirmation page. */
  page: { title: string; question: (brand: string) => string; button: string; done: string };
}

// French puts a no-break space before : ; ! ? so they never start a line.
const NB = '\u00a0';

/**
 * Default reminder emails, written the way the lender's app would talk: a friendly heads-up, a
 * clear reminder, then respectful urgency that offers help. Never threatening or shaming: no
 * collection agencies, courts, credit scores or "failure to pay". Plain text only; the layout
 * escapes every sentence, so copy holds no markup.
 */
export const COPY: Record<string, LanguageCopy> = {
  en: {
    greeting: (n) => (n ? `Hi ${n},` : 'Hi there,'),
    tones: {
      friendly: {
        subject: (f) => `Your ${f.merchant} payment didn't go through`,
        heading: () => `Your payment didn't go through`,
        body: (f) => `We tried to collect ${f.amount} for your ${f.merchant} order, but the payment didn't go through. These things happen, and you can sort it out in a minute with the button below.`,
      },
      reminder: {
        subject: (f) => `Reminder: your ${f.merchant} payment is still open`,
        heading: () => 'A quick reminder',
        body: (f) => `${f.amount} for your ${f.merchant} order is still open. It was due on ${f.due}. Paying takes less than a minute.`,
      },
      urgent: {
        subject: (f) => `Important: your ${f.merchant} payment is overdue`,
        heading: () => 'Your payment is overdue',
        body: (f) => `${f.amount} for your ${f.merchant} order has been overdue since ${f.due}. Please pay today. If that's difficult right now, let us know and we'll find a way together.`,
      },
    },
    labels: { merchant: 'Merchant', order: 'Order', amountDue: 'Amount due', dueDate: 'Due date' },
    payButton: 'Pay now',
    help: 'Need more time or have a question? Just reply to this email.',
    fallback: 'Button not working? Copy this link into your browser:',
    footer: (b) => `You're receiving this email because you have an open payment with ${b}.`,
    unsubscribe: 'Unsubscribe from these emails',
    page: { title: 'Unsubscribe', question: (b) => `Stop receiving payment reminder emails from ${b}?`, button: 'Unsubscribe', done: "Done. You won't get these emails any more." },
  },
  de: {
    greeting: (n) => (n ? `Hallo ${n},` : 'Hallo,'),
    tones: {
      friendly: {
        subject: (f) => `Deine Zahlung für ${f.merchant} hat nicht geklappt`,
        heading: () => 'Deine Zahlung hat nicht geklappt',
        body: (f) => `Wir wollten ${f.amount} für deine Bestellung bei ${f.merchant} einziehen, aber die Zahlung ist nicht durchgegangen. Kann passieren – mit dem Button unten ist das in einer Minute erledigt.`,
      },
      reminder: {
        subject: (f) => `Erinnerung: Deine Zahlung für ${f.merchant} ist noch offen`,
        heading: () => 'Kurze Erinnerung',
        body: (f) => `Für deine Bestellung bei ${f.merchant} sind noch ${f.amount} offen. Fällig war der Betrag am ${f.due}. Die Zahlung dauert keine Minute.`,
      },
      urgent: {
        subject: (f) => `Wichtig: Deine Zahlung für ${f.merchant} ist überfällig`,
        heading: () => 'Deine Zahlung ist überfällig',
        body: (f) => `Der Betrag von ${f.amount} für deine Bestellung bei ${f.merchant} ist seit dem ${f.due} überfällig. Bitte begleiche ihn noch heute. Wenn das gerade schwierig ist, sag uns Bescheid – wir finden gemeinsam eine Lösung.`,
      },
    },
    labels: { merchant: 'Händler', order: 'Bestellung', amountDue: 'Offener Betrag', dueDate: 'Fällig am' },
    payButton: 'Jetzt bezahlen',
    help: 'Brauchst du mehr Zeit oder hast du eine Frage? Antworte einfach auf diese E-Mail.',
    fallback: 'Der Button funktioniert nicht? Kopiere diesen Link in deinen Browser:',
    footer: (b) => `Du erhältst diese E-Mail, weil bei ${b} eine Zahlung von dir offen ist.`,
    unsubscribe: 'Diese E-Mails abbestellen',
    page: { title: 'Abmelden', question: (b) => `Keine Zahlungserinnerungen von ${b} mehr per E-Mail erhalten?`, button: 'Abmelden', done: 'Erledigt – du erhältst diese E-Mails nicht mehr.' },
  },
  fr: {
    greeting: (n) => (n ? `Bonjour ${n},` : 'Bonjour,'),
    tones: {
      friendly: {
        subject: (f) => `Votre paiement pour ${f.merchant} n'est pas passé`,
        heading: () => `Votre paiement n'est pas passé`,
        body: (f) => `Nous avons tenté de prélever ${f.amount} pour votre commande chez ${f.merchant}, mais le paiement n'est pas passé. Ça arrive${NB}! Vous pouvez régler cela en une minute avec le bouton ci-dessous.`,
      },
      reminder: {
        subject: (f) => `Rappel${NB}: votre paiement pour ${f.merchant} est en attente`,
        heading: () => 'Petit rappel',
        body: (f) => `Un montant de ${f.amount} reste à régler pour votre commande chez ${f.merchant}. L'échéance était le ${f.due}. Le paiement prend moins d'une minute.`,
      },
      urgent: {
        subject: (f) => `Important${NB}: votre paiement pour ${f.merchant} est en retard`,
        heading: () => 'Votre paiement est en retard',
        body: (f) => `Le montant de ${f.amount} pour votre commande chez ${f.merchant} est en retard depuis le ${f.due}. Merci de le régler dès aujourd'hui. Si c'est compliqué en ce moment, dites-le-nous${NB}: nous trouverons une solution ensemble.`,
      },
    },
    labels: { merchant: 'Marchand', order: 'Commande', amountDue: 'Montant dû', dueDate: 'Échéance' },
    colon: `${NB}: `,
    payButton: 'Payer maintenant',
    help: `Besoin de plus de temps ou une question${NB}? Répondez simplement à cet e-mail.`,
    fallback: `Le bouton ne fonctionne pas${NB}? Copiez ce lien dans votre navigateur${NB}:`,
    footer: (b) => `Vous recevez cet e-mail car vous avez un paiement en attente auprès de ${b}.`,
    unsubscribe: 'Se désabonner de ces e-mails',
    page: { title: 'Désabonnement', question: (b) => `Ne plus recevoir les rappels de paiement de ${b} par e-mail${NB}?`, button: 'Me désabonner', done: `C'est fait${NB}: vous ne recevrez plus ces e-mails.` },
  },
  es: {
    greeting: (n) => (n ? `Hola, ${n}:` : '¡Hola!'),
    tones: {
      friendly: {
        subject: (f) => `Tu pago en ${f.merchant} no se ha completado`,
        heading: () => 'Tu pago no se ha completado',
        body: (f) => `Intentamos cobrar ${f.amount} por tu pedido en ${f.merchant}, pero el pago no se ha podido completar. Son cosas que pasan: puedes solucionarlo en un minuto con el botón de abajo.`,
      },
      reminder: {
        subject: (f) => `Recordatorio: tu pago en ${f.merchant} sigue pendiente`,
        heading: () => 'Un recordatorio rápido',
        body: (f) => `Tienes ${f.amount} pendientes de tu pedido en ${f.merchant}. El vencimiento fue el ${f.due}. Pagar te llevará menos de un minuto.`,
      },
      urgent: {
        subject: (f) => `Importante: tu pago en ${f.merchant} está vencido`,
        heading: () => 'Tu pago está vencido',
        body: (f) => `El importe de ${f.amount} de tu pedido en ${f.merchant} está vencido desde el ${f.due}. Por favor, págalo hoy. Si ahora te resulta difícil, cuéntanoslo y buscaremos juntos una solución.`,
      },
    },
    labels: { merchant: 'Comercio', order: 'Pedido', amountDue: 'Importe pendiente', dueDate: 'Vencimiento' },
    payButton: 'Pagar ahora',
    help: '¿Necesitas más tiempo o tienes alguna pregunta? Responde a este correo.',
    fallback: '¿El botón no funciona? Copia este enlace en tu navegador:',
    footer: (b) => `Recibes este correo porque tienes un pago pendiente con ${b}.`,
    unsubscribe: 'Darse de baja de estos correos',
    page: { title: 'Darse de baja', question: (b) => `¿Dejar de recibir por correo los recordatorios de pago de ${b}?`, button: 'Darme de baja', done: 'Listo: ya no recibirás estos correos.' },
  },
  it: {
    greeting: (n) => (n ? `Ciao ${n},` : 'Ciao,'),
    tones: {
      friendly: {
        subject: (f) => `Il tuo pagamento per ${f.merchant} non è andato a buon fine`,
        heading: () => 'Il pagamento non è andato a buon fine',
        body: (f) => `Abbiamo provato ad addebitare ${f.amount} per il tuo ordine presso ${f.merchant}, ma il pagamento non è andato a buon fine. Può succedere: con il pulsante qui sotto risolvi tutto in un minuto.`,
      },
      reminder: {
        subject: (f) => `Promemoria: il tuo pagamento per ${f.merchant} è ancora in sospeso`,
        heading: () => 'Un piccolo promemoria',
        body: (f) => `Per il tuo ordine presso ${f.merchant} restano da pagare ${f.amount}. La scadenza era il ${f.due}. Pagare richiede meno di un minuto.`,
      },
      urgent: {
        subject: (f) => `Importante: il tuo pagamento per ${f.merchant} è scaduto`,
        heading: () => 'Il tuo pagamento è scaduto',
        body: (f) => `L'importo di ${f.amount} per il tuo ordine presso ${f.merchant} è scaduto dal ${f.due}. Ti chiediamo di pagarlo oggi stesso. Se in questo momento hai difficoltà, faccelo sapere: troveremo insieme una soluzione.`,
      },
    },
    labels: { merchant: 'Esercente', order: 'Ordine', amountDue: 'Importo dovuto', dueDate: 'Scadenza' },
    payButton: 'Paga ora',
    help: 'Ti serve più tempo o hai una domanda? Rispondi semplicemente a questa email.',
    fallback: 'Il pulsante non funziona? Copia questo link nel browser:',
    footer: (b) => `Ricevi questa email perché hai un pagamento in sospeso con ${b}.`,
    unsubscribe: "Annulla l'iscrizione a queste email",
    page: { title: 'Annulla iscrizione', question: (b) => `Non vuoi più ricevere via email i promemoria di pagamento di ${b}?`, button: 'Annulla iscrizione', done: 'Fatto: non riceverai più queste email.' },
  },
  nl: {
    greeting: (n) => (n ? `Hoi ${n},` : 'Hoi,'),
    tones: {
      friendly: {
        subject: (f) => `Je betaling voor ${f.merchant} is niet gelukt`,
        heading: () => 'Je betaling is niet gelukt',
        body: (f) => `We probeerden ${f.amount} af te schrijven voor je bestelling bij ${f.merchant}, maar de betaling is niet gelukt. Dat kan gebeuren: met de knop hieronder regel je het in een minuutje.`,
      },
      reminder: {
        subject: (f) => `Herinnering: je betaling voor ${f.merchant} staat nog open`,
        heading: () => 'Een korte herinnering',
        body: (f) => `Voor je bestelling bij ${f.merchant} staat nog ${f.amount} open. De vervaldatum was ${f.due}. Betalen duurt nog geen minuut.`,
      },
      urgent: {
        subject: (f) => `Belangrijk: je betaling voor ${f.merchant} is te laat`,
        heading: () => 'Je betaling is te laat',
        body: (f) => `Het bedrag van ${f.amount} voor je bestelling bij ${f.merchant} staat sinds ${f.due} open. Wil je het vandaag nog betalen? Lukt dat nu even niet, laat het ons dan weten. Samen zoeken we naar een oplossing.`,
      },
    },
    labels: { merchant: 'Winkel', order: 'Bestelling', amountDue: 'Te betalen', dueDate: 'Vervaldatum' },
    payButton: 'Nu betalen',
    help: 'Meer tijd nodig of een vraag? Beantwoord gewoon deze e-mail.',
    fallback: 'Werkt de knop niet? Kopieer deze link naar je browser:',
    footer: (b) => `Je ontvangt deze e-mail omdat je een openstaande betaling hebt bij ${b}.`,
    unsubscribe: 'Afmelden voor deze e-mails',
    page: { title: 'Afmelden', question: (b) => `Geen betalingsherinneringen van ${b} meer per e-mail ontvangen?`, button: 'Afmelden', done: 'Gelukt: je ontvangt deze e-mails niet meer.' },
  },
  sv: {
    greeting: (n) => (n ? `Hej ${n}!` : 'Hej!'),
    tones: {
      friendly: {
        subject: (f) => `Din betalning till ${f.merchant} gick inte igenom`,
        heading: () => 'Din betalning gick inte igenom',
        body: (f) => `Vi försökte dra ${f.amount} för din beställning hos ${f.merchant}, men betalningen gick inte igenom. Sånt händer – med knappen nedan fixar du det på en minut.`,
      },
      reminder: {
        subject: (f) => `Påminnelse: din betalning till ${f.merchant} väntar fortfarande`,
        heading: () => 'En snabb påminnelse',
        body: (f) => `Du har ${f.amount} kvar att betala för din beställning hos ${f.merchant}. Förfallodagen var ${f.due}. Det tar mindre än en minut att betala.`,
      },
      urgent: {
        subject: (f) => `Viktigt: din betalning till ${f.merchant} är försenad`,
        heading: () => 'Din betalning är försenad',
        body: (f) => `Beloppet ${f.amount} för din beställning hos ${f.merchant} har varit förfallet sedan ${f.due}. Betala gärna redan i dag. Om det är svårt just nu, hör av dig så hittar vi en lösning tillsammans.`,
      },
    },
    labels: { merchant: 'Butik', order: 'Beställning', amountDue: 'Att betala', dueDate: 'Förfallodag' },
    payButton: 'Betala nu',
    help: 'Behöver du mer tid eller har du en fråga? Svara bara på det här mejlet.',
    fallback: 'Fungerar inte knappen? Kopiera den här länken till din webbläsare:',
    footer: (b) => `Du får det här mejlet eftersom du har ett obetalt belopp hos ${b}.`,
    unsubscribe: 'Avregistrera dig från de här mejlen',
    page: { title: 'Avregistrera', question: (b) => `Vill du sluta få betalningspåminnelser från ${b} via mejl?`, button: 'Avregistrera mig', done: 'Klart! Du får inte fler sådana mejl.' },
  },
  pl: {
    greeting: (n) => (n ? `Cześć ${n},` : 'Cześć,'),
    tones: {
      friendly: {
        subject: (f) => `Płatność za zamówienie w sklepie ${f.merchant} nie powiodła się`,
        heading: () => 'Płatność nie powiodła się',
        body: (f) => `Próbowaliśmy pobrać ${f.amount} za Twoje zamówienie w sklepie ${f.merchant}, ale płatność nie przeszła. Zdarza się – przyciskiem poniżej załatwisz to w minutę.`,
      },
      reminder: {
        subject: (f) => `Przypomnienie: płatność za zamówienie w sklepie ${f.merchant} czeka`,
        heading: () => 'Krótkie przypomnienie',
        body: (f) => `Za Twoje zamówienie w sklepie ${f.merchant} pozostało do zapłaty ${f.amount}. Termin płatności minął ${f.due}. Zapłata zajmie mniej niż minutę.`,
      },
      urgent: {
        subject: (f) => `Ważne: płatność za zamówienie w sklepie ${f.merchant} jest po terminie`,
        heading: () => 'Twoja płatność jest po terminie',
        body: (f) => `Kwota ${f.amount} za Twoje zamówienie w sklepie ${f.merchant} czeka na zapłatę od ${f.due}. Prosimy, ureguluj ją jeszcze dziś. Jeśli masz teraz trudności, daj nam znać – razem znajdziemy rozwiązanie.`,
      },
    },
    labels: { merchant: 'Sklep', order: 'Zamówienie', amountDue: 'Do zapłaty', dueDate: 'Termin płatności' },
    payButton: 'Zapłać teraz',
    help: 'Potrzebujesz więcej czasu albo masz pytanie? Po prostu odpowiedz na tego e-maila.',
    fallback: 'Przycisk nie działa? Skopiuj ten link do przeglądarki:',
    footer: (b) => `Otrzymujesz tę wiadomość, ponieważ masz nieuregulowaną płatność w ${b}.`,
    unsubscribe: 'Wypisz się z tych wiadomości',
    page: { title: 'Wypisz się', question: (b) => `Nie chcesz już dostawać e-mailowych przypomnień o płatności od ${b}?`, button: 'Wypisz mnie', done: 'Gotowe – nie będziesz już dostawać tych wiadomości.' },
  },
  // Worded to read naturally in Portugal and in Brazil (compra, valor, "o seu").
  pt: {
    greeting: (n) => (n ? `Olá, ${n}!` : 'Olá!'),
    tones: {
      friendly: {
        subject: (f) => `O seu pagamento para ${f.merchant} não foi concluído`,
        heading: () => 'O seu pagamento não foi concluído',
        body: (f) => `Não foi possível cobrar ${f.amount} referente à sua compra em ${f.merchant}. Acontece! Com o botão abaixo, resolve tudo num instante.`,
      },
      reminder: {
        subject: (f) => `Lembrete: o seu pagamento para ${f.merchant} continua pendente`,
        heading: () => 'Um lembrete rápido',
        body: (f) => `Ainda tem um valor de ${f.amount} pendente referente à sua compra em ${f.merchant}. O vencimento foi em ${f.due}. Pagar leva menos de um minuto.`,
      },
      urgent: {
        subject: (f) => `Importante: o seu pagamento para ${f.merchant} está em atraso`,
        heading: () => 'O seu pagamento está em atraso',
        body: (f) => `O valor de ${f.amount} referente à sua compra em ${f.merchant} está em atraso desde ${f.due}. Pedimos que o pague ainda hoje. Se neste momento tiver dificuldades, responda a este e-mail e encontramos juntos uma solução.`,
      },
    },
    labels: { merchant: 'Loja', order: 'Compra', amountDue: 'Valor a pagar', dueDate: 'Vencimento' },
    payButton: 'Pagar agora',
    help: 'Precisa de mais tempo ou tem alguma dúvida? Basta responder a este e-mail.',
    fallback: 'O botão não funciona? Copie este link para o seu navegador:',
    footer: (b) => `Recebe este e-mail porque tem um pagamento pendente com ${b}.`,
    unsubscribe: 'Deixar de receber estes e-mails',
    page: { title: 'Deixar de receber e-mails', question: (b) => `Deixar de receber por e-mail os lembretes de pagamento de ${b}?`, button: 'Confirmar', done: 'Pronto: não vai receber mais estes e-mails.' },
  },
  da: {
    greeting: (n) => (n ? `Hej ${n},` : 'Hej,'),
    tones: {
      friendly: {
        subject: (f) => `Din betaling til ${f.merchant} gik ikke igennem`,
        heading: () => 'Din betaling gik ikke igennem',
        body: (f) => `Vi forsøgte at trække ${f.amount} for din ordre hos ${f.merchant}, men betalingen gik ikke igennem. Det sker – med knappen herunder klarer du det på et minut.`,
      },
      reminder: {
        subject: (f) => `Påmindelse: din betaling til ${f.merchant} mangler stadig`,
        heading: () => 'En hurtig påmindelse',
        body: (f) => `Du mangler stadig at betale ${f.amount} for din ordre hos ${f.merchant}. Forfaldsdatoen var ${f.due}. Det tager under et minut at betale.`,
      },
      urgent: {
        subject: (f) => `Vigtigt: din betaling til ${f.merchant} er forfalden`,
        heading: () => 'Din betaling er forfalden',
        body: (f) => `Beløbet på ${f.amount} for din ordre hos ${f.merchant} har været forfaldent siden ${f.due}. Betal gerne allerede i dag. Hvis det er svært lige nu, så sig til, så finder vi en løsning sammen.`,
      },
    },
    labels: { merchant: 'Butik', order: 'Ordre', amountDue: 'At betale', dueDate: 'Forfaldsdato' },
    payButton: 'Betal nu',
    help: 'Har du brug for mere tid, eller har du et spørgsmål? Svar bare på denne mail.',
    fallback: 'Virker knappen ikke? Kopiér dette link ind i din browser:',
    footer: (b) => `Du modtager denne mail, fordi du har et ubetalt beløb hos ${b}.`,
    unsubscribe: 'Afmeld disse mails',
    page: { title: 'Afmeld', question: (b) => `Vil du ikke længere modtage betalingspåmindelser fra ${b} på mail?`, button: 'Afmeld mig', done: 'Færdig – du modtager ikke flere af disse mails.' },
  },
};
