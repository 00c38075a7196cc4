import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { HashpriceComputedSchema, type HashpriceComputed } from '@hashdesk/contracts';

/** The newest stored hashprice figure by event time, or undefined before the first. */
export async function loadNewestHashprice(db: Pick<EntityManager, 'query'>): Promise<HashpriceComputed | undefined> {
  const rows: Array<{ metric: JsonValue }> = await db.query('SELECT metric FROM hashprice_metric ORDER BY as_of DESC, metric_id LIMIT 1');
  return rows.length === 0 ? undefined : fromJson(HashpriceComputedSchema, rows[0].metric);
}
