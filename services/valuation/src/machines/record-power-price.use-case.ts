import { Inject, Injectable } from '@nestjs/common';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import { Topics, type PowerPriceObserved } from '@hashdesk/contracts';
import { PoisonMessageError, tryMarkProcessed, type DecodedEvent, type OutboxRelay, type OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY, OUTBOX_WRITER } from '@hashdesk/platform';
import { computeMachineTableMessage, REFERENCE_POWER_PRICES_USD_PER_KWH } from './machine-table.calculator';
import { loadNewestHashprice } from './newest-hashprice.query';
import { loadRegionalPowerPrices, recordPowerPriceObservation, upsertRegionalPowerPrice } from './regional-power-prices.repository';

/**
 * Handles a power price: in one transaction it marks the event processed (inbox), keeps it when it is
 * its region's newest by event time (every observation is kept for point-in-time site pricing), and then republishes the ASIC break-even table at the newest
 * hashprice with every region's newest price. An older or redelivered price changes nothing.
 */
@Injectable()
export class RecordPowerPriceUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  async onPowerObserved(event: DecodedEvent<typeof Topics.powerObserved.schema>): Promise<void> {
    const m: PowerPriceObserved = event.message;
    if (!m.region) throw new PoisonMessageError('MISSING_REGION', 'region is required');
    if (!Number.isFinite(m.powerUsdPerKwh)) throw new PoisonMessageError('INVALID_POWER_PRICE', `powerUsdPerKwh must be a finite number, got ${m.powerUsdPerKwh}`);
    const eventTime = m.eventTime ? timestampDate(m.eventTime as Timestamp) : event.meta.time;
    const published = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'valuation', event.meta.id, event.topic))) return false;
      const price = { region: m.region, eventId: event.meta.id, eventType: event.meta.type, eventTime, powerUsdPerKwh: m.powerUsdPerKwh, marketType: m.marketType };
      await recordPowerPriceObservation(em, price);
      if (!(await upsertRegionalPowerPrice(em, price))) return false;
      const metric = await loadNewestHashprice(em);
      if (!metric) return false;
      const table = computeMachineTableMessage(metric, REFERENCE_POWER_PRICES_USD_PER_KWH, await loadRegionalPowerPrices(em));
      // The table is a fact about the hashprice; its event time stays the figure's, the power price is in its lineage.
      await this.outbox.add(em, { entry: Topics.machinesComputed, message: table, eventId: table.metricId, eventTime: timestampDate(metric.asOf as Timestamp), subject: 'catalog' });
      return true;
    });
    if (published) this.relay.kick();
  }
}
