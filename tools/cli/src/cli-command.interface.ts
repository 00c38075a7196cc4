/**
 * The contract every `hashdesk <name>` command implements. One command per file in
 * `commands/<name>.command.ts`, registered with one line in `commands/index.ts`.
 */

/** A flag as `node:util` parseArgs sees it, plus the text `--help` prints. */
export interface CliFlagSpec {
  /** Every value is parsed as a string and converted by the `cli-flags.util` readers, so numbers get a named rule. */
  readonly type: 'string' | 'boolean';
  /** One line for `--help`: what it is, its unit, its default. */
  readonly description: string;
  /** Shown after the flag in `--help`, e.g. `<J/TH>`; defaults to `<value>` for string flags. */
  readonly placeholder?: string;
}

/** Flag name without the leading dashes, kebab-case: `'power-usd-per-kwh'`. */
export type CliFlagSpecs = Readonly<Record<string, CliFlagSpec>>;

/** What parseArgs produced: strings for string flags, booleans for boolean flags, absent when not given. */
export type CliFlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** A command's answer. `main.ts` prints `json` with `--json`, otherwise `text` (or a key/value table of `json`). */
export interface CliJsonResult {
  /** The one JSON object `--json` prints; its field names are public interface: never rename them. */
  readonly json: Readonly<Record<string, unknown>> | readonly unknown[];
  /** The human-readable rendering; build it with the `cli-output.util` helpers. */
  readonly text?: string;
}

/** Output printed byte for byte, for commands whose own `--format` picks it (e.g. a service's CSV). */
export interface CliRawResult {
  readonly raw: string;
}

export type CliResult = CliJsonResult | CliRawResult;

export interface CliCommand {
  /** The subcommand: `hashdesk <name>`. */
  readonly name: string;
  /** One line for `hashdesk --help`. */
  readonly summary: string;
  /** Usage line(s) after `hashdesk <name>`, e.g. `--height H [--json]`. */
  readonly usage: string;
  /** Flags other than `--json` and `--help`, which main adds to every command. */
  readonly flags: CliFlagSpecs;
  /**
   * Words that must follow the name (`hashdesk query <subcommand>`), each with one line for `--help`.
   * The runner checks the word and hands it to `run`; every subcommand shares `flags`.
   */
  readonly subcommands?: Readonly<Record<string, string>>;
  /** Extra lines for `--help`: assumptions, examples. */
  readonly notes?: readonly string[];
  /**
   * Maps an `EconomicsInputError.field` to the flag the user typed, when they differ
   * (e.g. `{ feeShareOfReward: 'fee-share' }`). Unmapped fields become kebab-case flags.
   */
  readonly flagForField?: Readonly<Record<string, string>>;
  /**
   * Pure apart from reading flags: throw `CliUsageError` (or let `EconomicsInputError` through) on bad input.
   * Commands that talk to a service return a promise and throw `CliFailureError` when it fails.
   */
  run(flags: CliFlagValues, subcommand?: string): CliResult | Promise<CliResult>;
}
