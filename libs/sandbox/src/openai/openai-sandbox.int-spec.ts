import OpenAI from 'openai';
import { OpenAiSandbox } from './openai-sandbox';

// The real `openai` client against the sandbox: SSE parsing, tool calls in fragments and whole.
describe('OpenAI-compatible sandbox', () => {
  let sandbox: OpenAiSandbox;
  let client: OpenAI;

  beforeAll(async () => {
    sandbox = await OpenAiSandbox.start({ apiKey: 'sk-sandbox' });
    client = new OpenAI({ apiKey: 'sk-sandbox', baseURL: sandbox.baseURL, maxRetries: 0 });
  });
  afterAll(() => sandbox.stop());

  async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
    let text = '';
    let chunks = 0;
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined | null;
    const calls = new Map<number, { id?: string; name: string; args: string; fragments: number }>();
    for await (const chunk of stream) {
      chunks++;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      finish = choice.finish_reason ?? finish;
      text += choice.delta.content ?? '';
      for (const tc of choice.delta.tool_calls ?? []) {
        const c = calls.get(tc.index) ?? { name: '', args: '', fragments: 0 };
        if (tc.id) c.id = tc.id;
        c.name += tc.function?.name ?? '';
        if (tc.function?.arguments) {
          c.args += tc.function.arguments;
          c.fragments++;
        }
        calls.set(tc.index, c);
      }
    }
    return { text, chunks, finish, usage, calls: [...calls.values()] };
  }

  it('streams text as SSE chunks and ends with [DONE]', async () => {
    sandbox.enqueue({ text: 'Hello there, how can I help?', chunkSize: 4 });
    const r = await collect(await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } }));
    expect(r.text).toBe('Hello there, how can I help?');
    expect(r.chunks).toBeGreaterThan(7);
    expect(r.finish).toBe('stop');
    expect(r.usage?.total_tokens).toBeGreaterThan(0);
    expect(sandbox.requests.at(-1)?.authorization).toBe('Bearer sk-sandbox');
  });

  it('tool calls split across many chunks, two calls interleaved by index', async () => {
    sandbox.enqueue({
      toolCalls: [
        { name: 'propose_plan', arguments: { upfrontMinor: 2000, restDate: '2026-12-15', currency: 'EUR' } },
        { name: 'get_account_status', arguments: {} },
      ],
      toolCallMode: 'interleaved',
      chunkSize: 3,
    });
    const r = await collect(await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true }));
    expect(r.finish).toBe('tool_calls');
    expect(r.calls.map((c) => c.name)).toEqual(['propose_plan', 'get_account_status']);
    expect(JSON.parse(r.calls[0].args)).toEqual({ upfrontMinor: 2000, restDate: '2026-12-15', currency: 'EUR' });
    expect(r.calls[0].fragments).toBeGreaterThan(10);
    expect(r.calls[0].id).toMatch(/^call_/);
  });

  it('a tool call whole in one chunk', async () => {
    sandbox.enqueue({ toolCalls: [{ name: 'send_payment_link', arguments: { amountMinor: 6000, currency: 'EUR' } }], toolCallMode: 'single' });
    const r = await collect(await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true }));
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0].fragments).toBe(1);
    expect(JSON.parse(r.calls[0].args)).toEqual({ amountMinor: 6000, currency: 'EUR' });
  });

  it('answers without streaming too, and refuses a wrong key with 401', async () => {
    sandbox.enqueue({ text: 'plain' });
    const r = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(r.choices[0].message.content).toBe('plain');
    const bad = new OpenAI({ apiKey: 'wrong', baseURL: sandbox.baseURL, maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 401 });
  });

  it('scripted errors reach the client as API errors', async () => {
    sandbox.enqueue({ status: 500 });
    await expect(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true })).rejects.toMatchObject({ status: 500 });
  });
});
