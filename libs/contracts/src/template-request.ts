import { UUID_PATTERN } from './events/common';
import type { FieldError } from './validation';

/*
 * The checks the channels' template endpoints (sms and email: save, preview) share, so both answer
 * bad input with the same field errors.
 */

/** A JSON body as an object of fields; anything else reads as no fields (each required one is then named missing). */
export function requestFields(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

export function tenantIdErrors(tenantId: string): FieldError[] {
  return UUID_PATTERN.test(tenantId) ? [] : [{ field: 'tenantId', problem: 'must be a UUID' }];
}

/** A preview's sample values: an object whose keys are the template's variables and whose values are text. */
export function templateSampleErrors(sample: unknown, variables: readonly string[]): FieldError[] {
  if (sample === undefined) return [];
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) return [{ field: 'sample', problem: 'must be an object of variable values' }];
  return Object.entries(sample).flatMap(([key, value]): FieldError[] => {
    if (!variables.includes(key)) return [{ field: `sample.${key}`, problem: `is not a template variable; known: ${variables.join(', ')}` }];
    return typeof value === 'string' ? [] : [{ field: `sample.${key}`, problem: 'must be a string' }];
  });
}
