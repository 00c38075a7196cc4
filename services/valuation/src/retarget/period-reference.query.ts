import type { EntityManager } from 'typeorm';
import type { NetworkInputEntity } from '../network/network-input.entity';
import { periodStartHeight } from './next-retarget.calculator';

/** A reference snapshot with its identity, for lineage. */
export type ReferenceSnapshot = Pick<NetworkInputEntity, 'eventId' | 'eventType' | 'eventTime' | 'values'>;

/**
 * The lowest snapshot known in the difficulty period of `height`, below it and not after `eventTime`
 * (no look-ahead): the start of the pace a retarget projection extrapolates. Ordered as the height
 * index is, so that the planner reads it from the period's start (ordering by time made it walk the
 * whole snapshot history backwards through the time index before the table was analysed).
 */
export async function findPeriodReference(em: EntityManager, height: number, eventTime: Date): Promise<ReferenceSnapshot | undefined> {
  const [row]: Array<{ event_id: string; event_type: string; event_time: Date; values: Record<string, number> }> = await em.query(
    `SELECT event_id, event_type, event_time, "values" FROM market_input
      WHERE kind = 'network-snapshot' AND ("values"->>'height')::bigint >= $1 AND ("values"->>'height')::bigint < $2 AND event_time <= $3
      ORDER BY ("values"->>'height')::bigint ASC, event_time ASC, event_id ASC LIMIT 1`,
    [periodStartHeight(height), height, eventTime],
  );
  return row && { eventId: row.event_id, eventType: row.event_type, eventTime: new Date(row.event_time), values: row.values };
}
