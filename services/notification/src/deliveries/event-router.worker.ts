import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { DeliveryWorker } from './delivery.worker';
import { RouteEventsUseCase } from './route-events.use-case';

const ROUTE_LINGER_MS = 10;

/**
 * Routes accepted events as they arrive: woken by each accepted event, it routes everything waiting
 * in batches, then hands the new deliveries to the worker. A restart resumes from inbound_event.
 */
@Injectable()
export class EventRouter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;

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
        const routed = await this.route.execute();
        if (routed.deliveries > 0) this.worker.kick();
        more = routed.more;
      } catch (error) {
        this.logger.error({ err: error }, 'event router: routing failed; the events stay in inbound_event and are routed again');
      }
      if (!more && !this.kicked && this.running) await this.sleep(250); // also picks up events another instance accepted while this one held the lock
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }
}
