import { AdapterException } from '../adapter.exception';
import { resolveBackoff, type BackoffPolicy } from './backoff-policy';

export const DEFAULT_USER_AGENT = 'hashdesk-ingest/0.1 (+https://github.com/hashdesk)';
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Settings every adapter takes; each adapter adds its own (credentials, tickers…). */
export interface AdapterCommonConfig {
  /** Provider root, e.g. `https://mempool.space/api`. Required so tests and self-hosted instances can point elsewhere. */
  baseUrl: string;
  /** Regular interval between polls; each adapter has a default that respects the provider's limits. */
  pollIntervalMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Sent on every request (default `hashdesk-ingest/0.1 (...)`; SEC EDGAR requires one with a contact e-mail). */
  userAgent?: string;
  /** Default 5. */
  maxRedirects?: number;
  /** Overrides of the backoff policy (initial 5 s, ×2, capped at 15 min, 50 % jitter). */
  backoff?: Partial<BackoffPolicy>;
  /** Overrides the provider id stamped on observations and the adapter id (e.g. 'mempool-selfhosted'). */
  sourceId?: string;
  /** Jitter source returning [0, 1); defaults to Math.random (tests pass a fixed one). */
  random?: () => number;
  /** Transport override for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface ResolvedCommonConfig {
  baseUrl: string;
  pollIntervalMs: number;
  timeoutMs: number;
  userAgent: string;
  maxRedirects: number;
  backoff: BackoffPolicy;
  sourceId: string;
  random: () => number;
  fetch?: typeof fetch;
}

/** Validates the shared settings, failing fast with the setting's name. */
export function resolveCommonConfig(config: AdapterCommonConfig, defaults: { sourceId: string; pollIntervalMs: number }): ResolvedCommonConfig {
  requireHttpUrl('baseUrl', config.baseUrl);
  const pollIntervalMs = requirePositiveInteger('pollIntervalMs', config.pollIntervalMs ?? defaults.pollIntervalMs);
  const timeoutMs = requirePositiveInteger('timeoutMs', config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const maxRedirects = config.maxRedirects ?? 5;
  if (!Number.isSafeInteger(maxRedirects) || maxRedirects < 0) throw AdapterException.config('maxRedirects', 'must be a whole number ≥ 0');
  const userAgent = config.userAgent ?? DEFAULT_USER_AGENT;
  if (userAgent.trim() === '' || /[\r\n]/.test(userAgent)) throw AdapterException.config('userAgent', 'must be a single non-empty line');
  const sourceId = config.sourceId ?? defaults.sourceId;
  if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/.test(sourceId)) throw AdapterException.config('sourceId', 'must be 1-64 lowercase letters, digits, dot, dash or underscore');
  return {
    baseUrl: config.baseUrl,
    pollIntervalMs,
    timeoutMs,
    userAgent,
    maxRedirects,
    backoff: resolveBackoff(config.backoff),
    sourceId,
    random: config.random ?? Math.random,
    fetch: config.fetch,
  };
}

export function requireHttpUrl(field: string, value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw AdapterException.config(field, 'must be an absolute http(s) URL');
  return value as string;
}

export function requirePositiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw AdapterException.config(field, 'must be a whole number greater than 0');
  return value;
}

export function requireSecret(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw AdapterException.config(field, 'is required');
  return value;
}

/** Tickers as the desk tracks them: upper-case letters, digits, dot or dash (e.g. MARA, BRK.B). */
export function requireTickers(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw AdapterException.config(field, 'must list at least one ticker');
  for (const ticker of value) {
    if (typeof ticker !== 'string' || !/^[A-Z][A-Z0-9.-]{0,9}$/.test(ticker)) throw AdapterException.config(field, `has an invalid ticker ${JSON.stringify(ticker)}`);
  }
  return [...new Set(value as string[])];
}
