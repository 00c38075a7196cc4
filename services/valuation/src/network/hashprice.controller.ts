import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, REDIS } from '@hashdesk/platform';
import { RecordNetworkInputUseCase } from './record-network-input.use-case';

@ApiTags('network')
@Controller('v1/network')
export class HashpriceController {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly useCase: RecordNetworkInputUseCase,
  ) {}

  @Get('hashprice/latest')
  @ApiOperation({ summary: 'The newest hashprice figure with its lineage (Redis cache, PostgreSQL behind it)' })
  @ApiOkResponse({ description: 'HashpriceComputed as protobuf JSON' })
  async latest(): Promise<Record<string, unknown>> {
    const cached = await this.redis.get(this.useCase.cacheKey()).catch(() => null);
    if (cached) return JSON.parse(cached) as Record<string, unknown>;
    const rows: Array<{ metric: Record<string, unknown> }> = await this.dataSource.query(
      'SELECT metric FROM hashprice_metric ORDER BY as_of DESC, metric_id LIMIT 1',
    );
    if (rows.length === 0) throw new NotFoundException('no hashprice yet: it needs a BTC price and a network snapshot');
    return rows[0].metric;
  }
}
