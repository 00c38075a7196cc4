import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toJson, type JsonValue } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { MachineTableComputedSchema } from '@hashdesk/contracts';
import { DATA_SOURCE } from '@hashdesk/platform';
import { MachineBreakevenQueryDto } from './dto/machine-breakeven.query.dto';
import { computeMachineTableMessage, REFERENCE_POWER_PRICES_USD_PER_KWH } from './machine-table.calculator';
import { loadNewestHashprice } from './newest-hashprice.query';
import { loadRegionalPowerPrices } from './regional-power-prices.repository';

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
    const metric = await loadNewestHashprice(this.dataSource);
    if (!metric) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', code: 'NO_HASHPRICE', message: 'no hashprice yet: the table needs a BTC price and a network snapshot' });
    }
    // Asked for one power price: that one only; otherwise the published table's references and regions.
    if (q.powerUsdPerKwh !== undefined) return toJson(MachineTableComputedSchema, computeMachineTableMessage(metric, [q.powerUsdPerKwh]));
    return toJson(MachineTableComputedSchema, computeMachineTableMessage(metric, REFERENCE_POWER_PRICES_USD_PER_KWH, await loadRegionalPowerPrices(this.dataSource)));
  }

  @Get('power-prices')
  @ApiOperation({ summary: 'Each region\'s newest power price valuation has seen (ingest.power.observed.v1), USD/kWh, with its event id and time' })
  @ApiOkResponse({ description: '{items[{region, powerUsdPerKwh, marketType, eventTime, eventId}]}' })
  async powerPrices(): Promise<{ items: Array<Record<string, unknown>> }> {
    const prices = await loadRegionalPowerPrices(this.dataSource);
    return { items: prices.map((p) => ({ region: p.region, powerUsdPerKwh: p.powerUsdPerKwh, marketType: p.marketType, eventTime: p.eventTime.toISOString(), eventId: p.eventId })) };
  }
}
