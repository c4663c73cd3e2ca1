import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listen } from '../listen';

/** One scripted assistant reply. */
export interface ScriptedReply {
  /** Assistant text (streamed in pieces of `chunkSize` characters). */
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> | string; id?: string }[];
  /**
   * How tool-call arguments travel: 'fragments' (default) splits each call's JSON arguments over
   * many chunks of `chunkSize` characters, as OpenAI does; 'single' sends each call whole in one
   * chunk; 'interleaved' sends fragments of all calls alternately (indices must be honoured).
   */
  toolCallMode?: 'fragments' | 'single' | 'interleaved';
  chunkSize?: number;
  /** Answer with this HTTP status and an OpenAI-style error body instead. */
  status?: number;
  /** Milliseconds between chunks (to exercise interruption). */
  delayMs?: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  stream?: boolean;
  temperature?: number;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

export interface RecordedChatRequest {
  body: ChatRequestBody;
  authorization?: string;
  path: string;
}

export type Responder = (req: ChatRequestBody) => ScriptedReply;

/**
 * An OpenAI-compatible endpoint for tests and the demo: POST /v1/chat/completions, with
 * `stream: true` as server-sent events (`data: {chunk}` … `data: [DONE]`) or a plain JSON answer.
 * Replies are scripted (a queue, then an optional responder); tool calls stream in fragments by
 * index, or whole in one chunk, so the real `openai` client's parsing is exercised.
 */
export class OpenAiSandbox {
  readonly requests: RecordedChatRequest[] = [];
  private readonly queue: ScriptedReply[] = [];
  private responder?: Responder;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly apiKey?: string,
  ) {}

  static async start(opts: { port?: number; host?: string; apiKey?: string; responder?: Responder } = {}): Promise<OpenAiSandbox> {
    const { server, url } = await listen(opts);
    const sandbox = new OpenAiSandbox(server, url, opts.apiKey);
    sandbox.responder = opts.responder;
    server.on('request', (req, res) => {
      sandbox.handle(req, res).catch((err: unknown) => {
        if (res.headersSent) return void res.destroy();
        sendError(res, 500, err instanceof Error ? err.message : String(err), 'server_error');
      });
    });
    return sandbox;
  }

  /** The base URL to give the client (`new OpenAI({ baseURL })`). */
  get baseURL(): string {
    return `${this.url}/v1`;
  }

  /** Queue replies, answered in order; when the queue is empty the responder (if any) answers. */
  enqueue(...replies: ScriptedReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  respondWith(responder: Responder | undefined): this {
    this.responder = responder;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ object: 'list', data: [{ id: 'sandbox-model', object: 'model', owned_by: 'sandbox' }] }));
    }
    if (req.method !== 'POST' || !/\/chat\/completions$/.test(path)) return sendError(res, 404, `no route ${req.method} ${path}`, 'invalid_request_error');
    const authorization = req.headers.authorization;
    if (this.apiKey && authorization !== `Bearer ${this.apiKey}`) return sendError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: ChatRequestBody;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
    } catch {
      return sendError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
      return sendError(res, 400, "'model' and a non-empty 'messages' are required.", 'invalid_request_error');
    }
    this.requests.push({ body, authorization, path });
    const reply = this.queue.shift() ?? this.responder?.(body) ?? { text: 'OK.' };
    if (reply.status && reply.status >= 400) return sendError(res, reply.status, `scripted error ${reply.status}`, reply.status === 429 ? 'rate_limit_exceeded' : 'server_error');

    const id = `chatcmpl-${randomBytes(8).toString('hex')}`;
    const created = Math.floor(Date.now() / 1000);
    const calls = (reply.toolCalls ?? []).map((c, i) => ({
      id: c.id ?? `call_${randomBytes(6).toString('hex')}_${i}`,
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
    }));
    const usage = reply.usage ?? { prompt_tokens: estimateTokens(JSON.stringify(body.messages)), completion_tokens: estimateTokens((reply.text ?? '') + calls.map((c) => c.arguments).join('')) };
    const finish = calls.length ? 'tool_calls' : 'stop';

    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: body.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: reply.text ?? null,
                ...(calls.length ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
              },
              finish_reason: finish,
            },
          ],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        }),
      );
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const size = Math.max(1, reply.chunkSize ?? 7);
    const send = async (delta: Record<string, unknown>, finishReason: string | null = null) => {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    };
    await send({ role: 'assistant', content: '' });
    for (const piece of split(reply.text ?? '', size)) {
      if (res.destroyed) return;
      await send({ content: piece });
    }
    const mode = reply.toolCallMode ?? 'fragments';
    if (mode === 'single') {
      for (const [index, c] of calls.entries()) await send({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }] });
    } else {
      // Headers first (id, type, name, empty arguments), then the arguments in fragments.
      const pieces = calls.map((c) => split(c.arguments, size));
      if (mode === 'fragments') {
        for (const [index, c] of calls.entries()) {
          await send({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] });
          for (const p of pieces[index]) await send({ tool_calls: [{ index, function: { arguments: p } }] });
        }
      } else {
        for (const [index, c] of calls.entries()) await send({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] });
        const longest = Math.max(0, ...pieces.map((p) => p.length));
        for (let k = 0; k < longest; k++) {
          for (const [index, p] of pieces.entries()) if (p[k] !== undefined) await send({ tool_calls: [{ index, function: { arguments: p[k] } }] });
        }
      }
    }
    await send({}, finish);
    if (body.stream_options?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }
}

function split(s: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

function estimateTokens(s: string): number {
  return Math.max(1, Math.ceil(s.length / 4));
}

function sendError(res: ServerResponse, status: number, message: string, type: string, code: string | null = null): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message, type, param: null, code } }));
}
