import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { badRequest, DATA_SOURCE, tabular, type HttpResponse } from '@hashdesk/platform';
import { parseInstant } from '../http/query-params.dto';
import { METRIC_INTERVALS, NetworkMetricsQueryDto } from './dto/network-metrics.query.dto';

const COLUMNS = [
  'asOf', 'height', 'difficulty', 'btcPriceUsd', 'hashrateEhs', 'feeShareOfReward', 'subsidySats', 'feesPerBlockSats',
  'hashpriceBtcPerPhDay', 'hashpriceUsdPerPhDay',
  'nextRetargetHeight', 'nextRetargetProjectedAt', 'nextRetargetDifficultyChangePct', 'nextRetargetHashpriceUsdPerPhDayAfter', 'meanBlockIntervalSeconds',
  'metricId', 'methodologyVersion', 'knownAt',
] as const;

/** The projected retarget, flattened so that CSV has one column per figure; null where none was projected. */
const retargetColumns = (next: Record<string, string | number> | undefined) => ({
  nextRetargetHeight: next?.['retargetHeight'] ?? null,
  nextRetargetProjectedAt: next?.['projectedAt'] ?? null,
  nextRetargetDifficultyChangePct: next?.['difficultyChangePct'] ?? null,
  nextRetargetHashpriceUsdPerPhDayAfter: next?.['hashpriceUsdPerPhDayAfter'] ?? null,
  meanBlockIntervalSeconds: next?.['meanBlockIntervalSeconds'] ?? null,
});
const DEFAULT_LIMIT = 500;

type MetricJson = Record<string, unknown> & { lineage?: { methodologyVersion?: string }; nextRetarget?: Record<string, string | number> };

@ApiTags('network')
@Controller('v1/network')
export class NetworkMetricsController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('metrics')
  @ApiOperation({ summary: 'Network metrics (hashrate, fee share, BTC and USD hashprice, the projected next retarget and the hashprice after it) over a time range, raw or the last figure per interval' })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: '{items, page{limit, offset, nextOffset}, from, to, interval}; NDJSON or CSV for large ranges' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  async metrics(@Query() q: NetworkMetricsQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const from = parseInstant(q.from) ?? new Date(0);
    const to = parseInstant(q.to) ?? new Date();
    if (from > to) throw badRequest([{ field: 'from', rule: 'notAfterTo', message: 'must not be after to' }]);
    const interval = q.interval ?? 'raw';
    const limit = q.limit ?? DEFAULT_LIMIT;
    const offset = q.offset ?? 0;
    const bucket = METRIC_INTERVALS[interval];
    // A figure whose inputs' learned times are unknown (stored before known_at existed, inputs gone) counts as known at its as-of.
    const knownAt = parseInstant(q.knownAt) ?? new Date();
    const rows: Array<{ metric: MetricJson; known_at: Date | null }> = bucket === null
      ? await this.dataSource.query(
        `SELECT metric, known_at FROM hashprice_metric WHERE as_of >= $1 AND as_of <= $2 AND coalesce(known_at, as_of) <= $5
          ORDER BY as_of, metric_id LIMIT $3 OFFSET $4`,
        [from, to, limit, offset, knownAt],
      )
      : await this.dataSource.query(
        `SELECT metric, known_at FROM (
           SELECT DISTINCT ON (b) date_bin($5::interval, as_of, TIMESTAMPTZ '1970-01-01') AS b, metric, known_at
             FROM hashprice_metric WHERE as_of >= $1 AND as_of <= $2 AND coalesce(known_at, as_of) <= $6
            ORDER BY b, as_of DESC, metric_id DESC) last
          ORDER BY b LIMIT $3 OFFSET $4`,
        [from, to, limit, offset, bucket, knownAt],
      );
    const items = rows.map(({ metric, known_at }) => ({
      ...Object.fromEntries(COLUMNS.map((c) => [c, (metric[c] as string | number | undefined) ?? null])),
      ...retargetColumns(metric.nextRetarget),
      methodologyVersion: metric.lineage?.methodologyVersion ?? null,
      knownAt: known_at ? new Date(known_at).toISOString() : null,
    }));
    return tabular(res, q.format ?? 'json', COLUMNS, items, {
      from: from.toISOString(), to: to.toISOString(), knownAt: knownAt.toISOString(), interval, page: { limit, offset, nextOffset: items.length === limit ? offset + limit : null },
    });
  }
}
