import type { AcceptedObservation, RecordViolation } from './observation.types';

/**
 * Physical and economic plausibility, separate from the shape checks of the DTOs: a record that
 * reads fine but cannot be true (a price of zero, a zero difficulty, a time in the future, a chain
 * that shrinks) is refused and quarantined with these reasons. Pure: the clock comes from the caller.
 */
export const PLAUSIBLE = {
  /** Observations more than this ahead of the clock are refused (clock-skew allowance). */
  maxFutureSkewMs: 5 * 60_000,
  /** The genesis block: nothing about Bitcoin is older. */
  earliestEventTime: new Date('2009-01-03T18:15:05Z'),
  maxPriceUsd: 10_000_000,
  maxHeight: 10_000_000,
  /** Difficulty 1 is the protocol minimum. */
  minDifficulty: 1,
  /** About 7,000 times the difficulty of 2025 (≈1.5e14): anything above is a unit or typing error (1e308 was accepted). */
  maxDifficulty: 1e18,
  /** 21M BTC in satoshis: no block can carry more fees. */
  maxFeesPerBlockSats: 21_000_000 * 100_000_000,
  /** No listed miner's share has traded near this. */
  maxEquityPriceUsd: 100_000,
  /** ERCOT's offer cap is 5 USD/kWh and its floor about −0.25; a retail tariff is never negative. */
  minWholesalePowerUsdPerKwh: -1,
  maxPowerUsdPerKwh: 10,
} as const;

export function checkPlausibility(observation: AcceptedObservation, now: Date): RecordViolation[] {
  const violations: RecordViolation[] = [];
  const eventTime = observation.eventTime.getTime();
  if (eventTime > now.getTime() + PLAUSIBLE.maxFutureSkewMs) {
    violations.push({ field: 'observedAt', rule: 'notInFuture', message: 'must not be more than 5 minutes in the future' });
  } else if (eventTime < PLAUSIBLE.earliestEventTime.getTime()) {
    violations.push({ field: 'observedAt', rule: 'notBeforeGenesis', message: 'must not be before the genesis block (2009-01-03T18:15:05Z)' });
  }
  if (observation.kind === 'btc-price') {
    if (!(observation.priceUsd > 0)) {
      violations.push({ field: 'priceUsd', rule: 'isPositive', message: 'must be greater than 0' });
    } else if (observation.priceUsd > PLAUSIBLE.maxPriceUsd) {
      violations.push({ field: 'priceUsd', rule: 'max', message: 'must be at most 10,000,000 USD (implausible price)' });
    }
    return violations;
  }
  if (observation.kind === 'equity-quote') {
    if (!(observation.priceUsd > 0) || observation.priceUsd > PLAUSIBLE.maxEquityPriceUsd) {
      violations.push({ field: 'priceUsd', rule: 'range', message: 'must be greater than 0 and at most 100,000 USD' });
    }
    return violations;
  }
  if (observation.kind === 'power-price') {
    const min = observation.marketType === 'wholesale' ? PLAUSIBLE.minWholesalePowerUsdPerKwh : 0;
    if (!(observation.powerUsdPerKwh >= min) || observation.powerUsdPerKwh > PLAUSIBLE.maxPowerUsdPerKwh) {
      violations.push({ field: 'powerUsdPerKwh', rule: 'range', message: `must be between ${min} and 10 USD/kWh for a ${observation.marketType} price (a $/MWh figure mistaken for $/kWh?)` });
    }
    return violations;
  }
  if (!(observation.difficulty >= PLAUSIBLE.minDifficulty)) {
    violations.push({
      field: 'difficulty',
      rule: observation.difficulty > 0 ? 'min' : 'isPositive',
      message: observation.difficulty > 0 ? 'must be at least 1 (the protocol minimum)' : 'must be greater than 0',
    });
  } else if (observation.difficulty > PLAUSIBLE.maxDifficulty) {
    violations.push({ field: 'difficulty', rule: 'max', message: 'must be at most 1e18 (about 7,000 times the 2025 difficulty; implausible)' });
  }
  if (!(observation.height >= 0) || observation.height > PLAUSIBLE.maxHeight) {
    violations.push({ field: 'height', rule: 'range', message: 'must be between 0 and 10,000,000' });
  }
  if (!(observation.feesPerBlockSats >= 0) || observation.feesPerBlockSats > PLAUSIBLE.maxFeesPerBlockSats) {
    violations.push({ field: 'feesPerBlockSats', rule: 'range', message: 'must be between 0 and 21,000,000 BTC in satoshis' });
  }
  return violations;
}

/** The heights of the same source's snapshots just before and just after this one in event time. */
export interface HeightNeighbours {
  previous?: { height: number; eventTime: Date };
  next?: { height: number; eventTime: Date };
}

/** A source's chain never shrinks: a later snapshot may not have a lower height than an earlier one. */
export function checkHeightOrder(height: number, neighbours: HeightNeighbours): RecordViolation[] {
  const { previous, next } = neighbours;
  if (previous && height < previous.height) {
    return [{
      field: 'height',
      rule: 'heightNotBackwards',
      message: `must not be lower than height ${previous.height} reported by the same source at ${previous.eventTime.toISOString()}`,
    }];
  }
  if (next && height > next.height) {
    return [{
      field: 'height',
      rule: 'heightNotBackwards',
      message: `must not be higher than height ${next.height} reported by the same source later, at ${next.eventTime.toISOString()}`,
    }];
  }
  return [];
}
