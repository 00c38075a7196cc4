/** Bad command-line input. main.ts prints `--flag: rule` on stderr and exits with code 2. */
export class CliUsageError extends Error {
  constructor(
    /** The flag without dashes (`'difficulty'`), or a command name for unknown commands. */
    readonly flag: string,
    readonly rule: string,
    readonly isCommand = false,
  ) {
    super(isCommand ? `${flag}: ${rule}` : `--${flag}: ${rule}`);
    this.name = 'CliUsageError';
  }
}

/** Exit codes: 0 ok, 1 unexpected failure, 2 bad input (nothing is printed on stdout). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
