import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { OutboxRelay } from '@hashdesk/messaging';
import type { Logger } from '@hashdesk/observability';
import { LOGGER, OUTBOX_RELAY, PLATFORM_OPTIONS, type PlatformOptions } from '@hashdesk/platform';
import type { IngestEnv } from '../config/ingest.config';

/**
 * INGEST_OUTBOX_RELAY=off: stops the relay the platform started (the platform's global module
 * bootstraps first), so observations are stored with their outbox rows and left unpublished.
 */
@Injectable()
export class OutboxRelaySwitch implements OnApplicationBootstrap {
  constructor(
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((this.options.infra as IngestEnv).INGEST_OUTBOX_RELAY !== 'off') return;
    await this.relay.stop();
    this.logger.warn({}, 'INGEST_OUTBOX_RELAY=off: observations are stored but not published until a restart with the relay on');
  }
}
