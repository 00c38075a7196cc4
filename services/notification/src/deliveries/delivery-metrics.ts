import { metrics } from '@opentelemetry/api';
import type { Channel } from '../subscriptions/subscription.model';

export type DeliveryOutcome = 'delivered' | 'retry' | 'dead';

const meter = metrics.getMeter('@hashdesk/notification');
const deliveries = meter.createCounter('hashdesk.notification.deliveries', { unit: '{delivery}', description: 'Delivery attempts by channel and outcome (delivered, retry: failed and scheduled again, dead: failed for good)' });
const duration = meter.createHistogram('hashdesk.notification.delivery.duration', { unit: 's', description: 'Duration of a delivery attempt by channel and outcome' });

/** One delivery attempt's outcome and duration (through the global MeterProvider; a no-op without one). */
export function recordDeliveryAttempt(channel: Channel, outcome: DeliveryOutcome, durationMs: number): void {
  const attributes = { 'hashdesk.notification.channel': channel, 'hashdesk.notification.outcome': outcome };
  deliveries.add(1, attributes);
  duration.record(durationMs / 1000, attributes);
}
