// Alerts: the live feed (notification's SSE stream through the console), risk's recent alerts and the delivery log.
import { alertFromDelivery, toAlertItem, toDeliveryRow, type AlertItem } from '../lib/alerts';
import { formatInstant, formatNumber } from '../lib/format';
import { getJson, getOrNull } from '../ui/api';
import type { PageContext } from '../ui/app';
import { mountChart } from '../ui/chart';
import { h, notice, replace, section, table } from '../ui/dom';

const SEVERITIES = ['info', 'warning', 'critical'];

function feedItem(alert: AlertItem): HTMLLIElement {
  return h('li', { 'data-alert-id': alert.alertId },
    h('span', { class: `sev ${alert.severity}` }, alert.severity), ' ',
    h('strong', {}, alert.subject), ` · ${formatInstant(alert.asOf)} · `, alert.message);
}

export async function renderAlerts(ctx: PageContext): Promise<void> {
  const live = section('Live feed', 'alerts-live');
  const recent = section('Recent alerts (risk)', 'alerts-recent');
  const log = section('Delivery log (notification)', 'alerts-deliveries');
  replace(ctx.root, h('h1', {}, 'Alerts'), live.element, recent.element, log.element);

  // The stream first, so nothing raised while the lists load is missed.
  const status = h('p', { class: 'notice', id: 'alerts-stream-status', role: 'status', 'aria-live': 'polite' }, 'Connecting to the live stream…');
  const feed = h('ol', { class: 'feed', id: 'alerts-feed', 'aria-label': 'Alerts as they arrive, newest first', 'data-count': 0 });
  replace(live.body, status, feed);
  const source = new EventSource('/api/stream');
  ctx.signal.addEventListener('abort', () => source.close());
  source.addEventListener('open', () => {
    status.textContent = 'Live: new alerts appear here as they are delivered.';
    status.dataset.state = 'open';
  });
  source.addEventListener('error', () => {
    status.textContent = 'The live stream is not connected (the console retries).';
    status.dataset.state = 'error';
  });
  const onMessage = (event: MessageEvent<string>) => {
    const alert = alertFromDelivery(event.data);
    if (!alert) return;
    feed.prepend(feedItem(alert));
    feed.dataset.count = String(feed.children.length);
  };
  source.addEventListener('message', onMessage);
  source.addEventListener('hashdesk.v1.AlertRaised', onMessage as EventListener);

  const [alerts, deliveries] = await Promise.all([
    getJson<Array<Record<string, unknown>>>('risk/v1/alerts', ctx.signal),
    getOrNull<Array<Record<string, unknown>>>('notification/v1/deliveries?limit=100', ctx.signal).catch(() => null),
  ]);
  const items = alerts.map(toAlertItem);
  replace(recent.body);
  mountChart(recent.body, {
    id: 'alerts-timeline',
    title: 'Recent alerts by severity',
    description: `${items.length} alerts (risk keeps the newest 100)`,
    height: 260,
    option: {
      tooltip: { formatter: (p: { data: [number, number, string] }) => p.data[2] }, legend: { top: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'value', scale: true },
      series: SEVERITIES.map((severity) => ({
        name: severity, type: 'scatter', symbolSize: 9,
        data: items.filter((a) => a.severity === severity && a.value !== null).map((a) => [Date.parse(a.asOf), a.value, a.message]),
      })),
    },
    csv: { columns: ['asOf', 'subject', 'severity', 'ruleId', 'value', 'message'], rows: items.map((a) => [a.asOf, a.subject, a.severity, a.ruleId, a.value, a.message]) },
  });
  recent.body.append(h('div', { class: 'scroll' }, table(`${items.length} alerts, newest first`, ['As of', 'Subject', 'Severity', 'Rule', 'Value', 'Message'],
    items.map((a) => [formatInstant(a.asOf), a.subject, h('span', { class: `sev ${a.severity}` }, a.severity), a.ruleId, formatNumber(a.value), a.message]))));

  if (!deliveries) {
    replace(log.body, notice('The delivery log needs a notification subscriber key (CONSOLE_SUBSCRIBER_API_KEY, or NOTIFICATION_ADMIN_TOKEN for the console to register one).'));
    return;
  }
  const rows = deliveries.map(toDeliveryRow);
  replace(log.body, rows.length
    ? h('div', { class: 'scroll' }, table(`The console subscriber's ${rows.length} newest deliveries`, ['Id', 'Status', 'Attempts', 'Event', 'Channel', 'Created', 'Last error'],
      rows.map((d) => [d.id, d.status, formatNumber(d.attempts, 0), d.eventType, d.channel, formatInstant(d.createdAt), d.lastError ?? '']), { id: 'alerts-deliveries-table' }))
    : notice('No deliveries to the console subscriber yet: they appear once an alert is raised.'));
}
