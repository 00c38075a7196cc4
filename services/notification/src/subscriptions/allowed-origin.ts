export const ALLOWLIST_VARIABLE = 'NOTIFICATION_URL_ALLOWLIST';
const RULE = 'each entry must be one origin: scheme, host and port, e.g. http://127.0.0.1:3009 (no bare host or address, range, path or wildcard)';

/**
 * Why one allowlist entry is not a single origin, or undefined when it is. An entry admits exactly
 * one scheme, host and port, never a whole address: "127.0.0.1" would also admit PostgreSQL and Redis.
 */
export function allowedOriginProblem(entry: string): string | undefined {
  if (entry.includes('@')) return `an entry carries credentials: ${RULE}`; // not echoed: it may hold a password
  if (/[*?#]/.test(entry)) return `"${entry}": ${RULE}`;
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `"${entry}": ${RULE}`;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^https?:\/\//i.test(entry)) return `"${entry}": ${RULE}`;
  if (url.pathname !== '/' || /^https?:\/\/[^/]+\/./i.test(entry)) return `"${entry}": ${RULE}`;
  return undefined;
}

/** The entries of NOTIFICATION_URL_ALLOWLIST (comma-separated, blanks ignored). */
export function allowlistEntries(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The first problem of the whole variable, or undefined. */
export function allowlistProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return RULE;
  for (const entry of allowlistEntries(value)) {
    const problem = allowedOriginProblem(entry);
    if (problem) return problem;
  }
  return undefined;
}

/** The normalised origin of a valid entry or URL (lower-case host, default port dropped), as URL.origin gives it. */
export function originOf(entryOrUrl: string): string {
  return new URL(entryOrUrl).origin;
}
