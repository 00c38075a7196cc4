import type { RecordViolation } from './observation.types';

// The price band: a price is implausible when it is outside a symmetric log band around every one of
// its nearest neighbours in time (the closest price of the same instrument before it and after it,
// within a window, from any source). "Every", not "any": a real crash day can sit far from the day
// before but close to the day after, and a typo sits far from both. Pure: the caller finds the stored neighbours.

/**
 * ×/÷2: no two closes of the bundled 2019–2025 history within 7 days differ by more (the widest is 1.84×,
 * 2020-03-06 → 03-12), so even a series checked one-sided (pushed a day at a time) loses no real day,
 * while the errors it is for (a dropped digit 10×, cents for dollars 100×, 6,500 for 94,000) are far outside.
 */
export const DEFAULT_PRICE_BAND_RATIO = 1;
export const DEFAULT_PRICE_BAND_WINDOW_DAYS = 7;

export interface PriceBand {
  /** Accepted within [neighbour / (1 + bandRatio), neighbour × (1 + bandRatio)], edges included. */
  bandRatio: number;
  /** How far in event time a neighbour may be. */
  windowMs: number;
}

/** A price the band compares with: stored (accepted) or another record of the same batch. */
export interface PricePoint {
  /** With eventTime, the observation's identity: the same source at the same time is never its own neighbour. */
  source: string;
  eventTime: Date;
  priceUsd: number;
}

export interface PriceNeighbours {
  /** The nearest at or before the price's event time. */
  before?: PricePoint;
  /** The nearest at or after it. */
  after?: PricePoint;
}

export function withinBand(priceUsd: number, neighbourUsd: number, bandRatio: number): boolean {
  const ratio = priceUsd >= neighbourUsd ? priceUsd / neighbourUsd : neighbourUsd / priceUsd;
  return ratio <= 1 + bandRatio;
}

/** One price against its neighbours. No neighbour (first data, or a gap longer than the window): accepted. */
export function checkPriceBand(field: string, priceUsd: number, neighbours: PriceNeighbours, band: PriceBand): RecordViolation[] {
  const found = [neighbours.before, neighbours.after].filter((n): n is PricePoint => n !== undefined);
  const unique = found.filter((n, i) => found.findIndex((m) => sameIdentity(m, n)) === i);
  if (unique.length === 0 || unique.some((n) => withinBand(priceUsd, n.priceUsd, band.bandRatio))) return [];
  const factor = 1 + band.bandRatio;
  return [{
    field,
    rule: 'priceBand',
    message: `${priceUsd} USD is outside the band ×/÷${factor} (bandRatio ${band.bandRatio}) of every neighbour within ${formatWindow(band.windowMs)}: `
      + unique.map((n) => `${n.priceUsd} USD at ${n.eventTime.toISOString()} from ${n.source}`).join(', '),
  }];
}

/** A price of a batch: `key` is the instrument (e.g. the pair), `stored` its nearest accepted neighbours. */
export interface PriceCandidate extends PricePoint {
  key: string;
  stored: PriceNeighbours;
}

/**
 * Violations by candidate index for a whole batch: each price is compared with the nearest of its stored
 * neighbours and the batch's other prices, so a bad row of a backfill file is caught even on an empty
 * database. A price refused by its neighbours on both sides is an outlier; one refused by its only
 * neighbour gets a second look past the outliers, so the first row of a file is not blamed for the
 * typo after it (no neighbour left: accepted). Two lone prices that disagree are both refused. A run of
 * consecutive wrong prices agrees with itself and passes when no good price is nearer (a known limit).
 */
export function checkPriceBandBatch(candidates: readonly PriceCandidate[], field: string, band: PriceBand): Map<number, RecordViolation[]> {
  const pool = byKeyInTimeOrder(candidates);
  const firstLook = new Map<number, { violations: RecordViolation[]; bothSides: boolean }>();
  candidates.forEach((c, i) => {
    const neighbours = nearest(candidates, i, pool, band.windowMs);
    const violations = checkPriceBand(field, c.priceUsd, neighbours, band);
    const bothSides = neighbours.before !== undefined && neighbours.after !== undefined && !sameIdentity(neighbours.before, neighbours.after);
    if (violations.length > 0) firstLook.set(i, { violations, bothSides });
  });
  // Refused by both sides: an outlier. Refused by its one neighbour: look again past the outliers.
  const outliers = new Set([...firstLook].filter(([, f]) => f.bothSides).map(([i]) => i));
  const result = new Map<number, RecordViolation[]>();
  for (const [i, { violations, bothSides }] of firstLook) {
    if (bothSides || outliers.size === 0) {
      result.set(i, violations);
      continue;
    }
    const again = nearest(candidates, i, pool, band.windowMs, outliers);
    if (checkPriceBand(field, candidates[i].priceUsd, again, band).length > 0) result.set(i, violations);
  }
  return result;
}

/** Candidate indexes by instrument, in event-time order (for binary search). */
function byKeyInTimeOrder(candidates: readonly PriceCandidate[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    const indexes = byKey.get(c.key);
    if (indexes) indexes.push(i);
    else byKey.set(c.key, [i]);
  });
  for (const indexes of byKey.values()) indexes.sort((a, b) => candidates[a].eventTime.getTime() - candidates[b].eventTime.getTime());
  return byKey;
}

/** The nearer of candidate i's stored neighbour and the batch's prices (but `skip`) on each side; a tie goes to the stored one. */
function nearest(candidates: readonly PriceCandidate[], i: number, pool: Map<string, number[]>, windowMs: number, skip: ReadonlySet<number> = new Set()): PriceNeighbours {
  const self = candidates[i];
  const t = self.eventTime.getTime();
  const sorted = pool.get(self.key) ?? [];
  const timeAt = (k: number) => candidates[sorted[k]].eventTime.getTime();
  // First position whose time is > t (strict) or >= t.
  const bound = (strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timeAt(mid) < t || (strict && timeAt(mid) === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const passOver = (k: number) => skip.has(sorted[k]) || sameIdentity(candidates[sorted[k]], self);
  let b = bound(true) - 1;
  while (b >= 0 && passOver(b)) b--;
  let a = bound(false);
  while (a < sorted.length && passOver(a)) a++;
  const batchBefore = b >= 0 && t - timeAt(b) <= windowMs ? sorted[b] : undefined;
  const batchAfter = a < sorted.length && timeAt(a) - t <= windowMs ? sorted[a] : undefined;
  const { before: storedBefore, after: storedAfter } = self.stored;
  const useBatchBefore = batchBefore !== undefined && (!storedBefore || candidates[batchBefore].eventTime > storedBefore.eventTime);
  const useBatchAfter = batchAfter !== undefined && (!storedAfter || candidates[batchAfter].eventTime < storedAfter.eventTime);
  return { before: useBatchBefore ? candidates[batchBefore] : storedBefore, after: useBatchAfter ? candidates[batchAfter] : storedAfter };
}

const sameIdentity = (a: PricePoint, b: PricePoint) => a.source === b.source && a.eventTime.getTime() === b.eventTime.getTime();

function formatWindow(windowMs: number): string {
  const days = windowMs / 86_400_000;
  return Number.isInteger(days) ? `${days} day${days === 1 ? '' : 's'}` : `${windowMs / 3_600_000} hours`;
}
