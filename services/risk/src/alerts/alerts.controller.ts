import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';

@ApiTags('alerts')
@Controller('v1')
export class AlertsController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('alerts')
  @ApiOperation({ summary: 'The newest 100 alerts, newest first' })
  async alerts(): Promise<unknown[]> {
    const rows: Array<{ alert: unknown }> = await this.dataSource.query('SELECT alert FROM alert ORDER BY as_of DESC, alert_id LIMIT 100');
    return rows.map((r) => r.alert);
  }

  @Get('rules')
  @ApiOperation({ summary: 'Each rule and whether it is breached now' })
  rules(): Promise<unknown[]> {
    return this.dataSource.query('SELECT rule_id AS "ruleId", breached, last_value AS "lastValue", last_metric_id AS "lastMetricId", updated_at AS "updatedAt" FROM rule_state ORDER BY rule_id');
  }
}
