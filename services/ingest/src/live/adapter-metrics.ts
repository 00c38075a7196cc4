import type { AdapterState } from '../adapters';

export interface AdapterMetricsInput {
  state: AdapterState;
  recorded: number;
  quarantined: number;
}

const seconds = (date: Date | null): number => (date ? date.getTime() / 1000 : 0);

/**
 * Adapter state in the Prometheus text exposition format (version 0.0.4), one series per adapter:
 * what a scraper or an alerting rule needs to see a provider that stopped answering or fell behind.
 */
export function renderAdapterMetrics(adapters: readonly AdapterMetricsInput[]): string {
  const families: Array<[name: string, type: 'gauge' | 'counter', help: string, value: (a: AdapterMetricsInput) => number]> = [
    ['hashdesk_ingest_adapter_last_success_timestamp_seconds', 'gauge', 'Unix time of the last successful poll (0 = never).', (a) => seconds(a.state.lastSuccessAt)],
    ['hashdesk_ingest_adapter_last_error_timestamp_seconds', 'gauge', 'Unix time of the last failed poll (0 = never).', (a) => seconds(a.state.lastErrorAt)],
    ['hashdesk_ingest_adapter_consecutive_failures', 'gauge', 'Failed polls since the last success.', (a) => a.state.consecutiveFailures],
    ['hashdesk_ingest_adapter_lag_seconds', 'gauge', 'Now minus the newest event time observed (-1 before the first observation).', (a) => a.state.lagSeconds ?? -1],
    ['hashdesk_ingest_adapter_backoff_seconds', 'gauge', 'Delay chosen after the last failure (0 when healthy).', (a) => a.state.backoffMs / 1000],
    ['hashdesk_ingest_adapter_observations_recorded_total', 'counter', 'Observations recorded from this adapter.', (a) => a.recorded],
    ['hashdesk_ingest_adapter_observations_quarantined_total', 'counter', 'Observations from this adapter refused as implausible.', (a) => a.quarantined],
  ];
  const lines: string[] = [];
  for (const [name, type, help, value] of families) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const adapter of adapters) lines.push(`${name}{adapter="${escapeLabel(adapter.state.adapterId)}",source="${escapeLabel(adapter.state.source)}"} ${value(adapter)}`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
