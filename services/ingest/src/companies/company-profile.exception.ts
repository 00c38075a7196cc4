export enum CompanyProfileExceptionCode {
  /** The profile breaks the company profile format (JSON Schema rules, via the economics parser). */
  INVALID_PROFILE = 'INVALID_PROFILE',
  /** The submitted figure has no place in the profile or breaks a rule. */
  INVALID_FIGURE = 'INVALID_FIGURE',
  /** A figure was submitted for a ticker with no profile yet. */
  UNKNOWN_TICKER = 'UNKNOWN_TICKER',
}

export interface ProfileViolation {
  field: string;
  rule: string;
  message: string;
}

/** Why ingest refused a profile or a figure; mapped to HTTP by company-profile-exception.filter.ts. */
export class CompanyProfileException extends Error {
  constructor(
    readonly code: CompanyProfileExceptionCode,
    message: string,
    readonly violations: ProfileViolation[] = [],
  ) {
    super(message);
    this.name = 'CompanyProfileException';
  }
}
