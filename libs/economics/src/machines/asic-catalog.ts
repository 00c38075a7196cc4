import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { ASIC_CATALOG } from './asic-catalog.data';
import type { AsicModelSpec } from './asic-model';

const BRANDS = /^(antminer|whatsminer|sealminer|avalonminer|avalon)\s*/;

/** Case, spaces, hyphens and "plus" for "+" do not matter: "s21xp-hyd" finds "Antminer S21 XP Hyd". */
function normalizeModelName(name: string): string {
  return name.toLowerCase().trim().replace(/\s*plus\b/g, '+').replace(/[\s_-]+/g, '');
}

/** The name without its brand, so "S19 Pro" or "M60S" is enough. */
function shortModelName(name: string): string {
  return normalizeModelName(name.toLowerCase().trim().replace(BRANDS, ''));
}

const BY_NAME = new Map(ASIC_CATALOG.map((spec) => [normalizeModelName(spec.model), spec]));
/** null marks a short name that two brands share (none today): then the brand is required. */
const BY_SHORT_NAME = new Map<string, AsicModelSpec | null>();
for (const spec of ASIC_CATALOG) {
  const short = shortModelName(spec.model);
  BY_SHORT_NAME.set(short, BY_SHORT_NAME.has(short) ? null : spec);
}

/** Every model in the catalog, in CSV order. */
export function listAsicModels(): readonly AsicModelSpec[] {
  return ASIC_CATALOG;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Up to `limit` catalog names closest to `name`: containing it first, then by edit distance. */
export function closeAsicModelNames(name: string, limit = 5): string[] {
  const wanted = shortModelName(name);
  return ASIC_CATALOG.map((spec) => {
    const candidate = normalizeModelName(spec.model);
    const short = shortModelName(spec.model);
    const contains = wanted.length > 0 && (short.includes(wanted) || wanted.includes(short));
    const distance = Math.min(editDistance(wanted, candidate), editDistance(wanted, short));
    return { model: spec.model, score: contains ? distance - 100 : distance };
  })
    .filter(({ score }) => score < Math.max(2, Math.ceil(wanted.length / 2)))
    .sort((a, b) => a.score - b.score || a.model.localeCompare(b.model))
    .slice(0, limit)
    .map(({ model }) => model);
}

/**
 * Looks a model up by name, case-insensitively (the brand may be left out when unambiguous).
 * An unknown name throws EconomicsInputError on `model`, listing the closest catalog names.
 */
export function findAsicModel(name: string): AsicModelSpec {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new EconomicsInputError('model', Code.MISSING, 'must name an ASIC model');
  }
  const found = BY_NAME.get(normalizeModelName(name)) ?? BY_SHORT_NAME.get(shortModelName(name));
  if (found) return found;
  const close = closeAsicModelNames(name);
  const hint = close.length > 0 ? `close names: ${close.join(', ')}` : `known models: ${ASIC_CATALOG.map((spec) => spec.model).join(', ')}`;
  throw new EconomicsInputError('model', Code.UNKNOWN, `unknown model '${name}' (${hint})`);
}
