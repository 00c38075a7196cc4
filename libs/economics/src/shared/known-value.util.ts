/*
 * A number that may be unknown, carrying WHY. Company metrics are built from profile figures that
 * are often null; a metric that needs one comes back null with the machine-readable list of missing
 * inputs, never with a made-up default. Every entry of the list is needed; an entry `a|b` is
 * satisfied by either a or b, and `a|b+c` by a, or by b and c together (see firstKnown).
 * A value that exists but means nothing (mNAV of a company holding no BTC) is null with a reason.
 */

export type Known =
  | { readonly value: number; readonly missingInputs: null; readonly reason?: undefined }
  | { readonly value: null; readonly missingInputs: readonly string[]; readonly reason?: string };

export function known(value: number): Known {
  return { value, missingInputs: null };
}

export function missing(...inputs: string[]): Known {
  return { value: null, missingInputs: inputs };
}

/** Null although every input is known: the quantity is not meaningful (division by zero holdings, …). */
export function notMeaningful(reason: string): Known {
  return { value: null, missingInputs: [], reason };
}

/** A possibly-null input named by its path (`balanceSheet.sharesOutstanding`, `market.sharePriceUsd`). */
export function input(path: string, value: number | null | undefined): Known {
  return value === null || value === undefined ? missing(path) : known(value);
}

type Values<T extends readonly Known[]> = { [K in keyof T]: number };

/**
 * `fn` of the inputs' values when all are known. Otherwise null, missing the union of the inputs'
 * missing lists (in order, no repeats), or not meaningful for the first input's reason.
 */
export function derive<const T extends readonly Known[]>(inputs: T, fn: (...values: Values<T>) => number): Known {
  for (let i = 0; i < inputs.length; i += 1) if (inputs[i].missingInputs !== null) return unknownOf(inputs);
  // all known: call without building an argument array for the common arities
  const f = fn as unknown as (...values: number[]) => number;
  const v = (i: number) => inputs[i].value as number;
  switch (inputs.length) {
    case 0: return known(f());
    case 1: return known(f(v(0)));
    case 2: return known(f(v(0), v(1)));
    case 3: return known(f(v(0), v(1), v(2)));
    case 4: return known(f(v(0), v(1), v(2), v(3)));
    case 5: return known(f(v(0), v(1), v(2), v(3), v(4)));
    default: return known(f(...inputs.map((item) => item.value as number)));
  }
}

function unknownOf(inputs: readonly Known[]): Known {
  const missingInputs: string[] = [];
  let reason: string | undefined;
  for (const item of inputs) {
    if (item.missingInputs === null) continue;
    reason ??= item.reason;
    for (const name of item.missingInputs) if (!missingInputs.includes(name)) missingInputs.push(name);
  }
  return missingInputs.length > 0 || reason === undefined ? { value: null, missingInputs } : { value: null, missingInputs, reason };
}

/** `item` when its value passes `test`; otherwise not meaningful for `reason`. Unknowns pass through. */
export function meaningfulIf(item: Known, test: (value: number) => boolean, reason: string): Known {
  return item.value !== null && !test(item.value) ? notMeaningful(reason) : item;
}

/**
 * The first known of several alternatives (a profile figure, then an assumption). When none is
 * known, the result misses ONE entry naming the alternatives, `a|b` or `a|b+c`.
 */
export function firstKnown(...alternatives: Known[]): Known {
  for (const item of alternatives) if (item.missingInputs === null) return item;
  return missing(alternatives.map((item) => (item.missingInputs as readonly string[]).join('+')).join('|'));
}

export interface KnownExplanations<K extends string> {
  /** Only the unknown entries, each with the inputs it needs. */
  readonly missingInputs: Partial<Record<K, readonly string[]>>;
  /** Only the entries that are null although their inputs are known, with the reason. */
  readonly notMeaningful: Partial<Record<K, string>>;
}

/** Why each null entry is null: the two explanation maps every result publishes. */
export function explainKnowns<K extends string>(knowns: Readonly<Record<K, Known>>): KnownExplanations<K> {
  const missingInputs: Partial<Record<K, readonly string[]>> = {};
  const notMeaningfulReasons: Partial<Record<K, string>> = {};
  for (const name in knowns) {
    const item = knowns[name];
    if (item.missingInputs === null) continue;
    if (item.missingInputs.length > 0) missingInputs[name] = item.missingInputs;
    else notMeaningfulReasons[name] = item.reason ?? 'not meaningful';
  }
  return { missingInputs, notMeaningful: notMeaningfulReasons };
}

export interface FlatKnowns<K extends string> extends KnownExplanations<K> {
  readonly values: Record<K, number | null>;
}

/** Flattens named Knowns into `{ name: value | null }` with the two explanation maps. */
export function flattenKnowns<K extends string>(knowns: Readonly<Record<K, Known>>): FlatKnowns<K> {
  const values = {} as Record<K, number | null>;
  for (const name in knowns) values[name] = knowns[name].value;
  return { values, ...explainKnowns(knowns) };
}
