/** How far a catalog row can be trusted (data/reference/README.md §3). */
export type SpecConfidence = 'high' | 'medium' | 'low';

/** One ASIC model's nameplate specification, with its attribution. */
export interface AsicModelSpec {
  model: string;
  manufacturer: string;
  hashrateThs: number;
  /** At the wall, W. */
  powerW: number;
  /** J/TH = W per TH/s, as published (may be rounded; powerW / hashrateThs is within 3 %). */
  efficiencyJth: number;
  /** First availability, approximate; null when not found. */
  releaseYear: number | null;
  confidence: SpecConfidence;
  /** Where the numbers come from: page addresses or GitHub owner/repo paths. */
  source: string;
  notes: string;
}
