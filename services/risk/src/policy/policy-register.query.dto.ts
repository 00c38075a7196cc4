import { FormatQueryDto } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class PolicyRegisterQueryDto extends FormatQueryDto {
  @ApiPropertyOptional({ example: 'US-NY' })
  @IsOptional()
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166-2 code (US-NY) or an ISO 3166-1 alpha-2 country (PY)' })
  jurisdiction?: string;

  @ApiPropertyOptional({ example: 'GREE' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9.]{1,10}$/, { message: 'must be 1-10 letters, digits or dots' })
  ticker?: string;
}
