import { derivedEventId } from '@hashdesk/messaging';

/** Same kind, source, key and event time → same id: the identity that deduplicates re-ingestion. */
export function observationId(kind: string, source: string, key: string, eventTime: Date): string {
  return derivedEventId(kind, source, key, eventTime.toISOString());
}
