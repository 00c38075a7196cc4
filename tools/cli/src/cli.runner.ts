import { EconomicsInputError } from '@hashdesk/economics';
import type { CliCommand, CliResult } from './cli-command.interface';
import { CliFailureError } from './cli-failure.error';
import { GLOBAL_FLAGS, kebabCase, parseFlags } from './cli-flags.util';
import { renderJson, renderJsonAsTable } from './cli-output.util';
import { CliUsageError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-usage.error';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function globalHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'hashdesk: Bitcoin-mining economics from the terminal',
    '',
    'Usage: hashdesk <command> [flags] [--json]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `hashdesk <command> --help` for its flags. Numbers accept 1e12-style exponents.',
    'Exit codes: 0 ok, 2 bad input (message on stderr, nothing on stdout), 1 failure (a service unreachable',
    'or answering with an HTTP error, or an unexpected error).',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const flags = { ...command.flags, ...GLOBAL_FLAGS };
  const labels = Object.entries(flags).map(([name, spec]) =>
    spec.type === 'boolean' ? `--${name}` : `--${name} ${spec.placeholder ?? '<value>'}`,
  );
  const width = Math.max(...labels.map((label) => label.length));
  const subcommands = Object.entries(command.subcommands ?? {});
  const subWidth = Math.max(0, ...subcommands.map(([name]) => name.length));
  return [
    `hashdesk ${command.name}: ${command.summary}`,
    '',
    `Usage: hashdesk ${command.name} ${command.usage}`,
    ...(subcommands.length > 0 ? ['', 'Subcommands:', ...subcommands.map(([name, summary]) => `  ${name.padEnd(subWidth)}  ${summary}`)] : []),
    '',
    'Flags:',
    ...Object.values(flags).map((spec, index) => `  ${labels[index].padEnd(width)}  ${spec.description}`),
    ...(command.notes && command.notes.length > 0 ? ['', ...command.notes] : []),
  ].join('\n');
}

function flagOf(command: CliCommand, field: string): string {
  return command.flagForField?.[field] ?? kebabCase(field);
}

/** Splits `<subcommand> --flags…` for commands that have subcommands; `--help` alone needs none. */
function splitSubcommand(command: CliCommand, rest: readonly string[]): { subcommand?: string; flagArgs: readonly string[] } {
  if (!command.subcommands) return { flagArgs: rest };
  const [word, ...flagArgs] = rest;
  const known = Object.keys(command.subcommands);
  if (word === undefined || word.startsWith('-')) {
    if (rest.includes('--help') || rest.includes('-h')) return { flagArgs: rest };
    throw new CliUsageError(command.name, `missing subcommand (one of ${known.join(', ')}; see hashdesk ${command.name} --help)`, true);
  }
  if (!known.includes(word)) throw new CliUsageError(`${command.name} ${word}`, `unknown subcommand (one of ${known.join(', ')})`, true);
  return { subcommand: word, flagArgs };
}

function print(result: CliResult, asJson: boolean, io: CliIo): void {
  // io.stdout adds one line feed: a raw text ending in CRLF (CSV) keeps its CR, so its last line still ends in CRLF.
  if ('raw' in result) io.stdout(result.raw.endsWith('\n') ? result.raw.slice(0, -1) : result.raw);
  else io.stdout(asJson ? renderJson(result.json) : (result.text ?? renderJsonAsTable(result.json)));
}

/** Runs one invocation and resolves to the exit code. Nothing reaches stdout unless the command succeeded. */
export async function runCli(argv: readonly string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`command: missing (one of ${commands.map((c) => c.name).join(', ')})\n\n${globalHelp(commands)}`);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(globalHelp(commands));
    return EXIT_OK;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`${name}: unknown command (one of ${commands.map((c) => c.name).join(', ')}; see hashdesk --help)`);
    return EXIT_USAGE;
  }
  let invoked = name;
  try {
    const { subcommand, flagArgs } = splitSubcommand(command, rest);
    if (subcommand !== undefined) invoked = `${name} ${subcommand}`;
    const flags = parseFlags(flagArgs, command.flags);
    if (flags['help'] === true) {
      io.stdout(commandHelp(command));
      return EXIT_OK;
    }
    print(await command.run(flags, subcommand), flags['json'] === true, io);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CliFailureError) {
      io.stderr(`hashdesk ${invoked}: ${error.message}`);
      return EXIT_FAILURE;
    }
    if (error instanceof CliUsageError) {
      io.stderr(error.message);
      return EXIT_USAGE;
    }
    if (error instanceof EconomicsInputError) {
      io.stderr(`--${flagOf(command, error.field)}: ${error.rule}`);
      return EXIT_USAGE;
    }
    io.stderr(`hashdesk ${name}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_FAILURE;
  }
}
