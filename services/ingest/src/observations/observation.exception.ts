import type { RecordViolation } from './observation.types';

export enum ObservationExceptionCode {
  /** A record does not have the documented shape (missing field, wrong type, unreadable line). */
  INVALID_RECORD = 'INVALID_RECORD',
  /** A record reads fine but cannot be true; it was quarantined. */
  IMPLAUSIBLE_RECORD = 'IMPLAUSIBLE_RECORD',
  /** More records or bytes than one batch may carry. */
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
  /** The body is not in a format this endpoint reads. */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
}

/** A violation in a batch names its record: `line` is the 1-based NDJSON line (absent for single records). */
export interface LineViolation extends RecordViolation {
  line?: number;
}

/** Why ingest refused a request; mapped to HTTP by observation-exception.filter.ts. */
export class ObservationException extends Error {
  constructor(
    readonly code: ObservationExceptionCode,
    message: string,
    readonly violations: LineViolation[] = [],
    /** Quarantine ids of the implausible records, by line when in a batch. */
    readonly quarantined: Array<{ line?: number; quarantineId: string }> = [],
  ) {
    super(message);
    this.name = 'ObservationException';
  }
}

export function describeViolations(violations: readonly LineViolation[]): string {
  return violations.map((v) => `${v.line === undefined ? '' : `line ${v.line}: `}${v.field}: ${v.message}`).join('; ');
}
