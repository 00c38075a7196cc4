/**
 * An expected failure outside the user's input, e.g. a service that cannot be reached or answers
 * with an HTTP error. main.ts prints the message alone (no stack) on stderr and exits with code 1.
 */
export class CliFailureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailureError';
  }
}
