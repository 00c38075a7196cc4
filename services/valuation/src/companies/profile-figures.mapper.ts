// A profile version as rows of figures, each with its provenance: the lineage a desk reads to trace a number
// to its source. Pure, unit-tested.

export const PROFILE_FIGURE_COLUMNS = [
  'ticker', 'version', 'periodEnd', 'usableFrom', 'field', 'value', 'asOf', 'knownAt', 'source', 'sourceQuality', 'excerpt', 'note',
] as const;

export interface ProfileFigureRow {
  [column: string]: string | number | boolean | null;
  ticker: string;
  version: number;
  /** The fiscal period the version describes (its end date). */
  periodEnd: string | null;
  /** When the version could first be known (the newest publication date among its figures). */
  usableFrom: string | null;
  /** Dotted path in the profile, e.g. `balanceSheet.cashUsd`, `hpcContracts[0].contractValueUsd`. */
  field: string;
  /** null: not found (the note says what was searched). */
  value: number | string | boolean | null;
  asOf: string | null;
  knownAt: string | null;
  source: string | null;
  sourceQuality: string | null;
  excerpt: string | null;
  note: string | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const scalar = (v: unknown): number | string | boolean | null => (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null);

/** `{ value, source, … }`: a sourced figure of the profile format. */
function isSourcedFigure(node: Json): boolean {
  return 'value' in node && 'source' in node;
}

/** An item of a list (a site, a contract, a convertible) that carries one source for its flat fields. */
function isSourcedRecord(node: Json): boolean {
  return typeof node.source === 'string' && !('value' in node);
}

/** Every figure of a profile version, in document order. Records in lists (sites, contracts) give a row per number. */
export function profileFigureRows(ticker: string, version: number, profile: Json): ProfileFigureRow[] {
  const period = isObject(profile.period) ? profile.period : {};
  const base = { ticker, version, periodEnd: text(period.endDate) ?? text(profile.asOf), usableFrom: text(profile.knownAt) };
  const rows: ProfileFigureRow[] = [];
  const walk = (node: unknown, path: string, record: Json | null): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}[${i}]`, null));
    if (!isObject(node)) {
      if (record && typeof node === 'number') rows.push({ ...base, field: path, value: node, ...provenance(record, record.asOf ?? record.announced ?? record.issued ?? record.start ?? record.knownAt) });
      return;
    }
    if (isSourcedFigure(node)) {
      rows.push({ ...base, field: path, value: scalar(node.value), ...provenance(node, node.asOf) });
      return;
    }
    const own = isSourcedRecord(node) ? node : record;
    // The record itself (a contract, a site, a note): one row naming it, dated when it was announced, issued or starts.
    if (own === node) rows.push({ ...base, field: path, value: recordName(node), ...provenance(node, node.asOf ?? node.announced ?? node.issued ?? node.start ?? node.knownAt) });
    for (const [key, child] of Object.entries(node)) {
      if (path === '' && (key === 'period' || key === 'schemaVersion')) continue;
      walk(child, path === '' ? key : `${path}.${key}`, own);
    }
  };
  walk(profile, '', null);
  return rows;
}

/** What a record is called: its counterparty, name or kind, with its kind or phase when known. */
function recordName(node: Json): string {
  const name = text(node.counterparty) ?? text(node.name) ?? text(node.kind) ?? 'unnamed';
  const detail = [text(node.contractType) ?? text(node.kind), text(node.phase)].filter((d): d is string => d !== null && d !== name);
  return detail.length > 0 ? `${name} (${detail.join(', ')})` : name;
}

function provenance(node: Json, asOf: unknown): Pick<ProfileFigureRow, 'asOf' | 'knownAt' | 'source' | 'sourceQuality' | 'excerpt' | 'note'> {
  return { asOf: text(asOf), knownAt: text(node.knownAt), source: text(node.source), sourceQuality: text(node.sourceQuality), excerpt: text(node.excerpt), note: text(node.note) };
}
