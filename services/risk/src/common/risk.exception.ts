export enum RiskExceptionCode {
  UNKNOWN_COMPANY = 'UNKNOWN_COMPANY',
  INVALID_INPUT = 'INVALID_INPUT',
  MARKET_UNKNOWN = 'MARKET_UNKNOWN',
  COMPANY_NOT_SIMULABLE = 'COMPANY_NOT_SIMULABLE',
  WATCHLIST_ENTRY_NOT_FOUND = 'WATCHLIST_ENTRY_NOT_FOUND',
  STOP_LINE_NOT_FOUND = 'STOP_LINE_NOT_FOUND',
  LINE_LEVEL_UNKNOWN = 'LINE_LEVEL_UNKNOWN',
  MONTE_CARLO_BUSY = 'MONTE_CARLO_BUSY',
  EVALUATION_NOT_FOUND = 'EVALUATION_NOT_FOUND',
}

/** Raised by risk use cases; mapped to HTTP in risk-exception.filter.ts. `field` names the request field at fault. */
export class RiskException extends Error {
  constructor(readonly code: RiskExceptionCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'RiskException';
  }
}
