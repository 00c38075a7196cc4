import { Module } from '@nestjs/common';
import { ObservationsController } from './observations.controller';
import { RecordObservationUseCase } from './record-observation.use-case';

@Module({ controllers: [ObservationsController], providers: [RecordObservationUseCase] })
export class ObservationsModule {}
