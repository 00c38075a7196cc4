/**
 * A message that can never be handled (undecodable, invalid, breaks an invariant). It goes to the
 * dead-letter topic at once instead of being retried, so it never blocks its partition.
 */
export class PoisonMessageError extends Error {
  constructor(readonly code: string, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'PoisonMessageError';
  }
}

export type FailureKind = 'poison' | 'retryable';

export function classifyFailure(error: unknown): FailureKind {
  return error instanceof PoisonMessageError ? 'poison' : 'retryable';
}

export function errorCodeOf(error: unknown): string {
  if (error instanceof PoisonMessageError) return error.code;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : (error as Error)?.name ?? 'Error';
}
