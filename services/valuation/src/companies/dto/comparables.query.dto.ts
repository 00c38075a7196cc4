import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PointInTimeQueryDto } from '../../http/query-params.dto';
import { SORT_KEYS } from '../comparable-row.mapper';

export class ComparablesQueryDto extends PointInTimeQueryDto {
  @ApiPropertyOptional({ enum: SORT_KEYS, default: 'evPerEhUsd', description: 'evPerEhUsd = EV per operating EH/s, mNav = mNAV basic, costPerBtcUsd = power cost per BTC, upside = fair value per share vs price' })
  @IsOptional()
  @IsIn(SORT_KEYS, { message: `must be one of ${SORT_KEYS.join(', ')}` })
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'must be asc or desc' })
  order?: 'asc' | 'desc';
}
