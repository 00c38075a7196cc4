import type { AdapterState } from '../adapters';
import { renderAdapterMetrics } from './adapter-metrics';

const state = (overrides: Partial<AdapterState>): AdapterState => ({
  adapterId: 'mempool', source: 'mempool.space', pollIntervalMs: 60_000, lastPollAt: null, lastSuccessAt: null, lastErrorAt: null,
  lastError: null, consecutiveFailures: 0, newestEventTime: null, lagSeconds: null, nextPollAt: null, backoffMs: 0, backingOff: false, ...overrides,
});

describe('renderAdapterMetrics', () => {
  it('given a failing adapter, when rendered, then its failures, backoff and lag are series labelled by adapter and source', () => {
    const text = renderAdapterMetrics([
      { state: state({ lastSuccessAt: new Date('2026-11-24T12:00:00Z'), consecutiveFailures: 3, backoffMs: 8_000, lagSeconds: 420 }), recorded: 12, quarantined: 1 },
    ]);
    expect(text).toContain('hashdesk_ingest_adapter_last_success_timestamp_seconds{adapter="mempool",source="mempool.space"} 1795521600');
    expect(text).toContain('hashdesk_ingest_adapter_consecutive_failures{adapter="mempool",source="mempool.space"} 3');
    expect(text).toContain('hashdesk_ingest_adapter_backoff_seconds{adapter="mempool",source="mempool.space"} 8');
    expect(text).toContain('hashdesk_ingest_adapter_lag_seconds{adapter="mempool",source="mempool.space"} 420');
    expect(text).toContain('hashdesk_ingest_adapter_observations_recorded_total{adapter="mempool",source="mempool.space"} 12');
    expect(text).toContain('# TYPE hashdesk_ingest_adapter_observations_quarantined_total counter');
  });

  it('given an adapter that never observed anything, when rendered, then lag is -1 and timestamps 0', () => {
    const text = renderAdapterMetrics([{ state: state({}), recorded: 0, quarantined: 0 }]);
    expect(text).toContain('hashdesk_ingest_adapter_lag_seconds{adapter="mempool",source="mempool.space"} -1');
    expect(text).toContain('hashdesk_ingest_adapter_last_error_timestamp_seconds{adapter="mempool",source="mempool.space"} 0');
  });
});
