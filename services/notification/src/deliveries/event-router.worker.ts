import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { DeliveryWorker } from './delivery.worker';
import { RouteEventsUseCase } from './route-events.use-case';

const ROUTE_LINGER_MS = 10;
/** Failed batches in a row before the oldest event is tried alone; two failures alone set it aside. */
const ISOLATE_AFTER_FAILURES = 3;
const SET_ASIDE_AFTER_FAILURES = ISOLATE_AFTER_FAILURES + 2;
const MAX_BACKOFF_MS = 30_000;

/**
 * Routes accepted events as they arrive: woken by each accepted event, it routes everything waiting
 * in batches, then hands the new deliveries to the worker. A restart resumes from inbound_event.
 * Failures back off; after ISOLATE_AFTER_FAILURES the oldest event is routed alone, and when that
 * fails twice it is set aside as unroutable, so one bad event cannot stop the others.
 */
@Injectable()
export class EventRouter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  private failures = 0;

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly route: RouteEventsUseCase,
    private readonly worker: DeliveryWorker,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      // Like a producer's linger: a few milliseconds let a burst of events gather into one transaction
      // instead of each waking its own (a transaction per event or two competed with the consumer).
      if (this.kicked) await new Promise((resolve) => setTimeout(resolve, ROUTE_LINGER_MS));
      this.kicked = false;
      let more = false;
      try {
        const routed = await this.route.execute(this.failures >= ISOLATE_AFTER_FAILURES ? 1 : undefined);
        if (routed.deliveries > 0) this.worker.kick();
        more = routed.more;
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.logger.error({ err: error, failures: this.failures }, 'event router: routing failed; the events stay in inbound_event and are routed again');
        if (this.failures >= SET_ASIDE_AFTER_FAILURES && (await this.setAside(error as Error))) continue; // the rest go on at once
        // Backoff 250 ms × 2^(n−1), capped: a database outage is not hammered.
        if (this.running) await this.sleep(Math.min(MAX_BACKOFF_MS, 250 * 2 ** (this.failures - 1)));
        continue;
      }
      if (!more && !this.kicked && this.running) await this.sleep(250); // also picks up events another instance accepted while this one held the lock
    }
  }

  /** The oldest event failed alone too: it goes to unroutable_event (GET/replay under /v1/admin/unroutable-events). */
  private async setAside(error: Error): Promise<boolean> {
    try {
      const eventId = await this.route.setAsideOldest(error.message ?? String(error));
      this.logger.error({ eventId, err: error }, 'event router: an event that cannot be routed was set aside');
      this.failures = 0;
      return true;
    } catch (setAsideError) {
      this.logger.error({ err: setAsideError }, 'event router: could not set the failing event aside; retrying');
      return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }
}
