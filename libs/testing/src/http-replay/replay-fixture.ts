import { readFileSync } from 'node:fs';

/**
 * A query value in a fixture URL that stands for a credential: it matches any value the client
 * sends (the request must still carry the parameter). Fixtures never hold real keys.
 */
export const REDACTED = '<redacted>';

/** One recorded exchange: the request as sent and the response as received. */
export interface ReplayFixture {
  /** Where the shape comes from (e.g. a docs/data-sources.md section), for the reader. */
  source?: string;
  description?: string;
  request: {
    method: string;
    /** The full request URL as sent to the provider; only its path and query are used for matching. */
    url: string;
    /** Headers the request carried that matter (credentials redacted). Informational. */
    headers?: Record<string, string>;
  };
  response: {
    status: number;
    headers?: Record<string, string>;
    /** The raw body, byte for byte (CSV, plain text, HTML, malformed JSON…). */
    body?: string;
    /** A JSON body, kept structured for readability; served as compact JSON. */
    bodyJson?: unknown;
  };
}

/** Reads and checks a fixture file; fails loudly naming the file and the missing part. */
export function loadReplayFixture(file: string): ReplayFixture {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`replay fixture ${file}: not readable JSON (${(error as Error).message})`);
  }
  const fixture = parsed as Partial<ReplayFixture>;
  if (!fixture.request || typeof fixture.request.url !== 'string' || typeof fixture.request.method !== 'string') {
    throw new Error(`replay fixture ${file}: request.method and request.url are required`);
  }
  if (!fixture.response || typeof fixture.response.status !== 'number') {
    throw new Error(`replay fixture ${file}: response.status is required`);
  }
  if (fixture.response.body !== undefined && fixture.response.bodyJson !== undefined) {
    throw new Error(`replay fixture ${file}: give response.body or response.bodyJson, not both`);
  }
  return fixture as ReplayFixture;
}

/** The body a fixture's response serves, as text. */
export function fixtureBodyText(fixture: ReplayFixture): string {
  if (fixture.response.bodyJson !== undefined) return JSON.stringify(fixture.response.bodyJson);
  return fixture.response.body ?? '';
}
