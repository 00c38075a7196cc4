/** Calendar conventions of run-rates and monthly models: a Julian year, twelve equal months. */
export const DAYS_PER_YEAR = 365.25;
export const MONTHS_PER_YEAR = 12;
/** 365.25 / 12 = 30.4375 days. */
export const DAYS_PER_MONTH = DAYS_PER_YEAR / MONTHS_PER_YEAR;
const MS_PER_DAY = 86_400_000;

/** Days from `startDate` to `endDate` inclusive (ISO dates, UTC): a calendar quarter Jul–Sep has 92. */
export function daysInclusive(startDate: string, endDate: string): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / MS_PER_DAY) + 1;
}

/** Whole months from `fromDate` to `toDate` (ISO), by calendar month and day; 0 when toDate is not later. */
export function monthsBetween(fromDate: string, toDate: string): number {
  const [fy, fm, fd] = fromDate.split('-').map(Number);
  const [ty, tm, td] = toDate.split('-').map(Number);
  const months = (ty - fy) * MONTHS_PER_YEAR + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}
