// Alerts from risk's list and from notification's SSE deliveries, in one shape for the feed.
export interface AlertItem {
  alertId: string;
  asOf: string;
  subject: string;
  severity: string;
  ruleId: string;
  message: string;
  value: number | null;
}

/** "SEVERITY_WARNING" → "warning". */
export function severityName(severity: unknown): string {
  return String(severity ?? 'unknown').replace(/^SEVERITY_/, '').toLowerCase();
}

/** An AlertRaised as JSON (risk's /v1/alerts item, or the `data` of a delivery body). */
export function toAlertItem(alert: Record<string, unknown>): AlertItem {
  return {
    alertId: String(alert.alertId ?? alert.id ?? ''),
    asOf: String(alert.asOf ?? alert.time ?? ''),
    subject: String(alert.subject ?? ''),
    severity: severityName(alert.severity),
    ruleId: String(alert.ruleId ?? ''),
    message: String(alert.message ?? ''),
    value: typeof alert.value === 'number' ? alert.value : null,
  };
}

/** An SSE message's data: notification's delivery body {id, type, subject, time, data}; alerts only. */
export function alertFromDelivery(data: string): AlertItem | null {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return null;
  }
  const inner = (body.data ?? {}) as Record<string, unknown>;
  if (body.type !== undefined && body.type !== 'hashdesk.v1.AlertRaised') return null;
  return toAlertItem({ subject: body.subject, asOf: body.time, ...inner });
}

export interface DeliveryRow {
  id: string;
  status: string;
  attempts: number | null;
  eventType: string;
  channel: string;
  createdAt: string;
  lastError: string | null;
}

/** A row of notification's delivery log, whatever casing the repository uses. */
export function toDeliveryRow(d: Record<string, unknown>): DeliveryRow {
  const pick = (...keys: string[]) => keys.map((k) => d[k]).find((v) => v !== undefined && v !== null);
  const attempts = pick('attempts', 'attemptCount', 'attempt_count');
  return {
    id: String(pick('id') ?? ''),
    status: String(pick('status') ?? ''),
    attempts: typeof attempts === 'number' ? attempts : attempts === undefined ? null : Number(attempts),
    eventType: String(pick('eventType', 'event_type') ?? ''),
    channel: String(pick('channel') ?? ''),
    createdAt: String(pick('createdAt', 'created_at') ?? ''),
    lastError: (pick('lastError', 'last_error') as string | undefined) ?? null,
  };
}
