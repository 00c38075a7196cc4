import type { EntityManager } from 'typeorm';

/**
 * Marks an event as handled inside the handler's own transaction. Returns false when it was handled
 * before: the caller then acknowledges and changes nothing. (Explicit RETURNING: an empty result is
 * the duplicate, whatever columns TypeORM would have chosen to return.)
 */
export async function tryMarkProcessed(em: EntityManager, consumerGroup: string, messageId: string, topic: string): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `INSERT INTO processed_message (consumer_group, message_id, topic) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING message_id`,
    [consumerGroup, messageId, topic],
  );
  return rows.length === 1;
}

/**
 * The batch form: marks many events in one statement and returns the ids that were new. Ids already
 * there (handled before) and repeats within the batch come back once at most, so each is handled once.
 */
export async function markProcessedBatch(em: EntityManager, consumerGroup: string, messageIds: readonly string[], topic: string): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows: Array<{ message_id: string }> = await em.query(
    `INSERT INTO processed_message (consumer_group, message_id, topic) SELECT $1, id, $3 FROM unnest($2::text[]) AS id
     ON CONFLICT DO NOTHING RETURNING message_id`,
    [consumerGroup, messageIds, topic],
  );
  return new Set(rows.map((r) => r.message_id));
}
