import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { traceparentFor } from '@hashdesk/messaging';
import type { Logger } from '@hashdesk/observability';
import { LOGGER, ReadinessRegistry } from '@hashdesk/platform';
import type { AdapterResult, SourceAdapter } from '../adapters';
import { RecordObservationsUseCase } from '../observations/record-observations.use-case';
import { toRecordable } from './adapter-observation.mapper';
import { newestPerFigure, toCompanyFigure } from './company-fact.mapper';
import { RecordCompanyProfileUseCase } from '../companies/record-company-profile.use-case';
import type { AdapterMetricsInput } from './adapter-metrics';

export const LIVE_ADAPTERS = Symbol('LIVE_ADAPTERS');

/** Shortest wait between two polls of one adapter, whatever it asks for. */
const MIN_DELAY_MS = 1_000;

interface AdapterRun {
  adapter: SourceAdapter;
  timer?: NodeJS.Timeout;
  inFlight?: Promise<void>;
  recorded: number;
  quarantined: number;
  notRecordedKinds: Record<string, number>;
  lastRecordError?: string;
}

/**
 * Polls each configured adapter on its own schedule (the adapter says when: its interval, or its
 * backoff after 429/5xx/empty answers) and records what it observed through the same path as pushed
 * data. An external API that is down never makes the service unready: the adapters' state (last
 * success, last error, lag) is reported as details of /health/ready.
 */
@Injectable()
export class AdapterScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runs: AdapterRun[];
  private stopped = false;

  constructor(
    @Inject(LIVE_ADAPTERS) adapters: SourceAdapter[],
    private readonly record: RecordObservationsUseCase,
    private readonly companies: RecordCompanyProfileUseCase,
    private readonly readiness: ReadinessRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.runs = adapters.map((adapter) => ({ adapter, recorded: 0, quarantined: 0, notRecordedKinds: {} }));
  }

  onApplicationBootstrap(): void {
    this.readiness.register('adapters', async () => this.report());
    for (const run of this.runs) this.schedule(run, 0);
    if (this.runs.length > 0) this.logger.info({ adapters: this.runs.map((r) => r.adapter.id) }, 'live adapters scheduled');
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const run of this.runs) clearTimeout(run.timer);
    await Promise.all(this.runs.map((run) => run.inFlight));
  }

  /** Never throws: an adapter that is down is reported, not a reason to be unready. */
  report(now = new Date()): Record<string, unknown> {
    return {
      enabled: this.runs.length,
      adapters: Object.fromEntries(this.runs.map((run) => [run.adapter.id, {
        ...run.adapter.state(now),
        recorded: run.recorded,
        quarantined: run.quarantined,
        notRecordedKinds: run.notRecordedKinds,
        lastRecordError: run.lastRecordError ?? null,
      }])),
    };
  }

  /** Each adapter's state and counts, for the metrics endpoint. */
  metrics(now = new Date()): AdapterMetricsInput[] {
    return this.runs.map((run) => ({ state: run.adapter.state(now), recorded: run.recorded, quarantined: run.quarantined }));
  }

  /** One poll and its recording; exposed for tests. */
  async pollOnce(run: AdapterRun, now = new Date()): Promise<AdapterResult> {
    const result = await run.adapter.poll(now);
    const facts = newestPerFigure(result.observations.flatMap((observation) => toCompanyFigure(observation) ?? []));
    for (const fact of facts) {
      try {
        const recorded = await this.companies.recordFigureIfNotOlder(fact.ticker, fact.figure, `adapter:${run.adapter.id}`);
        if (recorded?.published) run.recorded++;
      } catch (error) {
        // A figure the profile cannot take (unknown ticker, invalid value) is reported, not fatal.
        run.lastRecordError = (error as Error).message;
      }
    }
    const incoming = result.observations.flatMap((observation) => {
      if (toCompanyFigure(observation)) return [];
      const recordable = toRecordable(observation);
      if (!recordable) run.notRecordedKinds[observation.kind] = (run.notRecordedKinds[observation.kind] ?? 0) + 1;
      return recordable ? [{ observation: recordable, origin: `adapter:${run.adapter.id}`, raw: observation }] : [];
    });
    if (incoming.length > 0) {
      try {
        const outcome = await this.record.execute(incoming, { traceparent: traceparentFor(undefined), mode: 'partial' });
        run.recorded += outcome.published;
        run.quarantined += outcome.rejections.length;
        run.lastRecordError = undefined;
      } catch (error) {
        run.lastRecordError = (error as Error).message;
        this.logger.error({ err: error, adapter: run.adapter.id }, 'recording adapter observations failed; the next poll tries again');
      }
    }
    if (result.outcome === 'failed') this.logger.warn({ adapter: run.adapter.id, code: result.error.code, next: result.nextPollAt }, `adapter poll failed: ${result.error.message}`);
    return result;
  }

  private schedule(run: AdapterRun, delayMs: number): void {
    if (this.stopped) return;
    run.timer = setTimeout(() => {
      run.inFlight = this.pollOnce(run)
        .then((result) => this.schedule(run, Math.max(MIN_DELAY_MS, result.nextPollAt.getTime() - Date.now())))
        .catch((error: Error) => {
          this.logger.error({ err: error, adapter: run.adapter.id }, 'adapter poll crashed');
          this.schedule(run, run.adapter.pollIntervalMs);
        });
    }, delayMs);
    run.timer.unref();
  }
}
