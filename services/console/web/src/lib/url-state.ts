// Page state lives in the query string, so a URL reproduces the view. Defaults are left out of it.
export type PageState = Record<string, string>;

/** The state from a query string, missing keys at their defaults, unknown keys dropped. */
export function readState<T extends PageState>(search: string, defaults: T): T {
  const params = new URLSearchParams(search);
  const state = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const value = params.get(key);
    if (value !== null) (state as PageState)[key] = value;
  }
  return state;
}

/** The query string of a state ("" when everything is at its default), keys in a stable order. */
export function writeState(state: PageState, defaults: PageState): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(state).sort()) {
    if (state[key] !== defaults[key] && state[key] !== '') params.set(key, state[key]);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** A day picked in a date input as the end of that UTC day: the point-in-time query sees everything true that day. */
export function endOfDayIso(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? `${day}T23:59:59Z` : undefined;
}
