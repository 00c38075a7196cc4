import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EquityQuoteObservedSchema } from '@hashdesk/contracts';
import { tryMarkProcessed, type DecodedEvent, type OutboxRelay } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY } from '@hashdesk/platform';
import type { EquityQuoteRequestDto } from './dto/equity-quote.request.dto';
import { EvaluateStopLinesService } from './evaluate-stop-lines.service';

export const EQUITY_QUOTE_EVENT_TYPE = 'hashdesk.risk.EquityQuote';

/**
 * Runs the equity stop lines of a ticker over one share quote. Idempotent by quote id: the inbox row,
 * the lines' states and the alerts' outbox rows commit together, so a repeated quote raises nothing.
 */
@Injectable()
export class RecordEquityQuoteUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly stopLines: EvaluateStopLinesService,
  ) {}

  /** A quote posted to the risk API (a user's own prices, or a test). */
  async execute(quote: EquityQuoteRequestDto): Promise<{ duplicate: boolean; alerts: number }> {
    const ticker = quote.ticker.toUpperCase();
    const at = new Date(quote.observedAt);
    const quoteId = quote.quoteId ?? `${ticker}@${at.toISOString()}`;
    return this.record(ticker, at, { sharePriceUsd: quote.priceUsd, shareHighUsd: quote.highUsd, shareLowUsd: quote.lowUsd }, {
      inboxId: `equity-quote:${quoteId}`, inboxTopic: 'http.equity-quote', eventId: quoteId, eventType: EQUITY_QUOTE_EVENT_TYPE,
    });
  }

  /** A quote ingest published on ingest.equity.observed.v1 (Stooq closes, Finnhub/Alpha Vantage quotes). */
  async onObserved(event: DecodedEvent<typeof EquityQuoteObservedSchema>): Promise<void> {
    await this.record(event.message.ticker, event.meta.time, { sharePriceUsd: event.message.priceUsd }, {
      inboxId: event.meta.id, inboxTopic: event.topic, eventId: event.meta.id, eventType: event.meta.type,
    });
  }

  private async record(
    ticker: string,
    at: Date,
    prices: { sharePriceUsd: number; shareHighUsd?: number; shareLowUsd?: number },
    source: { inboxId: string; inboxTopic: string; eventId: string; eventType: string },
  ): Promise<{ duplicate: boolean; alerts: number }> {
    const result = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'risk', source.inboxId, source.inboxTopic))) return { duplicate: true, alerts: 0 };
      const alerts = await this.stopLines.onEquityQuote(
        em,
        ticker,
        { at: at.toISOString(), ...prices },
        { eventId: source.eventId, eventType: source.eventType, eventTime: at },
      );
      return { duplicate: false, alerts };
    });
    if (result.alerts > 0) this.relay.kick();
    return result;
  }
}
