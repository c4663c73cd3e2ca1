import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { hostileJson } from './hostile-json';

/** One field's problem, named by its dotted path: the one error shape for bad input. */
export interface FieldError {
  field: string;
  problem: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Validates untrusted input against a contract class. Unknown properties are stripped, never
 * stored; nested objects are validated through their declared types.
 */
export function validateAs<T extends object>(schema: new () => T, input: unknown): Validated<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '$', problem: 'must be a JSON object' }] };
  }
  // Refused before the validator walks it: some hostile shapes make class-transformer throw or
  // overflow the stack, and a throw here would stall a Kafka partition instead of dead-lettering.
  const hostile = hostileJson(input);
  if (hostile) return { ok: false, errors: [hostile] };
  const value = plainToInstance(schema, input, { enableImplicitConversion: false });
  const errors = validateSync(value, { whitelist: true, forbidUnknownValues: true });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flatten(errors) };
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const problems = Object.values(error.constraints ?? {});
    const own = problems.length > 0 ? [{ field, problem: problems.join('; ') }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function describeFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.problem}`).join('; ');
}
