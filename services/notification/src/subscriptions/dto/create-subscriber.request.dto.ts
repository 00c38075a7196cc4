import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateSubscriberRequestDto {
  @ApiProperty({ example: 'treasury-desk' })
  @IsString()
  @Length(1, 200)
  name!: string;
}
