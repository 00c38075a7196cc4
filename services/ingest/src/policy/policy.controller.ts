import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RequireScope } from '@hashdesk/platform';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PolicyEventRequestDto } from './policy-event.request.dto';
import { RecordPolicyEventUseCase, type RecordPolicyEventResult } from './record-policy-event.use-case';

@ApiTags('policy')
@RequireScope('ingest:write')
@Controller('v1/policy-events')
export class PolicyController {
  constructor(private readonly record: RecordPolicyEventUseCase) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Enter a policy or permit decision into the register (ingest.policy-event.recorded.v1)',
    description: 'Jurisdiction, affected tickers, kind, impact (-3 … +3, never 0), effective date and source. The same entry again publishes nothing.',
  })
  @ApiAcceptedResponse({ description: '{eventId, jurisdiction, published}' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  submit(@Body() body: PolicyEventRequestDto): Promise<RecordPolicyEventResult> {
    return this.record.execute(body);
  }
}
