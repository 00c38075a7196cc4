import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@hashdesk/messaging';

/** Outbox rows not yet published (the one-shot commands wait for zero before they exit). */
export async function unpublishedCount(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query<Array<{ n: string }>>('SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL');
  return Number(row.n);
}

/** Drains the relay until nothing is left to publish; returns what is still pending (0). */
export async function publishPending(dataSource: DataSource, relay: OutboxRelay): Promise<number> {
  let pending = await unpublishedCount(dataSource);
  while (pending > 0) {
    await relay.drain();
    pending = await unpublishedCount(dataSource);
  }
  return pending;
}
