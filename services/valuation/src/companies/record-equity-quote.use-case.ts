import { Inject, Injectable } from '@nestjs/common';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import type { EquityQuoteObserved, Topics } from '@hashdesk/contracts';
import { PoisonMessageError, tryMarkProcessed, type DecodedEvent, type OutboxRelay } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY } from '@hashdesk/platform';
import { ComparablesCache } from './comparables.cache';
import { ValueCompaniesService } from './value-companies.service';

/**
 * Handles a share quote: in one transaction it marks the event processed (inbox), keeps the quote and
 * revalues its company (market cap, EV, EV/EH, mNAV, upside) at the market state of the quote's time.
 */
@Injectable()
export class RecordEquityQuoteUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly companies: ValueCompaniesService,
    private readonly cache: ComparablesCache,
  ) {}

  async onEquityObserved(event: DecodedEvent<typeof Topics.equityObserved.schema>): Promise<void> {
    const m: EquityQuoteObserved = event.message;
    if (!(m.priceUsd > 0)) throw new PoisonMessageError('INVALID_SHARE_PRICE', `priceUsd must be > 0, got ${m.priceUsd}`);
    if (!m.ticker) throw new PoisonMessageError('MISSING_TICKER', 'ticker is required');
    const eventTime = m.eventTime ? timestampDate(m.eventTime as Timestamp) : event.meta.time;
    const learnedTime = m.learnedTime ? timestampDate(m.learnedTime as Timestamp) : event.meta.time;
    const published = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'valuation', event.meta.id, event.topic))) return 0;
      return this.companies.recordEquityQuote(em, m.ticker, { eventId: event.meta.id, eventType: event.meta.type, eventTime, learnedTime, priceUsd: m.priceUsd });
    });
    if (published > 0) {
      this.relay.kick();
      await this.cache.invalidate();
    }
  }
}
