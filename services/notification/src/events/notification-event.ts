import { toJson, type JsonValue } from '@bufbuild/protobuf';
import { AlertRaisedSchema, HashpriceComputedSchema, Severity, type AlertRaised, type HashpriceComputed } from '@hashdesk/contracts';
import type { EventMeta } from '@hashdesk/messaging';
import { cloudEventJson } from './cloud-event';

export type SeverityName = 'info' | 'warning' | 'critical';

/**
 * What the router sees of any consumed event: its type, subject (a ticker or "network"),
 * severity (alerts only), the numeric metrics rules can watch, and the JSON delivered.
 */
export interface NotificationEvent {
  id: string;
  type: string;
  subject: string;
  severity?: SeverityName;
  time: Date;
  metrics: Record<string, number>;
  traceparent?: string;
  data: JsonValue;
}

export const EVENT_TYPES = {
  alertRaised: AlertRaisedSchema.typeName,
  hashpriceComputed: HashpriceComputedSchema.typeName,
  endpointDisabled: 'hashdesk.notification.EndpointDisabled',
  digest: 'hashdesk.notification.Digest',
} as const;

const SEVERITY_NAMES: Record<Severity, SeverityName | undefined> = {
  [Severity.UNSPECIFIED]: undefined,
  [Severity.INFO]: 'info',
  [Severity.WARNING]: 'warning',
  [Severity.CRITICAL]: 'critical',
};

export function fromAlertRaised(meta: EventMeta, alert: AlertRaised): NotificationEvent {
  return {
    id: meta.id,
    type: EVENT_TYPES.alertRaised,
    subject: alert.subject,
    severity: SEVERITY_NAMES[alert.severity],
    time: meta.time,
    metrics: { [alert.metric]: alert.value },
    traceparent: meta.traceparent,
    data: toJson(AlertRaisedSchema, alert),
  };
}

export function fromHashpriceComputed(meta: EventMeta, metric: HashpriceComputed): NotificationEvent {
  return {
    id: meta.id,
    type: EVENT_TYPES.hashpriceComputed,
    subject: 'network',
    time: meta.time,
    metrics: {
      hashprice_usd_per_ph_day: metric.hashpriceUsdPerPhDay,
      hashprice_btc_per_ph_day: metric.hashpriceBtcPerPhDay,
      btc_price_usd: metric.btcPriceUsd,
      hashrate_ehs: metric.hashrateEhs,
      difficulty: metric.difficulty,
      fee_share_of_reward: metric.feeShareOfReward,
    },
    traceparent: meta.traceparent,
    data: toJson(HashpriceComputedSchema, metric),
  };
}

/** The body every channel starts from, a structured-mode CloudEvent; its id is also the webhook-id. */
export function deliveryBody(event: NotificationEvent): string {
  return cloudEventJson(event);
}
