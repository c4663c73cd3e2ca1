import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FieldError } from '@settle/contracts';
import { Observable, throwError } from 'rxjs';
import type { Logger } from 'pino';
import type { NextFunction, Request, Response } from 'express';

/** RFC 9457 problem details: the one error shape of every Settle HTTP API. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class ProblemException extends HttpException {
  constructor(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super({ type: `https://settle.dev/problems/${code}`, title: titleOf(status), status, detail, ...extensions }, status);
  }
}

export function sendProblem(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Kafka handlers: hand the original error back to the consumer runner, whose retry or
    // dead-letter decision depends on its class (Nest's default would turn it into a generic one).
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<Response>();
    sendProblem(res, this.toProblem(exception));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'type' in body) return body as ProblemDetails;
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message?.toString() ?? exception.message);
      return { type: `https://settle.dev/problems/http-${status}`, title: titleOf(status), status, detail };
    }
    this.logger.error({ err: exception }, 'unhandled error in HTTP handler');
    return { type: 'https://settle.dev/problems/internal', title: titleOf(500), status: 500, detail: 'An internal error occurred.' };
  }
}

/** Body-parser errors (bad JSON, too large) happen before Nest's filters run: shape them here. */
export function bodyParserProblems(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const e = err as { type?: string; status?: number; limit?: number; message?: string };
  if (e?.type === 'entity.too.large') {
    return sendProblem(res, { type: 'https://settle.dev/problems/payload-too-large', title: titleOf(413), status: 413, detail: `The body exceeds ${e.limit} bytes.` });
  }
  if (e?.type === 'entity.parse.failed') {
    return sendProblem(res, {
      type: 'https://settle.dev/problems/malformed-json', title: titleOf(400), status: 400,
      detail: 'The body is not valid JSON.', errors: [{ field: '$', problem: 'not valid JSON' }],
    });
  }
  if (e?.status && e.status >= 400 && e.status < 500) {
    return sendProblem(res, { type: `https://settle.dev/problems/http-${e.status}`, title: titleOf(e.status), status: e.status, detail: e.message });
  }
  next(err);
}

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().split('_').map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w)).join(' ') : 'Error';
}
