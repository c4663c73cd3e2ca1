import { COPY } from './email-copy';
import { SHIPPED_LANGUAGES } from './email-templates';
import { unsubscribeConfirmPage, unsubscribedPage } from './unsubscribe-page';

describe('unsubscribe pages', () => {
  it.each(SHIPPED_LANGUAGES)('%s: the confirmation asks, and its button POSTs the RFC 8058 one-click body to the same address', (language) => {
    const html = unsubscribeConfirmPage(language, 'Acme Pay');
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain('<form method="post">');
    expect(html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(html).toContain(COPY[language].page.button);
    expect(html).toContain('Acme Pay');
    expect(unsubscribedPage(language)).toContain(COPY[language].page.done.replace(/'/g, '&#39;'));
  });

  it('escapes the brand and falls back to English', () => {
    const html = unsubscribeConfirmPage('ja', '<script>x</script>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain(COPY.en.page.button);
  });
});
