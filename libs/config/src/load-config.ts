import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigValidationError, type ConfigProblem } from './config-validation.error';

type EnvClass<T> = new () => T;

/**
 * Builds one typed, validated configuration object from the environment at start-up, and fails fast
 * with every bad variable named (immich's env.dto pattern). Unknown variables are ignored.
 */
export function loadConfig<T extends object>(envClass: EnvClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(envClass, { ...env }, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(errors.flatMap(toProblems));
  return config;
}

function toProblems(error: ValidationError): ConfigProblem[] {
  return Object.values(error.constraints ?? {}).map((rule) => ({ variable: error.property, rule: ruleText(error.property, rule) }));
}

/** class-validator messages start with the property name; keep only the rule. */
function ruleText(property: string, message: string): string {
  return message.startsWith(property) ? message.slice(property.length).trim() : message;
}

/** Masks secrets (passwords in URLs, keys) before configuration is logged. */
export function maskSecrets(value: string): string {
  return value.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
