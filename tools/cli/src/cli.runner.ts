import { EconomicsInputError } from '@hashdesk/economics';
import type { CliCommand } from './cli-command.interface';
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
    'Exit codes: 0 ok, 2 bad input (message on stderr, nothing on stdout), 1 unexpected failure.',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const flags = { ...command.flags, ...GLOBAL_FLAGS };
  const labels = Object.entries(flags).map(([name, spec]) =>
    spec.type === 'boolean' ? `--${name}` : `--${name} ${spec.placeholder ?? '<value>'}`,
  );
  const width = Math.max(...labels.map((label) => label.length));
  return [
    `hashdesk ${command.name}: ${command.summary}`,
    '',
    `Usage: hashdesk ${command.name} ${command.usage}`,
    '',
    'Flags:',
    ...Object.values(flags).map((spec, index) => `  ${labels[index].padEnd(width)}  ${spec.description}`),
    ...(command.notes && command.notes.length > 0 ? ['', ...command.notes] : []),
  ].join('\n');
}

function flagOf(command: CliCommand, field: string): string {
  return command.flagForField?.[field] ?? kebabCase(field);
}

/** Runs one invocation and returns the exit code. Nothing reaches stdout unless the command succeeded. */
export function runCli(argv: readonly string[], commands: readonly CliCommand[], io: CliIo): number {
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
  try {
    const flags = parseFlags(rest, command.flags);
    if (flags['help'] === true) {
      io.stdout(commandHelp(command));
      return EXIT_OK;
    }
    const result = command.run(flags);
    io.stdout(flags['json'] === true ? renderJson(result.json) : (result.text ?? renderJsonAsTable(result.json)));
    return EXIT_OK;
  } catch (error) {
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
