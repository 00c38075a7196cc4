import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { tryMarkProcessed, type OutboxRelay } from '@hashdesk/messaging';
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

  async execute(quote: EquityQuoteRequestDto): Promise<{ duplicate: boolean; alerts: number }> {
    const ticker = quote.ticker.toUpperCase();
    const at = new Date(quote.observedAt);
    const quoteId = quote.quoteId ?? `${ticker}@${at.toISOString()}`;
    const result = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'risk', `equity-quote:${quoteId}`, 'http.equity-quote'))) return { duplicate: true, alerts: 0 };
      const alerts = await this.stopLines.onEquityQuote(
        em,
        ticker,
        { at: at.toISOString(), sharePriceUsd: quote.priceUsd, shareHighUsd: quote.highUsd, shareLowUsd: quote.lowUsd },
        { eventId: quoteId, eventType: EQUITY_QUOTE_EVENT_TYPE, eventTime: at },
      );
      return { duplicate: false, alerts };
    });
    if (result.alerts > 0) this.relay.kick();
    return result;
  }
}
