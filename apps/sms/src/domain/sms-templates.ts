import type { SmsRequestedV1, Tone } from '@settle/contracts';
import { isGsm7, measureSms, SmsSize } from './sms-encoding';

/** What a template may say, each written `{{name}}`; system defaults and tenant templates alike. */
export const TEMPLATE_VARIABLES = ['firstName', 'merchant', 'amount', 'dueDate', 'link', 'brand', 'orderRef'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

/**
 * Default reminders, written to sound like the lender's app: casual at first, clear later, never
 * threatening or shaming, always naming the brand. Every word is GSM-7 so that a reminder costs at
 * most two segments: Polish is written without diacritics (as Polish SMS usually are) and
 * Portuguese avoids ã, ç, ê and á ("Ola" for "Olá"); Spanish avoids á, í, ó, ú.
 */
const DEFAULT_TEMPLATES: Record<string, Record<Tone, string>> = {
  en: {
    friendly: "Hi {{firstName}}, your {{merchant}} payment of {{amount}} didn't go through. Sort it in a few taps: {{link}} - {{brand}}",
    reminder: 'Hi {{firstName}}, a reminder from {{brand}}: {{amount}} for {{merchant}} is still open (due {{dueDate}}). Pay here: {{link}}',
    urgent: 'Hi {{firstName}}, {{amount}} for {{merchant}} has been overdue since {{dueDate}}. Please pay today or reply if you need more time: {{link}} - {{brand}}',
  },
  de: {
    friendly: 'Hallo {{firstName}}, deine Zahlung von {{amount}} für {{merchant}} hat nicht geklappt. In wenigen Schritten erledigt: {{link}} - {{brand}}',
    reminder: 'Hallo {{firstName}}, kurze Erinnerung von {{brand}}: {{amount}} für {{merchant}} ist noch offen (fällig {{dueDate}}). Hier zahlen: {{link}}',
    urgent: 'Hallo {{firstName}}, {{amount}} für {{merchant}} ist seit {{dueDate}} überfällig. Bitte zahle heute oder antworte, wenn du mehr Zeit brauchst: {{link}} - {{brand}}',
  },
  fr: {
    friendly: "Bonjour {{firstName}}, votre paiement de {{amount}} pour {{merchant}} n'est pas passé. Réglez-le en quelques clics : {{link}} - {{brand}}",
    reminder: 'Bonjour {{firstName}}, petit rappel de {{brand}} : {{amount}} pour {{merchant}} reste à régler (échéance {{dueDate}}). Payer ici : {{link}}',
    urgent: "Bonjour {{firstName}}, {{amount}} pour {{merchant}} est en retard depuis le {{dueDate}}. Merci de régler aujourd'hui ou de répondre si vous avez besoin de temps : {{link}} - {{brand}}",
  },
  es: {
    friendly: 'Hola {{firstName}}, tu pago de {{amount}} en {{merchant}} no se ha podido cobrar. Resuélvelo en unos toques: {{link}} - {{brand}}',
    reminder: 'Hola {{firstName}}, un recordatorio de {{brand}}: {{amount}} de {{merchant}} sigue pendiente (vencimiento {{dueDate}}). Paga en este enlace: {{link}}',
    urgent: 'Hola {{firstName}}, {{amount}} de {{merchant}} sigue pendiente desde el {{dueDate}}. Por favor, paga hoy o responde si necesitas un plazo: {{link}} - {{brand}}',
  },
  it: {
    friendly: 'Ciao {{firstName}}, il pagamento di {{amount}} per {{merchant}} non è andato a buon fine. Puoi sistemarlo in pochi tocchi: {{link}} - {{brand}}',
    reminder: 'Ciao {{firstName}}, un promemoria da {{brand}}: {{amount}} per {{merchant}} è ancora da pagare (scadenza {{dueDate}}). Paga qui: {{link}}',
    urgent: 'Ciao {{firstName}}, il pagamento di {{amount}} per {{merchant}} è in ritardo dal {{dueDate}}. Ti chiediamo di pagare oggi o di rispondere se ti serve più tempo: {{link}} - {{brand}}',
  },
  nl: {
    friendly: 'Hoi {{firstName}}, je betaling van {{amount}} bij {{merchant}} is niet gelukt. Regel het in een paar tikken: {{link}} - {{brand}}',
    reminder: 'Hoi {{firstName}}, een herinnering van {{brand}}: {{amount}} bij {{merchant}} moet nog betaald worden (vervaldatum {{dueDate}}). Betaal hier: {{link}}',
    urgent: 'Hoi {{firstName}}, {{amount}} bij {{merchant}} staat sinds {{dueDate}} open. Wil je vandaag betalen, of laat je even weten als je meer tijd nodig hebt? {{link}} - {{brand}}',
  },
  sv: {
    friendly: 'Hej {{firstName}}! Din betalning på {{amount}} till {{merchant}} gick inte igenom. Fixa det med några klick: {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! En påminnelse från {{brand}}: {{amount}} till {{merchant}} är fortfarande obetalt (förfallodag {{dueDate}}). Betala här: {{link}}',
    urgent: 'Hej {{firstName}}! Betalningen på {{amount}} till {{merchant}} har varit obetald sedan {{dueDate}}. Betala gärna i dag eller svara om du behöver mer tid: {{link}} - {{brand}}',
  },
  da: {
    friendly: 'Hej {{firstName}}! Din betaling på {{amount}} til {{merchant}} gik ikke igennem. Klar det med få klik: {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! En påmindelse fra {{brand}}: {{amount}} til {{merchant}} er stadig ikke betalt (forfaldsdato {{dueDate}}). Betal her: {{link}}',
    urgent: 'Hej {{firstName}}! Betalingen på {{amount}} til {{merchant}} har været forsinket siden {{dueDate}}. Betal gerne i dag, eller svar, hvis du har brug for mere tid: {{link}} - {{brand}}',
  },
  pl: {
    friendly: 'Czesc {{firstName}}, Twoja platnosc {{amount}} za zakupy w {{merchant}} nie przeszla. Zalatwisz to w pare klikniec: {{link}} - {{brand}}',
    reminder: 'Czesc {{firstName}}, przypomnienie od {{brand}}: {{amount}} za zakupy w {{merchant}} jest do zaplaty (termin {{dueDate}}). Zaplac tutaj: {{link}}',
    urgent: 'Czesc {{firstName}}, {{amount}} za zakupy w {{merchant}} czeka na zaplate od {{dueDate}}. Zaplac prosze dzisiaj albo odpisz, jesli potrzebujesz wiecej czasu: {{link}} - {{brand}}',
  },
  pt: {
    friendly: 'Ola {{firstName}}, o pagamento de {{amount}} da sua compra em {{merchant}} falhou. Resolva em poucos toques: {{link}} - {{brand}}',
    reminder: 'Ola {{firstName}}, um lembrete de {{brand}}: {{amount}} da sua compra em {{merchant}} continua pendente (prazo: {{dueDate}}). Pague aqui: {{link}}',
    urgent: 'Ola {{firstName}}, o pagamento de {{amount}} da sua compra em {{merchant}} continua em atraso desde {{dueDate}}. Por favor, pague hoje ou responda se precisar de mais tempo: {{link}} - {{brand}}',
  },
};

/**
 * The plan offer: a workflow step with `template: 'plan_offer'` invites the debtor to split what is
 * left into smaller payments on the plans page behind the same link. Never names an amount (what is
 * overdue is not what would be split) and never shames; the same GSM-7 spelling rules as above.
 */
const PLAN_OFFER_TEMPLATES: Record<string, Record<Tone, string>> = {
  en: {
    friendly: "Hi {{firstName}}, can't pay it all at once? You can split what's left for {{merchant}} into smaller payments. Pick what works for you: {{link}} - {{brand}}",
    reminder: "Hi {{firstName}}, {{brand}} here. If paying {{merchant}} all at once is hard, you can split what's left into smaller payments. Choose a plan: {{link}}",
    urgent: "Hi {{firstName}}, your {{merchant}} payment has been open since {{dueDate}}. Can't pay it all at once? Split what's left into smaller payments that work for you: {{link}} - {{brand}}",
  },
  de: {
    friendly: 'Hallo {{firstName}}, du kannst nicht alles auf einmal zahlen? Teile den offenen Betrag für {{merchant}} in kleinere Raten auf. Wähle, was zu dir passt: {{link}} - {{brand}}',
    reminder: 'Hallo {{firstName}}, hier ist {{brand}}. Wenn es schwer ist, {{merchant}} auf einmal zu zahlen, kannst du den Rest in kleinere Raten aufteilen. Plan wählen: {{link}}',
    urgent: 'Hallo {{firstName}}, deine Zahlung für {{merchant}} ist seit {{dueDate}} offen. Nicht alles auf einmal möglich? Teile den Rest in kleinere Raten, die zu dir passen: {{link}} - {{brand}}',
  },
  fr: {
    friendly: 'Bonjour {{firstName}}, vous ne pouvez pas tout payer en une fois ? Vous pouvez étaler le reste pour {{merchant}} en plus petits paiements. Choisissez ce qui vous convient : {{link}} - {{brand}}',
    reminder: 'Bonjour {{firstName}}, ici {{brand}}. Si payer {{merchant}} en une fois est difficile, vous pouvez étaler le reste en plus petits paiements. Choisir un plan : {{link}}',
    urgent: 'Bonjour {{firstName}}, votre paiement pour {{merchant}} est en attente depuis le {{dueDate}}. Difficile de tout payer en une fois ? Étalez le reste en plus petits paiements : {{link}} - {{brand}}',
  },
  es: {
    friendly: 'Hola {{firstName}}, ¿no puedes pagarlo todo de una vez? Puedes dividir lo que queda de {{merchant}} en pagos pequeños. Elige lo que te vaya bien: {{link}} - {{brand}}',
    reminder: 'Hola {{firstName}}, te escribe {{brand}}. Si te cuesta pagar {{merchant}} de una vez, puedes dividir lo que queda en pagos pequeños. Elige un plan: {{link}}',
    urgent: 'Hola {{firstName}}, tu pago de {{merchant}} sigue pendiente desde el {{dueDate}}. ¿No puedes pagarlo todo de una vez? Divide lo que queda en pagos pequeños a tu medida: {{link}} - {{brand}}',
  },
  it: {
    friendly: 'Ciao {{firstName}}, non riesci a pagare tutto in una volta? Puoi dividere quanto resta per {{merchant}} in rate più piccole. Scegli quella giusta per te: {{link}} - {{brand}}',
    reminder: 'Ciao {{firstName}}, ti scrive {{brand}}. Se pagare {{merchant}} in una volta è difficile, puoi dividere quanto resta in rate più piccole. Scegli un piano: {{link}}',
    urgent: 'Ciao {{firstName}}, il pagamento per {{merchant}} è aperto dal {{dueDate}}. Non riesci a pagare tutto insieme? Dividi quanto resta in rate più piccole adatte a te: {{link}} - {{brand}}',
  },
  nl: {
    friendly: 'Hoi {{firstName}}, lukt het niet om alles in een keer te betalen? Je kunt het restant bij {{merchant}} in kleinere betalingen opsplitsen. Kies wat bij je past: {{link}} - {{brand}}',
    reminder: 'Hoi {{firstName}}, met {{brand}}. Is alles in een keer betalen bij {{merchant}} lastig? Je kunt het restant in kleinere betalingen opsplitsen. Kies een plan: {{link}}',
    urgent: 'Hoi {{firstName}}, je betaling bij {{merchant}} staat sinds {{dueDate}} open. Lukt alles in een keer niet? Splits het restant in kleinere betalingen die bij je passen: {{link}} - {{brand}}',
  },
  sv: {
    friendly: 'Hej {{firstName}}! Kan du inte betala allt på en gång? Du kan dela upp det som är kvar till {{merchant}} i mindre betalningar. Välj det som passar dig: {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! Det här är {{brand}}. Är det svårt att betala {{merchant}} på en gång kan du dela upp resten i mindre betalningar. Välj en plan: {{link}}',
    urgent: 'Hej {{firstName}}! Din betalning till {{merchant}} har varit öppen sedan {{dueDate}}. Går det inte att betala allt på en gång? Dela upp resten i mindre betalningar som passar dig: {{link}} - {{brand}}',
  },
  da: {
    friendly: 'Hej {{firstName}}! Kan du ikke betale det hele på en gang? Du kan dele resten til {{merchant}} op i mindre betalinger. Vælg det, der passer dig: {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! Det er {{brand}}. Er det svært at betale {{merchant}} på en gang, kan du dele resten op i mindre betalinger. Vælg en plan: {{link}}',
    urgent: 'Hej {{firstName}}! Din betaling til {{merchant}} har været åben siden {{dueDate}}. Kan du ikke betale det hele på en gang? Del resten op i mindre betalinger, der passer dig: {{link}} - {{brand}}',
  },
  pl: {
    friendly: 'Czesc {{firstName}}, nie mozesz zaplacic wszystkiego naraz? Mozesz podzielic reszte za zakupy w {{merchant}} na mniejsze raty. Wybierz, co Ci pasuje: {{link}} - {{brand}}',
    reminder: 'Czesc {{firstName}}, tu {{brand}}. Jesli trudno Ci zaplacic za {{merchant}} naraz, mozesz podzielic reszte na mniejsze raty. Wybierz plan: {{link}}',
    urgent: 'Czesc {{firstName}}, platnosc za zakupy w {{merchant}} czeka od {{dueDate}}. Nie dasz rady zaplacic calosci naraz? Podziel reszte na mniejsze raty, ktore Ci pasuja: {{link}} - {{brand}}',
  },
  pt: {
    friendly: 'Ola {{firstName}}, prefere pagar aos poucos? Pode dividir o que falta da sua compra em {{merchant}} em pagamentos mais pequenos. Escolha o que lhe convém: {{link}} - {{brand}}',
    reminder: 'Ola {{firstName}}, daqui {{brand}}. Se pagar {{merchant}} de uma vez for pesado, pode dividir o que falta em pagamentos mais pequenos. Escolha um plano: {{link}}',
    urgent: 'Ola {{firstName}}, o pagamento da sua compra em {{merchant}} continua em aberto desde {{dueDate}}. Se pagar tudo de uma vez for pesado, reparta o que falta em pagamentos mais pequenos: {{link}} - {{brand}}',
  },
};

/**
 * A missed plan instalment that the plan survives (the scheduler's plan reminder, friendly tone):
 * that instalment's amount and due date and a link to pay just it, like a note from the lender's app.
 * No consequences are spelt out; the same GSM-7 spelling rules as above.
 */
const PLAN_INSTALMENT_MISSED_TEMPLATES: Record<string, Record<Tone, string>> = {
  en: {
    friendly: "Hi {{firstName}}, the {{amount}} payment for your {{merchant}} plan (due {{dueDate}}) didn't go through. You can pay it here: {{link}} - {{brand}}",
    reminder: 'Hi {{firstName}}, a quick note from {{brand}}: the {{amount}} instalment of your {{merchant}} plan (due {{dueDate}}) is still open. Pay it here: {{link}}',
    urgent: 'Hi {{firstName}}, the {{amount}} instalment of your {{merchant}} plan has been open since {{dueDate}}. Please pay it today, or reply if you need a hand: {{link}} - {{brand}}',
  },
  de: {
    friendly: 'Hallo {{firstName}}, die Rate von {{amount}} für deinen Plan bei {{merchant}} (fällig {{dueDate}}) hat nicht geklappt. Hier kannst du sie zahlen: {{link}} - {{brand}}',
    reminder: 'Hallo {{firstName}}, kurze Erinnerung von {{brand}}: Die Rate von {{amount}} für deinen Plan bei {{merchant}} (fällig {{dueDate}}) ist noch offen. Hier zahlen: {{link}}',
    urgent: 'Hallo {{firstName}}, die Rate von {{amount}} für deinen Plan bei {{merchant}} ist seit {{dueDate}} offen. Bitte zahle sie heute oder antworte, wenn du Hilfe brauchst: {{link}} - {{brand}}',
  },
  fr: {
    friendly: "Bonjour {{firstName}}, le paiement de {{amount}} de votre plan {{merchant}} (échéance {{dueDate}}) n'est pas passé. Vous pouvez le régler ici : {{link}} - {{brand}}",
    reminder: "Bonjour {{firstName}}, petit rappel de {{brand}} : l'échéance de {{amount}} de votre plan {{merchant}} ({{dueDate}}) reste à régler. Payer ici : {{link}}",
    urgent: "Bonjour {{firstName}}, l'échéance de {{amount}} de votre plan {{merchant}} est en attente depuis le {{dueDate}}. Merci de la régler aujourd'hui ou de répondre si besoin : {{link}} - {{brand}}",
  },
  es: {
    friendly: 'Hola {{firstName}}, el pago de {{amount}} de tu plan en {{merchant}} (vence {{dueDate}}) no se ha podido cobrar. Puedes pagarlo en este enlace: {{link}} - {{brand}}',
    reminder: 'Hola {{firstName}}, un recordatorio de {{brand}}: el pago de {{amount}} de tu plan en {{merchant}} (vencimiento {{dueDate}}) sigue pendiente. Paga en este enlace: {{link}}',
    urgent: 'Hola {{firstName}}, el pago de {{amount}} de tu plan en {{merchant}} sigue pendiente desde el {{dueDate}}. Por favor, paga hoy o responde si necesitas ayuda: {{link}} - {{brand}}',
  },
  it: {
    friendly: 'Ciao {{firstName}}, il pagamento di {{amount}} del tuo piano con {{merchant}} (scadenza {{dueDate}}) non è andato a buon fine. Puoi pagarlo qui: {{link}} - {{brand}}',
    reminder: 'Ciao {{firstName}}, un promemoria da {{brand}}: la rata di {{amount}} del tuo piano con {{merchant}} (scadenza {{dueDate}}) è ancora da pagare. Paga qui: {{link}}',
    urgent: 'Ciao {{firstName}}, la rata di {{amount}} del tuo piano con {{merchant}} è in attesa dal {{dueDate}}. Ti chiediamo di pagarla oggi o di rispondere se ti serve aiuto: {{link}} - {{brand}}',
  },
  nl: {
    friendly: 'Hoi {{firstName}}, de betaling van {{amount}} voor je plan bij {{merchant}} (vervaldatum {{dueDate}}) is niet gelukt. Je kunt hem hier betalen: {{link}} - {{brand}}',
    reminder: 'Hoi {{firstName}}, een herinnering van {{brand}}: de termijn van {{amount}} voor je plan bij {{merchant}} (vervaldatum {{dueDate}}) staat nog open. Betaal hier: {{link}}',
    urgent: 'Hoi {{firstName}}, de termijn van {{amount}} voor je plan bij {{merchant}} staat sinds {{dueDate}} open. Wil je vandaag betalen, of laat je even weten als je hulp nodig hebt? {{link}} - {{brand}}',
  },
  sv: {
    friendly: 'Hej {{firstName}}! Betalningen på {{amount}} för din plan hos {{merchant}} (förfallodag {{dueDate}}) gick inte igenom. Du kan betala den här: {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! En påminnelse från {{brand}}: delbetalningen på {{amount}} för din plan hos {{merchant}} (förfallodag {{dueDate}}) är fortfarande obetald. Betala här: {{link}}',
    urgent: 'Hej {{firstName}}! Delbetalningen på {{amount}} för din plan hos {{merchant}} har varit obetald sedan {{dueDate}}. Betala gärna i dag eller svara om du behöver hjälp: {{link}} - {{brand}}',
  },
  da: {
    friendly: 'Hej {{firstName}}! Betalingen på {{amount}} til din plan hos {{merchant}} (forfaldsdato {{dueDate}}) gik ikke igennem. Du kan betale den her: {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! En påmindelse fra {{brand}}: raten på {{amount}} til din plan hos {{merchant}} (forfaldsdato {{dueDate}}) er stadig ikke betalt. Betal her: {{link}}',
    urgent: 'Hej {{firstName}}! Raten på {{amount}} til din plan hos {{merchant}} har været ubetalt siden {{dueDate}}. Betal gerne i dag, eller svar, hvis du har brug for hjælp: {{link}} - {{brand}}',
  },
  pl: {
    friendly: 'Czesc {{firstName}}, platnosc {{amount}} w Twoim planie w {{merchant}} (termin {{dueDate}}) nie przeszla. Zaplac tutaj: {{link}} - {{brand}}',
    reminder: 'Czesc {{firstName}}, przypomnienie od {{brand}}: rata {{amount}} w Twoim planie w {{merchant}} (termin {{dueDate}}) jest nadal do zaplaty. Zaplac tutaj: {{link}}',
    urgent: 'Czesc {{firstName}}, rata {{amount}} w Twoim planie w {{merchant}} czeka na zaplate od {{dueDate}}. Zaplac prosze dzisiaj albo odpisz, jesli potrzebujesz pomocy: {{link}} - {{brand}}',
  },
  pt: {
    friendly: 'Ola {{firstName}}, o pagamento de {{amount}} do seu plano em {{merchant}} (prazo: {{dueDate}}) falhou. Pode pagar aqui: {{link}} - {{brand}}',
    reminder: 'Ola {{firstName}}, um lembrete de {{brand}}: o pagamento de {{amount}} do seu plano em {{merchant}} (prazo: {{dueDate}}) continua pendente. Pague aqui: {{link}}',
    urgent: 'Ola {{firstName}}, o pagamento de {{amount}} do seu plano em {{merchant}} continua em aberto desde {{dueDate}}. Por favor, pague hoje ou responda se precisar de ajuda: {{link}} - {{brand}}',
  },
};

/** The same miss when the tenant's rule moved the instalment to the end of the plan: says so, and that it can still be paid now. */
const PLAN_INSTALMENT_MOVED_TEMPLATES: Record<string, Record<Tone, string>> = {
  en: {
    friendly: "Hi {{firstName}}, the {{amount}} payment for your {{merchant}} plan (due {{dueDate}}) didn't go through, so we've moved it to the end of your plan. Want to pay it now? {{link}} - {{brand}}",
    reminder: '{{brand}} here, {{firstName}}: the {{amount}} instalment of your {{merchant}} plan (due {{dueDate}}) is now at the end of your plan. You can still pay it now: {{link}}',
    urgent: 'Hi {{firstName}}, we moved the {{amount}} instalment of your {{merchant}} plan (due {{dueDate}}) to the end of your plan. Feel free to pay it today, or reply if you need a hand: {{link}} - {{brand}}',
  },
  de: {
    friendly: 'Hallo {{firstName}}, die Rate von {{amount}} für deinen Plan bei {{merchant}} (fällig {{dueDate}}) hat nicht geklappt. Wir haben sie ans Ende deines Plans verschoben. Lieber jetzt zahlen? {{link}} - {{brand}}',
    reminder: 'Hallo {{firstName}}, hier ist {{brand}}: Die Rate von {{amount}} für deinen Plan bei {{merchant}} (fällig {{dueDate}}) steht jetzt am Ende deines Plans. Du kannst sie auch jetzt zahlen: {{link}}',
    urgent: 'Hallo {{firstName}}, wir haben die Rate von {{amount}} für deinen Plan bei {{merchant}} (fällig {{dueDate}}) ans Ende deines Plans verschoben. Zahl sie gern schon heute oder antworte, wenn du Hilfe brauchst: {{link}} - {{brand}}',
  },
  fr: {
    friendly: "Bonjour {{firstName}}, le paiement de {{amount}} de votre plan {{merchant}} (échéance {{dueDate}}) n'est pas passé : nous l'avons reporté à la fin de votre plan. Le régler maintenant ? {{link}} - {{brand}}",
    reminder: "Bonjour {{firstName}}, ici {{brand}} : l'échéance de {{amount}} de votre plan {{merchant}} ({{dueDate}}) est désormais à la fin de votre plan. Vous pouvez aussi la régler dès maintenant : {{link}}",
    urgent: "Bonjour {{firstName}}, l'échéance de {{amount}} de votre plan {{merchant}} ({{dueDate}}) a été reportée à la fin de votre plan. Vous pouvez la régler dès aujourd'hui ou nous répondre si besoin : {{link}} - {{brand}}",
  },
  es: {
    friendly: 'Hola {{firstName}}, el pago de {{amount}} de tu plan en {{merchant}} (vence {{dueDate}}) no se ha podido cobrar y lo hemos pasado al final de tu plan. ¿Prefieres pagarlo ya? {{link}} - {{brand}}',
    reminder: 'Hola {{firstName}}, te escribe {{brand}}: el pago de {{amount}} de tu plan en {{merchant}} (vencimiento {{dueDate}}) ahora va al final de tu plan. Si quieres, puedes pagarlo ya: {{link}}',
    urgent: 'Hola {{firstName}}, hemos pasado el pago de {{amount}} de tu plan en {{merchant}} (vencimiento {{dueDate}}) al final de tu plan. Puedes pagarlo hoy mismo o responder si necesitas ayuda: {{link}} - {{brand}}',
  },
  it: {
    friendly: "Ciao {{firstName}}, il pagamento di {{amount}} del tuo piano con {{merchant}} (scadenza {{dueDate}}) non è andato a buon fine: l'abbiamo spostato alla fine del piano. Vuoi pagarlo ora? {{link}} - {{brand}}",
    reminder: 'Ciao {{firstName}}, ti scrive {{brand}}: la rata di {{amount}} del tuo piano con {{merchant}} (scadenza {{dueDate}}) ora è alla fine del piano. Puoi anche pagarla subito: {{link}}',
    urgent: 'Ciao {{firstName}}, abbiamo spostato la rata di {{amount}} del tuo piano con {{merchant}} (scadenza {{dueDate}}) alla fine del piano. Puoi pagarla già oggi o rispondere se ti serve aiuto: {{link}} - {{brand}}',
  },
  nl: {
    friendly: 'Hoi {{firstName}}, de betaling van {{amount}} voor je plan bij {{merchant}} (vervaldatum {{dueDate}}) is niet gelukt. We hebben hem naar het einde van je plan verplaatst. Liever nu betalen? {{link}} - {{brand}}',
    reminder: 'Hoi {{firstName}}, met {{brand}}: de termijn van {{amount}} voor je plan bij {{merchant}} (vervaldatum {{dueDate}}) staat nu aan het einde van je plan. Je kunt hem ook nu al betalen: {{link}}',
    urgent: 'Hoi {{firstName}}, we hebben de termijn van {{amount}} voor je plan bij {{merchant}} (vervaldatum {{dueDate}}) naar het einde van je plan verplaatst. Betaal gerust vandaag al, of laat weten als je hulp nodig hebt: {{link}} - {{brand}}',
  },
  sv: {
    friendly: 'Hej {{firstName}}! Betalningen på {{amount}} för din plan hos {{merchant}} (förfallodag {{dueDate}}) gick inte igenom, så vi har flyttat den till slutet av planen. Vill du betala nu? {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! Det här är {{brand}}: delbetalningen på {{amount}} för din plan hos {{merchant}} (förfallodag {{dueDate}}) ligger nu sist i planen. Du kan också betala den nu: {{link}}',
    urgent: 'Hej {{firstName}}! Vi har flyttat delbetalningen på {{amount}} för din plan hos {{merchant}} (förfallodag {{dueDate}}) till slutet av planen. Betala gärna redan i dag eller svara om du behöver hjälp: {{link}} - {{brand}}',
  },
  da: {
    friendly: 'Hej {{firstName}}! Betalingen på {{amount}} til din plan hos {{merchant}} (forfaldsdato {{dueDate}}) gik ikke igennem, så vi har flyttet den til slutningen af planen. Vil du betale nu? {{link}} - {{brand}}',
    reminder: 'Hej {{firstName}}! Det er {{brand}}: raten på {{amount}} til din plan hos {{merchant}} (forfaldsdato {{dueDate}}) ligger nu sidst i planen. Du kan også betale den nu: {{link}}',
    urgent: 'Hej {{firstName}}! Vi har flyttet raten på {{amount}} til din plan hos {{merchant}} (forfaldsdato {{dueDate}}) til slutningen af planen. Betal gerne allerede i dag, eller svar, hvis du har brug for hjælp: {{link}} - {{brand}}',
  },
  pl: {
    friendly: 'Czesc {{firstName}}, platnosc {{amount}} w Twoim planie w {{merchant}} (termin {{dueDate}}) nie przeszla, wiec przenieslismy ja na koniec planu. Chcesz zaplacic teraz? {{link}} - {{brand}}',
    reminder: 'Czesc {{firstName}}, tu {{brand}}: rata {{amount}} w Twoim planie w {{merchant}} (termin {{dueDate}}) jest teraz na koncu planu. Mozesz ja tez zaplacic od razu: {{link}}',
    urgent: 'Czesc {{firstName}}, przenieslismy rate {{amount}} w Twoim planie w {{merchant}} (termin {{dueDate}}) na koniec planu. Mozesz zaplacic juz dzisiaj albo odpisac, jesli potrzebujesz pomocy: {{link}} - {{brand}}',
  },
  pt: {
    friendly: 'Ola {{firstName}}, o pagamento de {{amount}} do seu plano em {{merchant}} (prazo: {{dueDate}}) falhou, por isso passamos este valor para o fim do plano. Prefere pagar agora? {{link}} - {{brand}}',
    reminder: 'Ola {{firstName}}, daqui {{brand}}: o pagamento de {{amount}} do seu plano em {{merchant}} (prazo: {{dueDate}}) passou para o fim do plano. Se quiser, pode pagar agora mesmo: {{link}}',
    urgent: 'Ola {{firstName}}, passamos o pagamento de {{amount}} do seu plano em {{merchant}} (prazo: {{dueDate}}) para o fim do plano. Pode pagar hoje mesmo ou responder se precisar de ajuda: {{link}} - {{brand}}',
  },
};
/**
 * System defaults by the template name a workflow step (or the scheduler's plan reminder) gives; any other name (or none) gets the
 * reminder above. A tenant template of the same name still comes first.
 */
const NAMED_DEFAULT_TEMPLATES: Record<string, Record<string, Record<Tone, string>>> = {
  plan_offer: PLAN_OFFER_TEMPLATES,
  plan_instalment_missed: PLAN_INSTALMENT_MISSED_TEMPLATES,
  plan_instalment_moved_to_end: PLAN_INSTALMENT_MOVED_TEMPLATES,
};

/** The names with a system default of their own (besides the reminder every other name falls back to). */
export const NAMED_DEFAULTS = Object.keys(NAMED_DEFAULT_TEMPLATES);

function defaultsFor(name: string | undefined): Record<string, Record<Tone, string>> {
  return name && Object.hasOwn(NAMED_DEFAULT_TEMPLATES, name) ? NAMED_DEFAULT_TEMPLATES[name] : DEFAULT_TEMPLATES;
}

export const SHIPPED_LANGUAGES = Object.keys(DEFAULT_TEMPLATES);

export function defaultTemplate(language: string, tone: Tone, name?: string): string {
  return defaultsFor(name)[shippedLanguageFor(language)][tone];
}

/** Tenants keep no default language of their own: a missing translation falls back to their English. */
export const TENANT_DEFAULT_LANGUAGE = 'en';

/** The tenant template languages to try, in order, before the system default in the debtor's language. */
export function tenantTemplateLanguages(tag: string): string[] {
  return [...new Set([tag, tag.split('-')[0], TENANT_DEFAULT_LANGUAGE])];
}

/** A template chosen for a command (a tenant's), with the language its words are in. */
export interface TemplateChoice {
  body: string;
  language: string;
}

export type Rendered = { ok: true; text: string; size: SmsSize; language: string } | { ok: false; code: 'too_long'; reason: string };

/** Renders the reminder for one command: the given template, else the default in the debtor's language. */
export function renderReminder(command: SmsRequestedV1, maxSegments: number, template?: TemplateChoice): Rendered {
  const language = template?.language ?? shippedLanguageFor(command.language);
  const body = template?.body ?? defaultsFor(command.template)[language][command.tone];
  const best = renderBody(body, valuesFor(command, language));
  if (best.size.segments <= maxSegments) return { ok: true, ...best, language };
  return { ok: false, code: 'too_long', reason: `the ${language} ${command.tone} reminder needs more than ${maxSegments} segments` };
}

function valuesFor(command: SmsRequestedV1, language: string): TemplateValues {
  return {
    firstName: command.firstName ?? '',
    merchant: command.merchantName,
    amount: formatMoney(command.amountDue.amountMinor, command.amountDue.currency, language),
    dueDate: formatDate(command.dueDate, language),
    link: command.paymentLink.url,
    brand: command.brandName,
    // sms.requested carries no order reference (yet): a template that names one renders it empty.
    orderRef: '',
  };
}

/**
 * Fills the template, choosing the cheapest of: as is; with the values spelt in GSM-7 (one non-GSM
 * letter makes the whole SMS UCS-2, at twice the segments); with the whole text spelt in GSM-7;
 * then the same without the first name. The fewest segments wins; on a tie, the earlier.
 */
export function renderBody(body: string, values: TemplateValues): { text: string; size: SmsSize } {
  const nameless = { ...values, firstName: '' };
  let best: { text: string; size: SmsSize } | undefined;
  for (const v of [values, nameless]) {
    for (const text of [fillTemplate(body, v), fillTemplate(body, spellValues(v)), gsmSpelling(fillTemplate(body, v))]) {
      const size = measureSms(text);
      if (!best || size.segments < best.size.segments) best = { text, size };
    }
  }
  return best!;
}

/**
 * `{{name}}` → its value. An empty value takes one space before it along ("Hi {{firstName}}," reads
 * "Hi,"), and a value ending in a full stop absorbs the one after it ("15 janv." + "." → "15 janv.").
 */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(/( ?)\{\{\s*(\w+)\s*\}\}(\.?)/g, (_match, space: string, name: string, stop: string) => {
    const value = Object.hasOwn(values, name) ? values[name as TemplateVariable] : '';
    return (value ? space + value : '') + (value.endsWith('.') ? '' : stop);
  });
}

