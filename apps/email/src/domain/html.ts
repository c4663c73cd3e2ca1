const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/** Collapses line breaks and runs of whitespace: a variable must never start a new header or paragraph. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
