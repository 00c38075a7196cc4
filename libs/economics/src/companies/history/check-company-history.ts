import { excerptStates } from './excerpt-numbers';
import { COST_DEFINITIONS, HISTORY_FIELDS } from './history-fields';

/** One thing wrong with a history file: where (a JSON path) and which rule. */
export interface HistoryProblem {
  path: string;
  rule: string;
}

const MAX_EXCERPT_CHARS = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AS_OF = /^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}-Q[1-4]|\d{4}|FY\d{4})$/;

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A date that exists (2015-02-30 does not). */
export function isRealDate(text: unknown): text is string {
  if (typeof text !== 'string' || !DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** First day an as-of label covers (2022-Q2 → 2022-04-01), for the rule "not published before its period began". */
export function asOfStart(asOf: string): string | undefined {
  if (DATE.test(asOf)) return asOf;
  if (/^\d{4}-\d{2}$/.test(asOf)) return `${asOf}-01`;
  const q = /^(\d{4})-Q([1-4])$/.exec(asOf);
  if (q) return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  const y = /^(?:FY)?(\d{4})$/.exec(asOf);
  return y ? `${Number(y[1]) - 1}-01-01` : undefined; // a fiscal year may start in the year before
}

/** Checks provenance common to every record: a real source, its publication date, a short excerpt. */
function checkProvenance(record: Json, path: string, problems: HistoryProblem[]): void {
  if (typeof record.source !== 'string' || !/^https?:\/\/\S+$/.test(record.source)) problems.push({ path: `${path}.source`, rule: 'must be the http(s) URL that was read' });
  if (!isRealDate(record.knownAt)) problems.push({ path: `${path}.knownAt`, rule: 'must be the publication date YYYY-MM-DD' });
  if (record.sourceQuality !== 'primary' && record.sourceQuality !== 'secondary') problems.push({ path: `${path}.sourceQuality`, rule: 'must be primary or secondary' });
  if (typeof record.excerpt !== 'string' || record.excerpt.trim() === '') problems.push({ path: `${path}.excerpt`, rule: 'must quote the source' });
  else if ([...record.excerpt].length > MAX_EXCERPT_CHARS) problems.push({ path: `${path}.excerpt`, rule: `must be at most ${MAX_EXCERPT_CHARS} characters` });
  if (record.excerptScale != null && record.excerptScale !== 1000 && record.excerptScale !== 1_000_000) problems.push({ path: `${path}.excerptScale`, rule: 'must be 1000 or 1000000 (a table "in thousands" / "in millions")' });
}

/** Every number of a record must be stated in its excerpt. */
function checkNumbersInExcerpt(record: Json, path: string, keys: Array<[string, string]>, problems: HistoryProblem[]): void {
  const excerpt = typeof record.excerpt === 'string' ? record.excerpt : '';
  const scale = typeof record.excerptScale === 'number' ? record.excerptScale : 1;
  for (const [key, unit] of keys) {
    const value = record[key];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ path: `${path}.${key}`, rule: 'must be a finite number or null' });
    } else if (!excerptStates(value, excerpt, unit, scale) && !excerptStates(value, excerpt, unit, 1)) {
      problems.push({ path: `${path}.${key}`, rule: `${value} ${unit} is not stated in the excerpt` });
    }
  }
}

function checkFigure(figure: Json, path: string, quarterEnds: Set<string>, problems: HistoryProblem[]): void {
  const spec = typeof figure.field === 'string' ? HISTORY_FIELDS[figure.field] : undefined;
  if (!spec) {
    problems.push({ path: `${path}.field`, rule: `unknown field ${String(figure.field)} (FORMAT.md lists the fields)` });
    return;
  }
  if (figure.unit !== spec.unit) problems.push({ path: `${path}.unit`, rule: `${figure.field} is in ${spec.unit}` });
  const kind = figure.kind ?? 'quarter';
  if (kind !== 'quarter' && kind !== 'month') problems.push({ path: `${path}.kind`, rule: 'must be quarter or month' });
  if (!isRealDate(figure.periodEnd)) problems.push({ path: `${path}.periodEnd`, rule: 'must be a real date YYYY-MM-DD' });
  else if (kind === 'quarter' && !quarterEnds.has(figure.periodEnd)) problems.push({ path: `${path}.periodEnd`, rule: 'must be one of quarters[].periodEnd' });
  if (typeof figure.asOf !== 'string' || !AS_OF.test(figure.asOf)) problems.push({ path: `${path}.asOf`, rule: 'must be YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or FYYYYY' });
  else if (isRealDate(figure.knownAt) && (asOfStart(figure.asOf) ?? '') > figure.knownAt) problems.push({ path: `${path}.knownAt`, rule: 'is before the period the figure describes' });
  if (typeof figure.value !== 'number' || !Number.isFinite(figure.value)) {
    problems.push({ path: `${path}.value`, rule: 'must be a finite number (a figure not found goes in nulls[])' });
    return;
  }
  if (figure.value < 0 && !spec.signed) problems.push({ path: `${path}.value`, rule: `${figure.field} cannot be negative` });
  if (figure.field === 'production.reportedCostPerBtc' && !COST_DEFINITIONS.includes(figure.definition as (typeof COST_DEFINITIONS)[number])) {
    problems.push({ path: `${path}.definition`, rule: `must be one of ${COST_DEFINITIONS.join(', ')}` });
  }
  checkProvenance(figure, path, problems);
  checkNumbersInExcerpt(figure, path, [['value', spec.unit]], problems);
}

