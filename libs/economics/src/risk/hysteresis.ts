/*
 * A level with hysteresis, shared by the stop-loss lines and the risk service's threshold rules.
 * With r = recoveryMarginRatio:
 *   below level:  breach when value < level;   recovery when value ≥ level × (1 + r)
 *   above level:  breach when value > level;   recovery when value ≤ level × (1 − r)
 * so a breached level stays breached while the value hovers inside the band: one breach per
 * crossing, one recovery when it clears.
 */

/** Which side of the level is the bad side. */
export type HysteresisDirection = 'below' | 'above';
export type HysteresisSignal = 'breach' | 'recovery';

export interface HysteresisBand {
  readonly direction: HysteresisDirection;
  readonly level: number;
  /** The band as a ratio of the level, e.g. 0.02 (not a percent). */
  readonly recoveryMarginRatio: number;
}

/** The band edge a breached level must reach to clear. */
export function recoveryLevelOf(direction: HysteresisDirection, level: number, recoveryMarginRatio: number): number {
  return direction === 'below' ? level * (1 + recoveryMarginRatio) : level * (1 - recoveryMarginRatio);
}

/** Given whether the level is breached now and a new value, the signal the value raises, if any. */
export function hysteresisSignal(band: HysteresisBand, breached: boolean, value: number): HysteresisSignal | null {
  const { direction, level, recoveryMarginRatio } = band;
  if (!breached) {
    const crossed = direction === 'below' ? value < level : value > level;
    return crossed ? 'breach' : null;
  }
  const recoveryLevel = recoveryLevelOf(direction, level, recoveryMarginRatio);
  const cleared = direction === 'below' ? value >= recoveryLevel : value <= recoveryLevel;
  return cleared ? 'recovery' : null;
}
