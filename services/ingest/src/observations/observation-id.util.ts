import { createHash } from 'node:crypto';

/** Same kind, source, key and event time → same id: the identity that deduplicates re-ingestion. */
export function observationId(kind: string, source: string, key: string, eventTime: Date): string {
  const digest = createHash('sha256').update(`${kind}|${source}|${key}|${eventTime.toISOString()}`).digest('hex');
  // Formatted as a UUID (v8, custom) so that it reads like the other event ids.
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-8${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}
