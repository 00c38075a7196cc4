import { createHash } from 'node:crypto';

/**
 * A UUID-shaped event id (version nibble 8, RFC 9562 "custom") derived from its parts: recording or
 * recomputing the same fact gives the same id, so consumers' inboxes and replays see one event.
 */
export function derivedEventId(...parts: Array<string | number>): string {
  const digest = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-8${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}
