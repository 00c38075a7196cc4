/** Why an input was refused: the rule it broke, as a stable code. */
export enum EconomicsInputErrorCode {
  NOT_FINITE = 'NOT_FINITE',
  NOT_POSITIVE = 'NOT_POSITIVE',
  NEGATIVE = 'NEGATIVE',
  NOT_INTEGER = 'NOT_INTEGER',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  UNKNOWN = 'UNKNOWN',
  MISSING = 'MISSING',
  CONFLICT = 'CONFLICT',
}

/** An input that breaks a rule. `field` names the input exactly as the caller passed it. */
export class EconomicsInputError extends Error {
  constructor(
    readonly field: string,
    readonly code: EconomicsInputErrorCode,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'EconomicsInputError';
  }
}
