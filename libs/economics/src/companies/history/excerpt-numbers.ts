/**
 * Reads the numbers a source excerpt states, the way filings and releases write them: 1,426;
 * $255.4 million; 1.2 billion; $1.2B; 35.4 EH/s; (12.3) for a loss. A figure is "in its excerpt"
 * when one of those numbers, times its scale word and a unit conversion the field allows, equals it.
 */

const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3, k: 1e3,
  million: 1e6, mn: 1e6, mm: 1e6, m: 1e6,
  billion: 1e9, bn: 1e9, b: 1e9,
  trillion: 1e12,
};

// A number (with thousands separators or not, optional decimals) and an optional scale word after it.
const NUMBER = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\)?\s?(thousand|million|billion|trillion|mn|mm|bn|k|m|b)\b)?/gi;

/** Each stated number with and without its scale word (a "35.4 M" may also be 35.4 MW). */
export function numbersInText(text: string): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const bare = Number(match[1].replace(/,/g, ''));
    if (!Number.isFinite(bare)) continue;
    found.push(bare);
    const scale = match[2] ? SCALE_WORDS[match[2].toLowerCase()] : undefined;
    if (scale) found.push(bare * scale);
  }
  return found;
}

/** Conversions a field's unit allows between the excerpt's number and the stored value. */
const UNIT_FACTORS: Record<string, number[]> = {
  'USD/kWh': [1, 0.01, 0.001], // $/kWh, cents/kWh, $/MWh
  ratio: [1, 0.01], // a ratio, or a percent
  MW: [1, 1000], // MW, or GW
  'EH/s': [1, 0.001], // EH/s, or PH/s
};

/** Relative tolerance: the stored value must be the excerpt's number, not a rounding of it. */
const RELATIVE_TOLERANCE = 1e-9;

export function excerptStates(value: number, excerpt: string, unit: string, excerptScale = 1): boolean {
  const target = Math.abs(value);
  const factors = UNIT_FACTORS[unit] ?? [1];
  return numbersInText(excerpt).some((n) =>
    factors.some((f) => Math.abs(n * excerptScale * f - target) <= RELATIVE_TOLERANCE * Math.max(1, target)),
  );
}
