import { Body, CanActivate, Controller, Get, HttpCode, Injectable, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ProblemException } from '@settle/service-kit';
import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentTurn } from '../conversation';
import { TALK_LANGUAGES, TalkSessions } from './talk-sessions';

const ASSETS = join(__dirname, 'assets');
const PAGE = readFileSync(join(ASSETS, 'talk.html'), 'utf8');
const SCRIPT = readFileSync(join(ASSETS, 'talk.js'), 'utf8');
const STYLE = readFileSync(join(ASSETS, 'talk.css'), 'utf8');

/** Strict: only this origin's own script, style and fetch/EventSource; no inline code, no frames. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function secure(res: Response): Response {
  return res
    .set('content-security-policy', CSP)
    .set('x-content-type-options', 'nosniff')
    .set('referrer-policy', 'no-referrer')
    .set('permissions-policy', 'microphone=(self), camera=(), geolocation=()')
    .set('cache-control', 'no-store');
}

/** VOICE_TALK_PAGE=off: every /talk route answers 404. */
@Injectable()
class TalkPageEnabled implements CanActivate {
  constructor(private readonly talks: TalkSessions) {}
  canActivate(): boolean {
    if (!this.talks.enabled) throw new ProblemException(404, 'not-found', 'The talk page is switched off (VOICE_TALK_PAGE=off).');
    return true;
  }
}

/**
 * The "try it yourself" page: a person talks to the agent by text (or microphone where the browser
 * has speech recognition) and watches its tool calls and the session's events live (SSE).
 */
@Controller('talk')
@UseGuards(TalkPageEnabled)
export class TalkController {
  constructor(private readonly talks: TalkSessions) {}

  @Get()
  page(@Res() res: Response): void {
    secure(res).type('html').send(PAGE);
  }

  @Get('app.js')
  script(@Res() res: Response): void {
    secure(res).type('application/javascript').send(SCRIPT);
  }

  @Get('app.css')
  style(@Res() res: Response): void {
    secure(res).type('text/css').send(STYLE);
  }

  @Post('sessions')
  @HttpCode(201)
  async create(@Body() body: unknown): Promise<{ sessionId: string; engine: string; turn: AgentTurn }> {
    const b = (body ?? {}) as Record<string, unknown>;
    const language = b.language ?? 'en';
    const jurisdiction = b.jurisdiction ?? 'GB';
    const errors: { field: string; problem: string }[] = [];
    if (typeof language !== 'string' || !TALK_LANGUAGES.includes(language)) errors.push({ field: 'language', problem: `must be one of ${TALK_LANGUAGES.join(', ')}` });
    if (typeof jurisdiction !== 'string' || !/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(jurisdiction)) errors.push({ field: 'jurisdiction', problem: 'must be an ISO 3166 code such as DE or US-NY' });
    if (errors.length) throw new ProblemException(400, 'validation', errors.map((e) => `${e.field} ${e.problem}`).join('; '), { errors });
    const { id, turn } = await this.talks.create(language as string, jurisdiction as string);
    return { sessionId: id, engine: this.talks.engineKind, turn };
  }

  @Post('sessions/:id/say')
  async say(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown): Promise<AgentTurn> {
    const text = (body as Record<string, unknown> | undefined)?.text;
    if (typeof text !== 'string' || !text.trim() || text.length > 500) {
      throw new ProblemException(400, 'validation', 'text must be 1–500 characters.', { errors: [{ field: 'text', problem: 'must be 1–500 characters' }] });
    }
    return this.talks.say(this.session(id), text.trim());
  }

  @Post('sessions/:id/events')
  async event(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown): Promise<{ turn: AgentTurn | null }> {
    const kind = (body as Record<string, unknown> | undefined)?.kind;
    if (kind !== 'link_clicked' && kind !== 'payment_received' && kind !== 'answering_machine') {
      throw new ProblemException(400, 'validation', 'kind must be link_clicked, payment_received or answering_machine.', { errors: [{ field: 'kind', problem: 'must be link_clicked, payment_received or answering_machine' }] });
    }
    const turn = await this.talks.event(this.session(id), kind);
    if (turn === 'no_link') throw new ProblemException(409, 'no-link', 'No payment link has been sent in this call yet.');
    return { turn: turn ?? null };
  }

  @Post('sessions/:id/interrupt')
  @HttpCode(204)
  interrupt(@Param('id', new ParseUUIDPipe()) id: string): void {
    this.session(id).session.interrupt();
  }

  @Get('sessions/:id/stream')
  stream(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request, @Res() res: Response): void {
    const s = this.session(id);
    secure(res).status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    const unsubscribe = this.talks.subscribe(s, (e) => res.write(`event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  private session(id: string) {
    const s = this.talks.get(id);
    if (!s) throw new ProblemException(404, 'not-found', 'No practice call has this id (it may have expired).');
    return s;
  }
}
