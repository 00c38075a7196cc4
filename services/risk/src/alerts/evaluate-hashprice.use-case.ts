import { Inject, Injectable } from '@nestjs/common';
import { create, toJson } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import {
  AlertRaisedSchema, InputRefSchema, LineageSchema, Severity, ThresholdDirection, Topics, type HashpriceComputed,
} from '@hashdesk/contracts';
import { derivedEventId, tryMarkProcessed, type DecodedEvent, type OutboxRelay, type OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, LOGGER, OUTBOX_RELAY, OUTBOX_WRITER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { RISK_CONFIG } from '../config/risk-config.token';
import type { RiskEnv } from '../config/risk.config';
import { MarketStateRepository } from '../market/market-state.repository';
import { EvaluateStopLinesService } from '../watchlists/evaluate-stop-lines.service';
import { evaluateThreshold, type ThresholdRule } from './threshold-rule';

export const HASHPRICE_FLOOR_RULE_ID = 'network.hashprice-floor';

/**
 * Evaluates the hashprice floor rule and the economic stop lines (break-even hashprice, break-even
 * BTC price, runway floor, loan-to-value) on each hashprice figure, and keeps the figure's market as
 * the API's default market. Inbox, rule and line state, and the alerts' outbox rows change in one
 * transaction: a redelivered figure raises nothing twice.
 */
@Injectable()
export class EvaluateHashpriceUseCase {
  private readonly rule: ThresholdRule;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(RISK_CONFIG) config: RiskEnv,
    private readonly marketState: MarketStateRepository,
    private readonly stopLines: EvaluateStopLinesService,
  ) {
    this.rule = {
      ruleId: HASHPRICE_FLOOR_RULE_ID,
      metric: 'hashprice_usd_per_ph_day',
      direction: 'below',
      thresholdValue: config.RISK_HASHPRICE_FLOOR_USD_PER_PH_DAY,
      recoveryMarginPct: config.RISK_HASHPRICE_RECOVERY_MARGIN_PCT,
    };
  }

  async execute(event: DecodedEvent<typeof Topics.hashpriceComputed.schema>): Promise<void> {
    const metric: HashpriceComputed = event.message;
    const value = metric.hashpriceUsdPerPhDay;
    const raised = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'risk', event.meta.id, event.topic))) return false;
      const [state] = await em.query('SELECT breached FROM rule_state WHERE rule_id = $1 FOR UPDATE', [this.rule.ruleId]);
      const transition = evaluateThreshold(this.rule, Boolean(state?.breached), value);
      await em.query(
        `INSERT INTO rule_state (rule_id, breached, last_value, last_metric_id, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (rule_id) DO UPDATE SET breached = EXCLUDED.breached, last_value = EXCLUDED.last_value,
           last_metric_id = EXCLUDED.last_metric_id, updated_at = now()`,
        [this.rule.ruleId, transition === 'raise' ? true : transition === 'clear' ? false : Boolean(state?.breached), value, metric.metricId],
      );
      if (transition === 'clear') this.logger.info({ rule: this.rule.ruleId, value }, 'rule cleared');
      const eventTime = metric.asOf ? timestampDate(metric.asOf) : event.meta.time;
      const market = {
        btcPriceUsd: metric.btcPriceUsd,
        difficulty: metric.difficulty,
        height: metric.height,
        feesBtcPerBlock: Number(metric.feesPerBlockSats) / 1e8,
      };
      await this.marketState.record(em, { market, asOf: eventTime, metricId: metric.metricId });
      const lineAlerts = await this.stopLines.onMarket(em, market, value, { eventId: event.meta.id, eventType: event.meta.type, eventTime });
      if (transition !== 'raise') return lineAlerts > 0;
      const alert = this.alertFor(metric, event);
      const asOf = timestampDate(alert.asOf as Timestamp);
      await em.query('INSERT INTO alert (alert_id, rule_id, as_of, alert) VALUES ($1, $2, $3, $4)', [
        alert.alertId, this.rule.ruleId, asOf, JSON.stringify(toJson(AlertRaisedSchema, alert)),
      ]);
      await this.outbox.add(em, { entry: Topics.alertRaised, message: alert, eventId: alert.alertId, eventTime: asOf, subject: alert.subject });
      return true;
    });
    if (raised) this.relay.kick();
  }

  private alertFor(metric: HashpriceComputed, event: DecodedEvent) {
    const threshold = this.rule.thresholdValue;
    return create(AlertRaisedSchema, {
      alertId: derivedEventId(this.rule.ruleId, metric.metricId),
      ruleId: this.rule.ruleId,
      severity: Severity.WARNING,
      subject: 'network',
      metric: this.rule.metric,
      value: metric.hashpriceUsdPerPhDay,
      threshold,
      direction: ThresholdDirection.BELOW,
      message: `Network hashprice ${metric.hashpriceUsdPerPhDay.toFixed(2)} USD/PH/day fell below the floor of ${threshold} USD/PH/day`,
      asOf: metric.asOf ?? timestampFromDate(event.meta.time),
      lineage: create(LineageSchema, {
        methodologyVersion: 'risk.threshold/1',
        inputs: [create(InputRefSchema, { eventId: event.meta.id, eventType: event.meta.type, eventTime: metric.asOf })],
      }),
    });
  }
}
