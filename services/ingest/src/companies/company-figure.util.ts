import { AS_OF_PATTERN } from '@hashdesk/economics';
import { CompanyProfileException, CompanyProfileExceptionCode } from './company-profile.exception';

/** One figure submitted on its own: a value with the date it refers to and where it comes from. */
export interface SubmittedFigure {
  /** JSON path of a sourced figure in the profile, e.g. `balanceSheet.cashUsd`, `power.contracts[0].priceUsdPerKwh`. */
  path: string;
  value: number | string | null;
  asOf: string;
  source: string;
  sourceQuality?: 'primary' | 'secondary' | 'low';
  note?: string;
  /** When the figure became public (ISO time), e.g. an SEC filing's acceptance time; absent: unknown. */
  knownAt?: string;
}

/** The path under which a share price is submitted; it is kept beside the profile, not in it. */
export const SHARE_PRICE_PATH = 'sharePriceUsd';

const SEGMENT = /^([A-Za-z][A-Za-z0-9]*)((?:\[\d+\])*)$/;

const invalid = (field: string, rule: string, message: string): CompanyProfileException =>
  new CompanyProfileException(CompanyProfileExceptionCode.INVALID_FIGURE, message, [{ field, rule, message }]);

/**
 * Pure: a copy of the profile JSON with the sourced figure at `figure.path` replaced (restated).
 * Only an existing sourced figure (an object with `value` and `source`) can be replaced, so a
 * figure never invents a field the profile format does not have. The caller re-validates the result.
 */
export function applyFigure(profile: Record<string, unknown>, figure: SubmittedFigure): Record<string, unknown> {
  const copy = structuredClone(profile);
  const steps = pathSteps(figure.path);
  let parent: unknown = copy;
  for (const step of steps.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown> | null)?.[step];
    if (parent === null || typeof parent !== 'object') throw invalid('path', 'exists', `${figure.path} is not a figure of the profile`);
  }
  const last = steps[steps.length - 1];
  const current = (parent as Record<string | number, unknown>)[last];
  if (current === null || typeof current !== 'object' || Array.isArray(current) || !('value' in current) || !('source' in current)) {
    throw invalid('path', 'isSourcedFigure', `${figure.path} is not a sourced figure of the profile`);
  }
  const replaced: Record<string, unknown> = { ...(current as Record<string, unknown>), value: figure.value, asOf: figure.asOf, source: figure.source };
  if (figure.sourceQuality !== undefined) replaced['sourceQuality'] = figure.sourceQuality;
  if (figure.note !== undefined) replaced['note'] = figure.note;
  else delete replaced['note'];
  // The figure's own publication time (a filing's acceptance); an older one no longer applies.
  if (figure.knownAt !== undefined) replaced['knownAt'] = figure.knownAt;
  else delete replaced['knownAt'];
  (parent as Record<string | number, unknown>)[last] = replaced;
  return copy;
}

function pathSteps(path: string): Array<string | number> {
  const steps: Array<string | number> = [];
  for (const part of path.split('.')) {
    const match = SEGMENT.exec(part);
    if (!match) throw invalid('path', 'pathSyntax', `must be dot-separated names with optional [index], e.g. power.contracts[0].priceUsdPerKwh (got "${path}")`);
    steps.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  if (steps[0] === 'schemaVersion' || steps[0] === 'ticker') throw invalid('path', 'isSourcedFigure', `${path} is not a sourced figure`);
  return steps;
}

/**
 * When a figure dated `asOf` became true: the end of that day, month, quarter or year (UTC), the
 * convention of the daily history (a day's figures are true at 23:59:59Z). Undefined for a malformed date.
 */
export function endOfAsOf(asOf: string): Date | undefined {
  if (!AS_OF_PATTERN.test(asOf)) return undefined;
  const fiscal = /^FY(\d{4})$/.exec(asOf);
  const [year, rest] = fiscal ? [Number(fiscal[1]), ''] : [Number(asOf.slice(0, 4)), asOf.slice(5)];
  let lastDay: Date;
  if (rest === '') lastDay = new Date(Date.UTC(year, 11, 31));
  else if (rest.startsWith('Q')) lastDay = new Date(Date.UTC(year, Number(rest.slice(1)) * 3, 0));
  else if (rest.length === 2) lastDay = new Date(Date.UTC(year, Number(rest), 0));
  else {
    lastDay = new Date(`${asOf}T00:00:00Z`);
    if (Number.isNaN(lastDay.getTime()) || lastDay.toISOString().slice(0, 10) !== asOf) return undefined;
  }
  return new Date(lastDay.getTime() + 86_399_000);
}

/**
 * True when a figure belongs in a profile of this period: a quarter's amount ("…InPeriod") only in the
 * profile of the quarter it covers (its end is the period's end date); a balance-sheet figure in any.
 * RecordCompanyProfileUseCase.recordFigureIfNotOlder checks it: a Q4 amount must not land in a Q3 profile.
 */
export function fitsProfilePeriod(figure: Pick<SubmittedFigure, 'path' | 'asOf'>, period: { endDate: string }): boolean {
  return !figure.path.endsWith('InPeriod') || figure.asOf === period.endDate;
}
