import { createHash } from 'node:crypto';

/**
 * The RFC 9562 variant nibble (binary 10xx). Event ids use 'a'; ingest's quarantine ids were stored
 * with 'b', and keep it so that a refusal retried after an upgrade still maps to its stored row.
 */
export type DerivedUuidVariant = 'a' | 'b';

/**
 * A UUID-shaped event id (version nibble 8, RFC 9562 "custom") derived from its parts: recording or
 * recomputing the same fact gives the same id, so consumers' inboxes and replays see one event.
 */
export function derivedEventId(...parts: Array<string | number>): string {
  return derivedUuid(parts, 'a');
}

/** The sha256 of the parts joined by '|', laid out as a version-8 UUID with the given variant nibble. */
export function derivedUuid(parts: ReadonlyArray<string | number>, variant: DerivedUuidVariant): string {
  const digest = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-8${digest.slice(13, 16)}-${variant}${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}
