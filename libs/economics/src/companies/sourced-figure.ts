/** How far a figure can be trusted (data/reference/README.md §4 `source_quality`). */
export type SourceQuality = 'primary' | 'secondary' | 'low';

export const SOURCE_QUALITIES: readonly SourceQuality[] = ['primary', 'secondary', 'low'];

/**
 * One number (or date) in a company profile with its provenance.
 * `value: null` means UNKNOWN (not found), never zero: metrics that need it come back null and
 * name it in `missingInputs`.
 */
export interface SourcedFigure<T = number> {
  readonly value: T | null;
  /** The date or period the figure refers to: `2025-09-30`, `2025-09`, `2025-Q3` or `FY2025`; null when the source gives none. */
  readonly asOf: string | null;
  /** Where it comes from: a page address, a filing, or a citation. Required whenever `value` is not null. */
  readonly source: string | null;
  readonly sourceQuality?: SourceQuality | null;
  /** Definitions, caveats, derivations ("derived: …"). */
  readonly note?: string | null;
  /** When the figure became public (its source's publication date or time): point-in-time joins read this. */
  readonly knownAt?: string | null;
  /** A short quote from the source that contains the number. */
  readonly excerpt?: string | null;
}

/** `2025-09-30`, `2025-09`, `2025-Q3`, `2025`, `FY2025`: the forms `asOf` may take. */
export const AS_OF_PATTERN = /^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-Q[1-4])?|FY\d{4})$/;

/** An unknown figure: `{ value: null, asOf: null, source: null }`, with an optional note on what was searched. */
export function unknownFigure<T = number>(note?: string): SourcedFigure<T> {
  return note === undefined ? { value: null, asOf: null, source: null } : { value: null, asOf: null, source: null, note };
}
