import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromJson, toJson, type JsonValue } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { HashpriceComputedSchema, MachineTableComputedSchema } from '@hashdesk/contracts';
import { DATA_SOURCE } from '@hashdesk/platform';
import { MachineBreakevenQueryDto } from './dto/machine-breakeven.query.dto';
import { computeMachineTableMessage, REFERENCE_POWER_PRICES_USD_PER_KWH } from './machine-table.calculator';

@ApiTags('machines')
@Controller('v1/machines')
export class MachinesController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('breakeven')
  @ApiOperation({ summary: 'The ASIC catalog break-even table at the newest stored hashprice: per model, break-even power price, revenue, and profit / break-even hashprice / shutdown BTC price at the power price(s)' })
  @ApiOkResponse({ description: 'MachineTableComputed as protobuf JSON (rows[].atPowerPrices[] one per power price)' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  @ApiNotFoundResponse({ description: 'code NO_HASHPRICE: no hashprice yet (it needs a BTC price and a network snapshot)' })
  async breakeven(@Query() q: MachineBreakevenQueryDto): Promise<JsonValue> {
    const rows: Array<{ metric: JsonValue }> = await this.dataSource.query('SELECT metric FROM hashprice_metric ORDER BY as_of DESC, metric_id LIMIT 1');
    if (rows.length === 0) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', code: 'NO_HASHPRICE', message: 'no hashprice yet: the table needs a BTC price and a network snapshot' });
    }
    const metric = fromJson(HashpriceComputedSchema, rows[0].metric);
    const powerPrices = q.powerUsdPerKwh === undefined ? REFERENCE_POWER_PRICES_USD_PER_KWH : [q.powerUsdPerKwh];
    return toJson(MachineTableComputedSchema, computeMachineTableMessage(metric, powerPrices));
  }
}
