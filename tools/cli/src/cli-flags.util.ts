import { parseArgs } from 'node:util';
import type { CliFlagSpecs, CliFlagValues } from './cli-command.interface';
import { CliUsageError } from './cli-usage.error';

/** Flags every command understands; main.ts handles them. */
export const GLOBAL_FLAGS: CliFlagSpecs = {
  json: { type: 'boolean', description: 'print one JSON object instead of a table' },
  help: { type: 'boolean', description: 'show this help' },
};

/**
 * Parses `argv` strictly against `specs`: unknown flags, missing or repeated values and
 * positional arguments become a `CliUsageError` naming the flag. A value may start with a
 * dash (`--difficulty -5` reaches the number rule, which names the flag), and `-h` means `--help`.
 */
export function parseFlags(argv: readonly string[], specs: CliFlagSpecs): CliFlagValues {
  const all = { ...specs, ...GLOBAL_FLAGS };
  const normalized: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] === '-h' ? '--help' : argv[i];
    if (!arg.startsWith('--')) throw new CliUsageError(arg, 'unexpected argument (flags look like --name value)', true);
    const [name, ...inline] = arg.slice(2).split('=');
    if (!Object.hasOwn(all, name)) throw new CliUsageError(name, 'unknown flag (see --help)');
    if (seen.has(name)) throw new CliUsageError(name, 'given more than once');
    seen.add(name);
    if (all[name].type === 'boolean') {
      if (inline.length > 0) throw new CliUsageError(name, 'takes no value');
      normalized.push(`--${name}`);
      continue;
    }
    let value = inline.length > 0 ? inline.join('=') : argv[i + 1];
    if (inline.length === 0) {
      if (value === undefined || (value.startsWith('--') && Object.hasOwn(all, value.slice(2).split('=')[0]))) {
        throw new CliUsageError(name, 'needs a value');
      }
      i += 1;
    }
    value = value ?? '';
    normalized.push(`--${name}=${value}`);
  }
  const options = Object.fromEntries(Object.entries(all).map(([name, spec]) => [name, { type: spec.type }]));
  try {
    return parseArgs({ args: normalized, options, strict: true, allowPositionals: false }).values as CliFlagValues;
  } catch (error) {
    // Unreachable after the checks above; kept so a parseArgs change still exits 2 with a flag name.
    const message = error instanceof Error ? error.message : String(error);
    throw new CliUsageError(/'-*([\w-]+)/.exec(message)?.[1] ?? 'arguments', message);
  }
}

export interface NumberRule {
  /** Refuse values below (or equal to, when `exclusiveMin`) this bound. */
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  readonly max?: number;
  readonly exclusiveMax?: boolean;
  readonly integer?: boolean;
}

function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (rule.min !== undefined && rule.max !== undefined) {
    return `must be ${kind} from ${rule.min}${rule.exclusiveMin ? ' (excluded)' : ''} to ${rule.max}${rule.exclusiveMax ? ' (excluded)' : ''}`;
  }
  if (rule.min !== undefined) return `must be ${kind} ${rule.exclusiveMin ? 'greater than' : 'of at least'} ${rule.min}`;
  if (rule.max !== undefined) return `must be ${kind} ${rule.exclusiveMax ? 'less than' : 'of at most'} ${rule.max}`;
  return `must be ${kind}`;
}

/** Reads an optional number flag; `undefined` when absent. Accepts `1e12`, `155.973e12`, `1_000` is refused. */
export function optionalNumberFlag(flags: CliFlagValues, name: string, rule: NumberRule = {}): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new CliUsageError(name, `needs a value (${describeRule(rule)})`);
  const value = Number(raw.trim());
  const broken =
    !Number.isFinite(value) ||
    (rule.integer && !Number.isSafeInteger(value)) ||
    (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min)) ||
    (rule.max !== undefined && (rule.exclusiveMax ? value >= rule.max : value > rule.max));
  if (broken) throw new CliUsageError(name, `${describeRule(rule)}, got '${raw}'`);
  return value;
}

/** Reads a required number flag. */
export function numberFlag(flags: CliFlagValues, name: string, rule: NumberRule = {}): number {
  const value = optionalNumberFlag(flags, name, rule);
  if (value === undefined) throw new CliUsageError(name, `is required (${describeRule(rule)})`);
  return value;
}

export function optionalStringFlag(flags: CliFlagValues, name: string): string | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new CliUsageError(name, 'needs a non-empty value');
  return raw.trim();
}

export function stringFlag(flags: CliFlagValues, name: string): string {
  const value = optionalStringFlag(flags, name);
  if (value === undefined) throw new CliUsageError(name, 'is required');
  return value;
}

/**
 * For alternatives such as `--height | --subsidy-btc`: returns the one that was given.
 * `required: false` allows none (returns undefined). Two or more is always an error.
 */
export function oneOfFlags<T extends string>(flags: CliFlagValues, names: readonly T[], required = true): T | undefined {
  const given = names.filter((name) => flags[name] !== undefined);
  const list = names.map((name) => `--${name}`).join(' or ');
  if (given.length > 1) throw new CliUsageError(given[1], `cannot be combined with --${given[0]} (give one of ${list})`);
  if (given.length === 0 && required) throw new CliUsageError(names[0], `is required (give one of ${list})`);
  return given[0];
}

/** A flag that only makes sense together with another one. */
export function requireFlagWith(flags: CliFlagValues, name: string, needed: string): void {
  if (flags[name] !== undefined && flags[needed] === undefined) throw new CliUsageError(name, `needs --${needed} as well`);
}

/** `feeShareOfReward` → `fee-share-of-reward`: the default flag for an EconomicsInputError field. */
export function kebabCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
