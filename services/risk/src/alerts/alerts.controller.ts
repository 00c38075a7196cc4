import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, FormatQueryDto, rowsBody, type Cell, type HttpResponse } from '@hashdesk/platform';
import { ALERT_COLUMNS, alertRow } from './alert-row.mapper';
import { AlertsQueryDto } from './alerts.query.dto';

const DEFAULT_LIMIT = 100;
const RULE_COLUMNS = ['ruleId', 'breached', 'lastValue', 'lastMetricId', 'updatedAt'];

@ApiTags('alerts')
@Controller('v1')
export class AlertsController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('alerts')
  @ApiOperation({
    summary: 'The newest alerts (default 100), newest first',
    description: `JSON: the AlertRaised messages as stored. CSV and NDJSON: one flat row per alert: ${ALERT_COLUMNS.join(', ')} (value and threshold in the metric's unit).`,
  })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'JSON: an array of AlertRaised; CSV (attachment alerts.csv) or NDJSON: the flat rows' })
  async alerts(@Query() q: AlertsQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const rows: Array<{ alert: unknown }> = await this.dataSource.query('SELECT alert FROM alert ORDER BY as_of DESC, alert_id LIMIT $1', [q.limit ?? DEFAULT_LIMIT]);
    const alerts = rows.map((r) => r.alert);
    return (q.format ?? 'json') === 'json' ? alerts : rowsBody(res, q.format as 'csv' | 'ndjson', ALERT_COLUMNS, alerts.map(alertRow), 'alerts');
  }

  @Get('rules')
  @ApiOperation({ summary: 'Each rule and whether it is breached now (lastValue in the rule metric\'s unit)' })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  async rules(@Query() q: FormatQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const rows: Array<Record<string, Cell | Date>> = await this.dataSource.query(
      'SELECT rule_id AS "ruleId", breached, last_value AS "lastValue", last_metric_id AS "lastMetricId", updated_at AS "updatedAt" FROM rule_state ORDER BY rule_id',
    );
    if ((q.format ?? 'json') === 'json') return rows;
    const flat = rows.map((r) => ({ ...r, updatedAt: r.updatedAt instanceof Date ? r.updatedAt.toISOString() : (r.updatedAt as Cell) }));
    return rowsBody(res, q.format as 'csv' | 'ndjson', RULE_COLUMNS, flat, 'rules');
  }
}
