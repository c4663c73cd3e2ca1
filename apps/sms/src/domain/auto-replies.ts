import { measureSms, SmsSize } from './sms-encoding';
import { shippedLanguageFor } from './sms-templates';

export type AutoReply = 'opt_out_confirmation' | 'help';

/**
 * The only texts sent in answer to a reply: one confirmation of an opt-out (CTIA), and the HELP
 * text naming the brand and how to opt out. START stays the keyword in every language, as the
 * classifier knows it everywhere. GSM-7 and one segment each, even for a long brand.
 */
const AUTO_REPLIES: Record<string, Record<AutoReply, (brand: string) => string>> = {
  en: {
    opt_out_confirmation: (b) => `You're unsubscribed from ${b} texts. Reply START to resubscribe.`,
    help: (b) => `${b}: payment reminders for your purchases. Reply STOP to unsubscribe.`,
  },
  de: {
    opt_out_confirmation: (b) => `Du bist von den SMS von ${b} abgemeldet. Antworte START, um sie wieder zu erhalten.`,
    help: (b) => `${b}: Zahlungserinnerungen zu deinen Einkäufen. Antworte STOP, um dich abzumelden.`,
  },
  fr: {
    opt_out_confirmation: (b) => `Vous ne recevrez plus de SMS de ${b}. Répondez START pour vous réinscrire.`,
    help: (b) => `${b} : rappels de paiement pour vos achats. Répondez STOP pour vous désinscrire.`,
  },
  es: {
    opt_out_confirmation: (b) => `Te has dado de baja de los SMS de ${b}. Responde START para volver a recibirlos.`,
    help: (b) => `${b}: recordatorios de pago de tus compras. Responde STOP para darte de baja.`,
  },
  it: {
    opt_out_confirmation: (b) => `Non riceverai più SMS da ${b}. Rispondi START per riattivarli.`,
    help: (b) => `${b}: promemoria di pagamento per i tuoi acquisti. Rispondi STOP per non ricevere più SMS.`,
  },
  nl: {
    opt_out_confirmation: (b) => `Je bent afgemeld voor sms'jes van ${b}. Stuur START om je weer aan te melden.`,
    help: (b) => `${b}: betaalherinneringen voor je aankopen. Stuur STOP om je af te melden.`,
  },
  sv: {
    opt_out_confirmation: (b) => `Du får inte längre sms från ${b}. Svara START för att få dem igen.`,
    help: (b) => `${b}: betalningspåminnelser för dina köp. Svara STOP för att avsluta.`,
  },
  da: {
    opt_out_confirmation: (b) => `Du får ikke flere sms'er fra ${b}. Svar START for at tilmelde dig igen.`,
    help: (b) => `${b}: betalingspåmindelser om dine køb. Svar STOP for at afmelde.`,
  },
  pl: {
    opt_out_confirmation: (b) => `Wypisano Cie z SMS-ow od ${b}. Odpisz START, aby znow je otrzymywac.`,
    help: (b) => `${b}: przypomnienia o platnosciach za Twoje zakupy. Odpisz STOP, aby sie wypisac.`,
  },
  pt: {
    opt_out_confirmation: (b) => `Deixou de receber SMS de ${b}. Responda START para voltar a receber.`,
    help: (b) => `${b}: lembretes de pagamento das suas compras. Responda STOP para deixar de receber.`,
  },
};

export function autoReplyText(kind: AutoReply, language: string, brand: string): { text: string; size: SmsSize; language: string } {
  const shipped = shippedLanguageFor(language);
  const text = AUTO_REPLIES[shipped][kind](brand);
  return { text, size: measureSms(text), language: shipped };
}
