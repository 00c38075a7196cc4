import { Module } from '@nestjs/common';
import { ObservationsModule } from '../observations/observations.module';
import { BackfillController } from './backfill.controller';
import { BackfillUseCase } from './backfill.use-case';

@Module({ imports: [ObservationsModule], controllers: [BackfillController], providers: [BackfillUseCase], exports: [BackfillUseCase] })
export class BackfillModule {}