/** The text keys each record must name (a site without its region is not a record; a contract's counterparty may be undisclosed). */
const RECORD_NAMES: Record<string, string[]> = {
  sites: ['name', 'region'],
  convertibles: ['name'],
};

const RECORD_NUMBERS: Record<string, Array<[string, string]>> = {
  sites: [['capacityMw', 'MW']],
  hpcContracts: [['criticalItMw', 'MW'], ['termYears', 'years'], ['contractValueUsd', 'USD']],
  powerContracts: [['capacityMw', 'MW'], ['priceUsdPerKwh', 'USD/kWh']],
  convertibles: [['principalUsd', 'USD'], ['conversionPriceUsd', 'USD'], ['couponRatio', 'ratio']],
};

/** Every problem in one history file; an empty list means every figure is sourced and stated in its excerpt. */
export function checkCompanyHistory(json: unknown): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  if (!isRecord(json)) return [{ path: '', rule: 'must be an object' }];
  if (typeof json.ticker !== 'string' || !/^[A-Z0-9.]{1,10}$/.test(json.ticker)) problems.push({ path: 'ticker', rule: 'must be upper-case, 1-10 characters' });
  if (typeof json.name !== 'string' || json.name.trim() === '') problems.push({ path: 'name', rule: 'is required' });
  const quarters = Array.isArray(json.quarters) ? json.quarters : [];
  if (quarters.length === 0) problems.push({ path: 'quarters', rule: 'must list the fiscal quarters' });
  const quarterEnds = new Set<string>();
  quarters.forEach((q: unknown, i) => {
    const path = `quarters[${i}]`;
    if (!isRecord(q)) return problems.push({ path, rule: 'must be an object' });
    if (!isRealDate(q.periodEnd)) problems.push({ path: `${path}.periodEnd`, rule: 'must be a real date YYYY-MM-DD' });
    if (!isRealDate(q.startDate)) problems.push({ path: `${path}.startDate`, rule: 'must be a real date YYYY-MM-DD' });
    if (q.reportedAt !== null && !isRealDate(q.reportedAt)) problems.push({ path: `${path}.reportedAt`, rule: 'must be a date or null' });
    if (quarterEnds.has(q.periodEnd as string)) problems.push({ path: `${path}.periodEnd`, rule: 'appears twice' });
    quarterEnds.add(q.periodEnd as string);
    return undefined;
  });
  const figures = Array.isArray(json.figures) ? json.figures : [];
  figures.forEach((f: unknown, i) => (isRecord(f) ? checkFigure(f, `figures[${i}]`, quarterEnds, problems) : problems.push({ path: `figures[${i}]`, rule: 'must be an object' })));
  for (const [section, numbers] of Object.entries(RECORD_NUMBERS)) {
    const records = Array.isArray(json[section]) ? (json[section] as unknown[]) : [];
    records.forEach((r, i) => {
      const path = `${section}[${i}]`;
      if (!isRecord(r)) return problems.push({ path, rule: 'must be an object' });
      for (const key of RECORD_NAMES[section] ?? []) {
        if (typeof r[key] !== 'string' || (r[key] as string).trim() === '') problems.push({ path: `${path}.${key}`, rule: 'must be a non-empty string' });
      }
      checkProvenance(r, path, problems);
      checkNumbersInExcerpt(r, path, numbers, problems);
      return undefined;
    });
  }
  const nulls = Array.isArray(json.nulls) ? json.nulls : [];
  nulls.forEach((n: unknown, i) => {
    if (!isRecord(n) || typeof n.reason !== 'string' || n.reason.trim() === '') problems.push({ path: `nulls[${i}].reason`, rule: 'a null needs its reason' });
    else if (typeof n.field !== 'string' || (!HISTORY_FIELDS[n.field] && !['sites', 'hpcContracts', 'powerContracts', 'convertibles'].includes(n.field))) problems.push({ path: `nulls[${i}].field`, rule: 'unknown field' });
  });
  return problems;
}
