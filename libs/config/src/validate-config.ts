import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: { setting: string; problem: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.setting}: ${p.problem}`).join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * The one config loader: turns the environment into a validated, typed config object or stops
 * with a message naming every bad setting. Given to `ConfigModule.forRoot({ validate })`.
 */
export function validateConfig<T extends object>(schema: new () => T, env: Record<string, unknown>): T {
  const config = plainToInstance(schema, env, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(errors.map(describe));
  }
  return config;
}

function describe(error: ValidationError): { setting: string; problem: string } {
  const messages = Object.values(error.constraints ?? {});
  return { setting: error.property, problem: messages.join(', ') || 'invalid' };
}
