import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFinite, requireNonNegativeInteger } from '../shared/validate.util';

export interface BlockTimeWindow {
  /** Height and header timestamp (Unix seconds, UTC) of the first block of the window. */
  fromHeight: number;
  fromTimeUnixSeconds: number;
  /** Height and timestamp of the last block of the window; later than the first. */
  toHeight: number;
  toTimeUnixSeconds: number;
}

/**
 * Mean seconds between blocks over a window of recent blocks: (t_to − t_from) / (h_to − h_from).
 * The window spans h_to − h_from intervals, not h_to − h_from + 1 blocks' worth.
 */
export function meanBlockIntervalSeconds(window: BlockTimeWindow): number {
  requireNonNegativeInteger('fromHeight', window.fromHeight);
  requireNonNegativeInteger('toHeight', window.toHeight);
  requireFinite('fromTimeUnixSeconds', window.fromTimeUnixSeconds);
  requireFinite('toTimeUnixSeconds', window.toTimeUnixSeconds);
  if (window.toHeight <= window.fromHeight) {
    throw new EconomicsInputError('toHeight', Code.OUT_OF_RANGE, 'must be greater than fromHeight');
  }
  if (window.toTimeUnixSeconds <= window.fromTimeUnixSeconds) {
    throw new EconomicsInputError('toTimeUnixSeconds', Code.OUT_OF_RANGE, 'must be later than fromTimeUnixSeconds');
  }
  return (window.toTimeUnixSeconds - window.fromTimeUnixSeconds) / (window.toHeight - window.fromHeight);
}
