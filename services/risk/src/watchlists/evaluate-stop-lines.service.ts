import { Inject, Injectable } from '@nestjs/common';
import { create, toJson } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { EntityManager } from 'typeorm';
import { AlertRaisedSchema, InputRefSchema, LineageSchema, Severity, ThresholdDirection, Topics } from '@hashdesk/contracts';
import {
  companyMetrics, evaluateStopLine, type MarketInputs, type StopLine, type StopLineKind, type StopLineObservation, type StopLineSignal, type StopLineState,
} from '@hashdesk/economics';
import { derivedEventId, type OutboxWriter } from '@hashdesk/messaging';
import { LOGGER, OUTBOX_WRITER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { CompanyProfilesService } from '../companies/company-profiles.service';

export const STOP_LINE_METHODOLOGY = 'risk.stop-line/1';

/** The input that moved the lines, for the alert's lineage and its deterministic id. */
export interface TriggeringInput {
  eventId: string;
  eventType: string;
  eventTime: Date;
}

export const ECONOMIC_LINE_KINDS: readonly StopLineKind[] = ['break-even-hashprice', 'break-even-btc-price', 'runway-floor', 'loan-to-value'];

export interface EconomicLineScope {
  ticker?: string;
  kinds?: readonly StopLineKind[];
}

export interface StopLineRow {
  line_id: string;
  ticker: string;
  kind: StopLineKind;
  definition: StopLine;
  state: StopLineState;
}

/**
 * Runs the enabled stop lines over one observation inside the caller's transaction: each line's state is read
 * FOR UPDATE, evolved by the pure evaluateStopLine, written back, and a signal becomes an alert row
 * plus an outbox row (Topics.alertRaised) in the same transaction. Returns the number of alerts.
 */
@Injectable()
export class EvaluateStopLinesService {
  constructor(
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly profiles: CompanyProfilesService,
  ) {}

  /** The economic lines over a market; `scope` narrows them to one company and some kinds (default: every company, every economic kind). */
  async onMarket(em: EntityManager, market: MarketInputs, hashpriceUsdPerPhDay: number, input: TriggeringInput, scope: EconomicLineScope = {}): Promise<number> {
    const kinds = scope.kinds ?? ECONOMIC_LINE_KINDS;
    const rows: StopLineRow[] = await em.query(
      `SELECT line_id, ticker, kind, definition, state FROM stop_line
       WHERE enabled AND kind = ANY($1::text[]) AND ($2::text IS NULL OR ticker = $2::text) ORDER BY line_id FOR UPDATE`,
      [kinds, scope.ticker ?? null],
    );
    const runwayByTicker = new Map<string, number | null | undefined>();
    let raised = 0;
    for (const row of rows) {
      const observation: StopLineObservation = { at: input.eventTime.toISOString(), btcPriceUsd: market.btcPriceUsd, hashpriceUsdPerPhDay };
      if (row.kind === 'runway-floor') {
        if (!runwayByTicker.has(row.ticker)) runwayByTicker.set(row.ticker, this.runwayOf(row.ticker, market));
        const runway = runwayByTicker.get(row.ticker);
        if (runway === undefined) continue; // the profile lacks what the runway needs: nothing to judge
        Object.assign(observation, { liquidityRunwayMonths: runway });
      }
      raised += await this.apply(em, row, observation, input);
    }
    return raised;
  }

  /** Of `tickers`, those with an enabled line of one of `kinds` (one statement for a batch, so companies without lines cost nothing more). */
  async tickersWithLines(em: EntityManager, tickers: readonly string[], kinds: readonly StopLineKind[]): Promise<Set<string>> {
    if (tickers.length === 0) return new Set();
    const rows: Array<{ ticker: string }> = await em.query(
      'SELECT DISTINCT ticker FROM stop_line WHERE enabled AND kind = ANY($1::text[]) AND ticker = ANY($2::text[])',
      [kinds, tickers],
    );
    return new Set(rows.map((r) => r.ticker));
  }

  async onEquityQuote(em: EntityManager, ticker: string, observation: StopLineObservation, input: TriggeringInput): Promise<number> {
    const rows: StopLineRow[] = await em.query(
      `SELECT line_id, ticker, kind, definition, state FROM stop_line WHERE enabled AND ticker = $1 AND kind IN ('fixed', 'trailing', 'atr') ORDER BY line_id FOR UPDATE`,
      [ticker],
    );
    let raised = 0;
    for (const row of rows) raised += await this.apply(em, row, observation, input);
    return raised;
  }

  /** Runway months; null when the company does not burn cash; undefined when its inputs are unknown. */
  private runwayOf(ticker: string, market: MarketInputs): number | null | undefined {
    const metrics = companyMetrics(this.profiles.get(ticker), market);
    if (metrics.netCashFlowUsdPerMonth !== null && metrics.netCashFlowUsdPerMonth >= 0) return null;
    return metrics.liquidityRunwayMonths ?? undefined;
  }

  private async apply(em: EntityManager, row: StopLineRow, observation: StopLineObservation, input: TriggeringInput): Promise<number> {
    const { state, signal } = evaluateStopLine(row.definition, row.state, observation);
    await em.query('UPDATE stop_line SET state = $2, breached = $3, updated_at = now() WHERE line_id = $1', [row.line_id, JSON.stringify(state), state.breached]);
    if (signal === null) return 0;
    const alert = alertFor(row, signal, input);
    await em.query('INSERT INTO alert (alert_id, rule_id, as_of, alert) VALUES ($1, $2, $3, $4) ON CONFLICT (alert_id) DO NOTHING', [
      alert.alertId, alert.ruleId, input.eventTime, JSON.stringify(toJson(AlertRaisedSchema, alert)),
    ]);
    await this.outbox.add(em, { entry: Topics.alertRaised, message: alert, eventId: alert.alertId, eventTime: input.eventTime, subject: alert.subject });
    this.logger.info({ rule: alert.ruleId, signal: signal.kind, value: signal.value, level: signal.level, eventId: input.eventId }, 'stop line signal');
    return 1;
  }
}

const UNITS: Record<string, (v: number) => string> = {
  share_price_usd: (v) => `share price ${v.toFixed(2)} USD`,
  hashprice_usd_per_ph_day: (v) => `hashprice ${v.toFixed(2)} USD/PH/day`,
  btc_price_usd: (v) => `BTC price ${v.toFixed(0)} USD`,
  liquidity_runway_months: (v) => (Number.isFinite(v) ? `liquidity runway ${v.toFixed(1)} months` : 'liquidity runway (no cash burn)'),
  loan_to_value_ratio: (v) => `loan-to-value ${(v * 100).toFixed(1)} %`,
};

/** Stop-line rule ids: `stop-line.<kind>.<line id>`. */
export function stopLineRuleId(kind: StopLineKind, lineId: string): string {
  return `stop-line.${kind}.${lineId}`;
}

export function alertFor(row: StopLineRow, signal: StopLineSignal, input: TriggeringInput) {
  const say = UNITS[signal.metric] ?? ((v: number) => `${signal.metric} ${v}`);
  const breach = signal.kind === 'breach';
  const crossed = signal.direction === 'below' ? (breach ? 'fell below' : 'recovered above') : breach ? 'rose above' : 'fell back below';
  const threshold = breach ? signal.level : signal.recoveryLevel;
  const critical = row.kind === 'runway-floor' || row.kind === 'loan-to-value';
  return create(AlertRaisedSchema, {
    alertId: derivedEventId(row.line_id, signal.kind, input.eventId),
    ruleId: stopLineRuleId(row.kind, row.line_id),
    severity: !breach ? Severity.INFO : critical ? Severity.CRITICAL : Severity.WARNING,
    subject: row.ticker,
    metric: signal.metric,
    // a runway that clears because the burn stopped is unbounded: sent as the largest double
    value: Number.isFinite(signal.value) ? signal.value : Number.MAX_VALUE,
    threshold,
    direction: signal.direction === 'below' ? ThresholdDirection.BELOW : ThresholdDirection.ABOVE,
    message: `${row.ticker} ${row.kind} stop line ${breach ? 'breached' : 'cleared'}: ${say(signal.value)} ${crossed} ${say(threshold).replace(/^[^0-9]*/, '')}`,
    asOf: timestampFromDate(input.eventTime),
    lineage: create(LineageSchema, {
      methodologyVersion: STOP_LINE_METHODOLOGY,
      inputs: [create(InputRefSchema, { eventId: input.eventId, eventType: input.eventType, eventTime: timestampFromDate(input.eventTime) })],
    }),
  });
}