/** The exact language, else its primary subtag (de-AT → de), else English. */
export function shippedLanguageFor(tag: string): string {
  if (DEFAULT_TEMPLATES[tag]) return tag;
  const primary = tag.split('-')[0];
  return DEFAULT_TEMPLATES[primary] ? primary : 'en';
}

/** Letters and signs with no GSM-7 form and no accent to strip. */
const GSM_SPELLING: Record<string, string> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', œ: 'oe', Œ: 'OE', þ: 'th', Þ: 'Th', ð: 'd',
  '‘': "'", '’': "'", '`': "'", '´': "'", '“': '"', '”': '"', '„': '"', '‚': ',', '–': '-', '—': '-', '…': '...', '\u00a0': ' ', '\u202f': ' ',
};

/** Spells text in GSM-7 where it can: á → a, ł → l, ’ → '; characters with no spelling are kept. */
export function gsmSpelling(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isGsm7(ch)) out += ch;
    else if (GSM_SPELLING[ch]) out += GSM_SPELLING[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare && [...bare].every(isGsm7) ? bare : ch;
    }
  }
  return out;
}

function spellValues(values: TemplateValues): TemplateValues {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, gsmSpelling(v)])) as TemplateValues;
}

export function formatMoney(amountMinor: number, currency: string, language: string): string {
  const format = new Intl.NumberFormat(language, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // GSM-7 spelling: "zł" as "zl", as Polish SMS write it, and no no-break spaces.
  return gsmSpelling(format.format(amountMinor / 10 ** digits));
}

export function formatDate(isoDate: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}
