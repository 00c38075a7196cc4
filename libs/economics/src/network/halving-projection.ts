import { requireFinite, requireNonNegativeInteger, requirePositive } from '../shared/validate.util';
import { TARGET_BLOCK_SPACING_SECONDS } from '../shared/units';
import { nextHalvingHeight } from './subsidy';

export interface HalvingProjectionInput {
  /** Height of the latest block. */
  height: number;
  /** Its timestamp, Unix seconds (UTC). */
  timeUnixSeconds: number;
  /** Mean seconds per block to extrapolate with (from {@link meanBlockIntervalSeconds}); default 600. */
  meanBlockIntervalSeconds?: number;
}

export interface HalvingProjection {
  halvingHeight: number;
  blocksRemaining: number;
  secondsRemaining: number;
  projectedTimeUnixSeconds: number;
  /** ISO 8601, UTC. A forecast: faster-than-600 s blocks pull it earlier. */
  projectedDateUtc: string;
}

/** When the next halving height is reached if blocks keep arriving at the given mean interval. */
export function projectNextHalving(input: HalvingProjectionInput): HalvingProjection {
  requireNonNegativeInteger('height', input.height);
  requireFinite('timeUnixSeconds', input.timeUnixSeconds);
  const intervalSeconds = requirePositive('meanBlockIntervalSeconds', input.meanBlockIntervalSeconds ?? TARGET_BLOCK_SPACING_SECONDS);
  const halvingHeight = nextHalvingHeight(input.height);
  const blocksRemaining = halvingHeight - input.height;
  const secondsRemaining = blocksRemaining * intervalSeconds;
  const projectedTimeUnixSeconds = input.timeUnixSeconds + secondsRemaining;
  return {
    halvingHeight,
    blocksRemaining,
    secondsRemaining,
    projectedTimeUnixSeconds,
    projectedDateUtc: new Date(Math.round(projectedTimeUnixSeconds * 1000)).toISOString(),
  };
}
