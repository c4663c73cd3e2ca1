import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { ProblemDto, PROBLEM_SCHEMA } from './api.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: every invalid field is named in `errors`.',
  401: 'No API key, an unknown or a revoked one.',
  403: 'The API key lacks the scope.',
  404: 'Not found — also for an id that belongs to another tenant.',
  409: 'The transition is not allowed from the case’s current status.',
  415: 'The body is not application/json.',
  429: 'Too many requests; see Retry-After.',
  502: 'The case service answered with an error.',
  503: 'The case service is unreachable.',
  504: 'The case service did not answer in time.',
};

/** RFC 9457 problem+json answers of an operation. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
        ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } } : {}),
      }),
    ),
  );
}

/** An operation of the public API: a tenant API key with these scopes. */
export function ApiKeyAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth('apiKey'));
}
