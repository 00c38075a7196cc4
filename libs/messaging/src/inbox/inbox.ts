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
