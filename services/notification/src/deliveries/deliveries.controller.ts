import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';

@ApiTags('deliveries')
@Controller('v1')
export class DeliveriesController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('deliveries')
  @ApiOperation({ summary: 'The delivery log: newest 100 deliveries with status, attempts and latency' })
  deliveries(): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT event_id AS "eventId", endpoint_url AS "endpointUrl", status, attempts, last_status_code AS "lastStatusCode",
              last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt", latency_ms AS "latencyMs"
         FROM delivery ORDER BY id DESC LIMIT 100`,
    );
  }
}
