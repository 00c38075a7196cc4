import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { create, toJson } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import {
  AlertRaisedSchema, InputRefSchema, LineageSchema, Severity, ThresholdDirection, Topics, type HashpriceComputed,
} from '@hashdesk/contracts';
import { tryMarkProcessed, type DecodedEvent, type OutboxRelay, type OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, LOGGER, OUTBOX_RELAY, OUTBOX_WRITER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { RISK_CONFIG } from '../config/risk-config.token';
import type { RiskEnv } from '../config/risk.config';
import { evaluateThreshold, type ThresholdRule } from './threshold-rule';

export const HASHPRICE_FLOOR_RULE_ID = 'network.hashprice-floor';

/**
 * Evaluates the hashprice floor rule on each hashprice figure. Inbox, rule state and the alert's
 * outbox row change in one transaction: a redelivered figure raises nothing twice.
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
      if (transition !== 'raise') return false;
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
      alertId: deterministicId(`${this.rule.ruleId}|${metric.metricId}`),
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

function deterministicId(seed: string): string {
  const d = createHash('sha256').update(seed).digest('hex');
  return `${d.slice(0, 8)}-${d.slice(8, 12)}-8${d.slice(13, 16)}-a${d.slice(17, 20)}-${d.slice(20, 32)}`;
}
