import { Module } from '@nestjs/common';
import { QuarantineWriter } from '../quarantine/quarantine.writer';
import { ObservationsController } from './observations.controller';
import { OutboxRelaySwitch } from './outbox-relay-switch.service';
import { RecordObservationsUseCase } from './record-observations.use-case';

@Module({ controllers: [ObservationsController], providers: [RecordObservationsUseCase, QuarantineWriter, OutboxRelaySwitch], exports: [RecordObservationsUseCase] })
export class ObservationsModule {}
