import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { EventConsumer, OutboxRelay } from '@hashdesk/messaging';
import { DATA_SOURCE, EVENT_CONSUMER, OUTBOX_RELAY, REDIS } from '../platform.tokens';
import { withTimeout } from '../wait-for.util';
import { ReadinessRegistry } from './readiness.registry';
import { OpenRoute } from '../auth/route-access.decorator';

@ApiTags('health')
@OpenRoute() // probes need no key and are never rate-limited
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  /** Liveness does no I/O. */
  @Get('live')
  @ApiOperation({ summary: 'The process is up (no dependency is checked)' })
  live() {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis really answer, the consumer has joined its group. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL, Redis and Kafka answer; feature checks pass' })
  ready() {
    return this.health.check([
      () => this.probe('postgres', async () => (await withTimeout(this.dataSource.query('SELECT 1'), 2_000, 'PostgreSQL'), {})),
      () => this.probe('redis', async () => (await withTimeout(this.redis.ping(), 2_000, 'Redis'), {})),
      () => this.probe('kafka', async () => {
        const consumer = this.consumer.health;
        if (this.consumer.hasSubscriptions && !consumer.joined) throw new Error(consumer.crashed ?? 'consumer has not joined its group yet');
        return { group: this.consumer.groupId, ...consumer, outbox: this.relay.stats };
      }),
      ...[...this.registry.checks].map(([name, check]) => () => this.probe(name, check)),
    ]);
  }

  private async probe(key: string, check: () => Promise<Record<string, unknown>>): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    try {
      return session.up(await check());
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
