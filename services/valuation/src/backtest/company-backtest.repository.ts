import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { blockSubsidyBtc, hashpriceBtcPerPhDay, type NetworkDay } from '@hashdesk/economics';
import { DATA_SOURCE } from '@hashdesk/platform';

interface DayRow {
  day: string;
  price_usd: number | null;
  difficulty: number | null;
  height: number | null;
  fees_per_block_sats: number | null;
}

/** What the backtest reads: a company's profile versions and the network's days, from valuation's own tables. */
@Injectable()
export class CompanyBacktestRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Every profile version of the ticker as JSON, oldest version first. */
  async profileVersions(ticker: string): Promise<string[]> {
    const rows: Array<{ profile_json: string }> = await this.dataSource.query(
      'SELECT profile_json FROM company_profile WHERE ticker = $1 ORDER BY version', [ticker]);
    return rows.map((r) => r.profile_json);
  }

  /**
   * One NetworkDay per UTC day with both a price and a snapshot: mean price, mean difficulty, the day's
   * last height (for the subsidy) and mean fees. BTC per PH/day is the hashprice at that difficulty.
   */
  async networkDays(from: string, to: string): Promise<NetworkDay[]> {
    const rows: DayRow[] = await this.dataSource.query(
      `SELECT to_char(date_trunc('day', event_time AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
              avg(("values"->>'priceUsd')::float8) FILTER (WHERE kind = 'btc-price') AS price_usd,
              avg(("values"->>'difficulty')::float8) FILTER (WHERE kind = 'network-snapshot') AS difficulty,
              max(("values"->>'height')::float8) FILTER (WHERE kind = 'network-snapshot') AS height,
              avg(("values"->>'feesPerBlockSats')::float8) FILTER (WHERE kind = 'network-snapshot') AS fees_per_block_sats
         FROM market_input
        WHERE event_time >= $1::date AND event_time < $2::date + 1
        GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
    return rows
      .filter((r) => r.price_usd !== null && r.difficulty !== null && r.height !== null)
      .map((r) => {
        const rewardBtcPerBlock = blockSubsidyBtc(Number(r.height)) + Number(r.fees_per_block_sats ?? 0) / 1e8;
        return {
          date: r.day,
          btcPriceUsd: Number(r.price_usd),
          difficulty: Number(r.difficulty),
          rewardBtcPerBlock,
          btcPerPhDay: hashpriceBtcPerPhDay(Number(r.difficulty), rewardBtcPerBlock),
        };
      });
  }
}
