import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { renderAdapterMetrics } from './adapter-metrics';
import { AdapterScheduler } from './adapter-scheduler.service';

@ApiTags('live adapters')
@Controller()
export class AdapterMetricsController {
  constructor(private readonly scheduler: AdapterScheduler) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({ description: 'Live adapters\' state in the Prometheus text format: last success and error, failures, backoff, lag, counts.' })
  metrics(): string {
    return renderAdapterMetrics(this.scheduler.metrics());
  }
}
