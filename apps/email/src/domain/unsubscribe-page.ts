import { COPY } from './email-copy';
import { shippedLanguageFor } from './email-templates';
import { escapeHtml as e } from './html';

const STYLE =
  "body{margin:0;padding:48px 16px;background:#f3f4f6;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2937}" +
  'main{max-width:480px;margin:0 auto;background:#fff;border-radius:12px;padding:32px}h1{margin:0 0 16px;font-size:22px}p{font-size:16px;line-height:24px}' +
  'button{margin-top:8px;padding:12px 28px;border:0;border-radius:8px;background:#2453d6;color:#fff;font-size:16px;font-weight:700;cursor:pointer}';

/**
 * The page behind the visible unsubscribe link. Opening it changes nothing (mail scanners follow
 * links); its button POSTs the same one-click body a mailbox provider sends (RFC 8058) to the
 * page's own address, which holds the token.
 */
export function unsubscribeConfirmPage(language: string, brand: string): string {
  const copy = COPY[shippedLanguageFor(language)];
  return page(language, copy.page.title, `<p>${e(copy.page.question(brand))}</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${e(copy.page.button)}</button>
</form>`);
}

export function unsubscribedPage(language: string): string {
  const copy = COPY[shippedLanguageFor(language)];
  return page(language, copy.page.title, `<p>${e(copy.page.done)}</p>`);
}

function page(language: string, title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="${e(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${e(title)}</h1>
${content}
</main>
</body>
</html>
`;
}
