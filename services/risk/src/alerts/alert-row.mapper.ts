import type { Cell } from '@hashdesk/platform';

/*
 * A stored AlertRaised (proto JSON) as one flat row of the alert CSV and NDJSON. The value and
 * threshold are in the unit the metric's name carries (e.g. hashprice_usd_per_ph_day); enums keep
 * their proto names (SEVERITY_WARNING, THRESHOLD_DIRECTION_BELOW); an unbounded runway stays "Infinity".
 */

export const ALERT_COLUMNS: readonly string[] = [
  'alertId', 'asOf', 'ruleId', 'severity', 'subject', 'metric', 'valueInMetricUnit', 'thresholdInMetricUnit', 'direction', 'message',
  'triggeringEventId', 'triggeringEventType', 'triggeringEventTime', 'methodologyVersion',
];

interface StoredAlert {
  alertId?: string;
  asOf?: string;
  ruleId?: string;
  severity?: string;
  subject?: string;
  metric?: string;
  value?: number | string;
  threshold?: number | string;
  direction?: string;
  message?: string;
  lineage?: { methodologyVersion?: string; inputs?: Array<{ eventId?: string; eventType?: string; eventTime?: string }> };
}

const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
// Proto JSON writes 0 as an absent field and ±Infinity/NaN as strings.
const value = (x: unknown): Cell => (typeof x === 'number' || typeof x === 'string' ? x : 0);

export function alertRow(stored: unknown): Record<string, Cell> {
  const alert = (stored ?? {}) as StoredAlert;
  const trigger = alert.lineage?.inputs?.[0];
  return {
    alertId: text(alert.alertId),
    asOf: text(alert.asOf),
    ruleId: text(alert.ruleId),
    severity: text(alert.severity),
    subject: text(alert.subject),
    metric: text(alert.metric),
    valueInMetricUnit: value(alert.value),
    thresholdInMetricUnit: value(alert.threshold),
    direction: text(alert.direction),
    message: text(alert.message),
    triggeringEventId: text(trigger?.eventId),
    triggeringEventType: text(trigger?.eventType),
    triggeringEventTime: text(trigger?.eventTime),
    methodologyVersion: text(alert.lineage?.methodologyVersion),
  };
}
