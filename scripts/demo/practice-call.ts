// A practice call on the voice service's talk page (/talk): the AI agent, with the offline engine,
// holds a conversation over HTTP exactly as the page does — opening with the AI disclosure,
// verification, "part now, the rest later", the link, the payment heard mid-call. The page's tools
// have no side effects, so the demo's portfolio is untouched.

interface Turn {
  say: string[];
  next: 'listen' | 'transfer' | 'end';
  outcome?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
}

export interface PracticeCall {
  lines: { speaker: 'agent' | 'debtor' | 'event'; text: string }[];
  tools: string[];
  outcome?: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 201) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Holds the call; `today` is Settle's date (the rest is promised 20 days later). */
export async function practiceCall(voiceUrl: string, today: Date): Promise<PracticeCall> {
  const call: PracticeCall = { lines: [], tools: [] };
  const heard = (turn: Turn | null) => {
    if (!turn) return;
    for (const text of turn.say) call.lines.push({ speaker: 'agent', text });
    for (const t of turn.toolCalls ?? []) call.tools.push(t.name);
    if (turn.outcome) call.outcome = turn.outcome;
  };
  const { sessionId, turn } = await post<{ sessionId: string; turn: Turn }>(`${voiceUrl}/talk/sessions`, { language: 'en', jurisdiction: 'GB' });
  heard(turn);
  const later = new Date(today.getTime() + 20 * 86_400_000);
  const debtor = ['Yes, speaking.', '12 March 1990', `I can pay 20 now and the rest on ${later.getUTCDate()} ${MONTHS[later.getUTCMonth()]}.`, 'Yes, that works.'];
  for (const text of debtor) {
    call.lines.push({ speaker: 'debtor', text });
    heard(await post<Turn>(`${voiceUrl}/talk/sessions/${sessionId}/say`, { text }));
  }
  for (const kind of ['link_clicked', 'payment_received'] as const) {
    call.lines.push({ speaker: 'event', text: kind === 'link_clicked' ? '(the debtor opens the link)' : '(the payment lands)' });
    heard((await post<{ turn: Turn | null }>(`${voiceUrl}/talk/sessions/${sessionId}/events`, { kind })).turn);
  }
  return call;
}
