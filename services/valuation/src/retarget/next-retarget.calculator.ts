import { EconomicsInputError, nextRetargetHeight, projectRetarget } from '@hashdesk/economics';

const RETARGET_INTERVAL_BLOCKS = 2016;

/** A network snapshot's position: what the pace of a difficulty period is measured between. */
export interface SnapshotPosition {
  height: number;
  difficulty: number;
  eventTime: Date;
}

export interface NextRetarget {
  retargetHeight: number;
  blocksRemaining: number;
  meanBlockIntervalSeconds: number;
  projectedAt: Date;
  projectedDifficulty: number;
  difficultyChangePct: number;
}

/** First height of the difficulty period `height` is in. */
export const periodStartHeight = (height: number): number => Math.floor(height / RETARGET_INTERVAL_BLOCKS) * RETARGET_INTERVAL_BLOCKS;

/**
 * Pure: the next retarget if the pace between the period's reference snapshot (its earliest known) and
 * the current one holds for the whole period (economics projectRetarget). Undefined when the two do not
 * measure a pace: another period, no blocks or no time between them, or the current one at the period's
 * first block.
 */
export function projectNextRetarget(current: SnapshotPosition, reference: SnapshotPosition): NextRetarget | undefined {
  const periodStart = periodStartHeight(current.height);
  const blocks = current.height - reference.height;
  const seconds = (current.eventTime.getTime() - reference.eventTime.getTime()) / 1000;
  if (reference.height < periodStart || blocks <= 0 || seconds <= 0 || current.height === periodStart) return undefined;
  try {
    const meanInterval = seconds / blocks;
    const projection = projectRetarget({
      difficulty: current.difficulty,
      blocksFoundInEpoch: current.height - periodStart + 1,
      secondsSinceEpochFirstBlock: meanInterval * (current.height - periodStart),
    });
    const retargetHeight = nextRetargetHeight(current.height);
    const blocksRemaining = retargetHeight - current.height;
    return {
      retargetHeight,
      blocksRemaining,
      meanBlockIntervalSeconds: projection.meanBlockIntervalSeconds,
      projectedAt: new Date(current.eventTime.getTime() + blocksRemaining * projection.meanBlockIntervalSeconds * 1000),
      projectedDifficulty: projection.nextDifficulty,
      difficultyChangePct: projection.changePct,
    };
  } catch (error) {
    if (error instanceof EconomicsInputError) return undefined;
    throw error;
  }
}
