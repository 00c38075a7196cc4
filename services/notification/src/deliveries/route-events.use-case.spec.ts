import type { DataSource } from 'typeorm';
import type { Logger } from '@hashdesk/observability';
import type { NotificationEnv } from '../config/notification.config';
import type { RedisCache } from './redis-cache';
import { RouteEventsUseCase } from './route-events.use-case';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';
const HOUR_MS = 3_600_000;
const T0 = Date.parse('2026-02-01T00:00:00Z');

/**
 * PostgreSQL as the router sees it: one cooldown-only subscription (1 h) for RDS1, the given rule state
 * row (or none), one waiting event. Records what the router reads and writes.
 */
function world(given: { postgresLastFiredMs?: number; redisLastFiredMs?: number; eventTimeMs: number }) {
  const calls = { stateReads: 0, stateWrites: [] as Array<{ last_fired_at_ms: number }>, deliveries: [] as string[], remembered: [] as Array<{ firedAtMs: number }> };
  const em = {
    query: async (sql: string, params: unknown[] = []): Promise<unknown> => {
      if (sql.includes('pg_try_advisory_xact_lock')) return [{ locked: true }];
      if (sql.includes('FROM inbound_event ORDER BY id')) {
        return [{ id: '1', event_id: 'evt-1', event_type: 'hashdesk.v1.AlertRaised', subject: 'RDS1', severity: 'warning', event_time: new Date(given.eventTimeMs), metrics: { x: 1 }, traceparent: null, data: {} }];
      }
      if (sql.includes('FROM subscription\n')) {
        return [{ id: SUBSCRIPTION, rule: null, cooldown_seconds: 3_600, digest_interval_seconds: null, event_types: [], subjects: ['RDS1'], severities: [] }];
      }
      if (sql.includes('FROM subscription_state')) {
        calls.stateReads++;
        return given.postgresLastFiredMs === undefined ? [] : [{ subscription_id: SUBSCRIPTION, subject: 'RDS1', last_value: null, history: [], last_fired_at_ms: String(given.postgresLastFiredMs) }];
      }
      if (sql.includes('INSERT INTO subscription_state')) {
        calls.stateWrites.push(...(JSON.parse(params[0] as string) as Array<{ last_fired_at_ms: number }>));
        return [];
      }
      if (sql.includes('INSERT INTO delivery')) {
        calls.deliveries.push(...(params[0] as string[]));
        return [];
      }
      if (sql.startsWith('DELETE FROM inbound_event')) return [];
      throw new Error(`unexpected query: ${sql}`);
    },
  };
  const dataSource = { transaction: async <T>(work: (m: typeof em) => Promise<T>) => work(em) } as unknown as DataSource;
  const cache = {
    // Redis down, flushed or never told: an empty answer.
    lastFired: async () => new Map(given.redisLastFiredMs === undefined ? [] : [[`${SUBSCRIPTION}\u0000RDS1`, given.redisLastFiredMs]]),
    rememberFired: async (fires: Array<{ firedAtMs: number }>) => void calls.remembered.push(...fires),
  } as unknown as RedisCache;
  const logger = { warn: () => undefined } as unknown as Logger;
  const router = new RouteEventsUseCase(dataSource, { NOTIFICATION_MAX_PAYLOAD_BYTES: 65_536 } as NotificationEnv, logger, cache);
  return { router, calls };
}

describe('cooldowns: Redis in front, PostgreSQL the record', () => {
  it('given Redis remembers a fire inside the cooldown then the event is suppressed without reading or writing PostgreSQL\'s state', async () => {
    const { router, calls } = world({ redisLastFiredMs: T0, postgresLastFiredMs: T0, eventTimeMs: T0 + 60_000 });
    expect(await router.execute()).toMatchObject({ events: 1, deliveries: 0 });
    expect(calls.stateReads).toBe(0);
    expect(calls.stateWrites).toEqual([]);
    expect(calls.deliveries).toEqual([]);
  });

  it('given Redis lost its keys then PostgreSQL\'s state still holds the cooldown', async () => {
    const { router, calls } = world({ postgresLastFiredMs: T0, eventTimeMs: T0 + 60_000 });
    expect(await router.execute()).toMatchObject({ events: 1, deliveries: 0 });
    expect(calls.stateReads).toBe(1);
    expect(calls.deliveries).toEqual([]);
    expect(calls.remembered).toEqual([]);
  });

  it('given Redis holds an older fire than PostgreSQL then PostgreSQL decides: a stale Redis cannot let a delivery through early', async () => {
    const { router, calls } = world({ redisLastFiredMs: T0 - 2 * HOUR_MS, postgresLastFiredMs: T0, eventTimeMs: T0 + 60_000 });
    expect(await router.execute()).toMatchObject({ deliveries: 0 });
    expect(calls.stateReads).toBe(1);
    expect(calls.deliveries).toEqual([]);
  });

  it('given neither knows a fire inside the cooldown then the event fires, PostgreSQL records it and Redis learns it after the commit', async () => {
    const { router, calls } = world({ eventTimeMs: T0 });
    expect(await router.execute()).toMatchObject({ events: 1, deliveries: 1 });
    expect(calls.deliveries).toEqual(['evt-1']);
    expect(calls.stateWrites).toEqual([expect.objectContaining({ last_fired_at_ms: T0 })]);
    expect(calls.remembered).toEqual([expect.objectContaining({ firedAtMs: T0 })]);
  });

  it('given the cooldown is over then the event fires whatever Redis remembers', async () => {
    const { router, calls } = world({ redisLastFiredMs: T0, postgresLastFiredMs: T0, eventTimeMs: T0 + 2 * HOUR_MS });
    expect(await router.execute()).toMatchObject({ deliveries: 1 });
    expect(calls.stateReads).toBe(1);
    expect(calls.remembered).toEqual([expect.objectContaining({ firedAtMs: T0 + 2 * HOUR_MS })]);
  });
});
