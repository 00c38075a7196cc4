/** The facts replay needs to order a record: its event time, topic and event id (from its ce_* headers). */
export interface OrderableRecord {
  topic: string;
  eventTimeMs: number;
  eventId: string;
}

/**
 * At one event time, what a price is valued with comes first: the profile version, the share quote,
 * the power price, the network snapshot, then the price itself.
 */
const TOPIC_RANK: Record<string, number> = {
  'ingest.company-profile.recorded.v1': 0,
  'ingest.equity.observed.v1': 1,
  'ingest.power.observed.v1': 2,
  'ingest.network.observed.v1': 3,
  'ingest.price.observed.v1': 4,
};

/**
 * The one order a replay feeds inputs in, whatever partitions and arrival order the topics had:
 * event time, then the topic rank, then the event id. Same records → same order → same outputs.
 */
export function canonicalOrder<T extends OrderableRecord>(records: readonly T[]): T[] {
  return [...records].sort((a, b) =>
    a.eventTimeMs - b.eventTimeMs
    || (TOPIC_RANK[a.topic] ?? 99) - (TOPIC_RANK[b.topic] ?? 99)
    || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
}
