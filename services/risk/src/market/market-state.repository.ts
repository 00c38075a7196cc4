import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { MarketInputs } from '@hashdesk/economics';
import { DATA_SOURCE } from '@hashdesk/platform';

export interface MarketState {
  market: MarketInputs;
  asOf: Date;
  metricId: string;
}

/** The newest network market state seen on valuation.hashprice.computed.v1: the default market of the API. */
@Injectable()
export class MarketStateRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async latest(): Promise<MarketState | null> {
    const [row] = await this.dataSource.query('SELECT market, as_of, metric_id FROM market_state WHERE id = $1', ['network']);
    return row ? { market: row.market, asOf: row.as_of, metricId: row.metric_id } : null;
  }

  /** Keeps the newer of the stored and the given state (event time decides). */
  async record(em: EntityManager, state: MarketState): Promise<void> {
    await em.query(
      `INSERT INTO market_state (id, market, as_of, metric_id) VALUES ('network', $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET market = EXCLUDED.market, as_of = EXCLUDED.as_of, metric_id = EXCLUDED.metric_id
       WHERE market_state.as_of <= EXCLUDED.as_of`,
      [JSON.stringify(state.market), state.asOf, state.metricId],
    );
  }
}
