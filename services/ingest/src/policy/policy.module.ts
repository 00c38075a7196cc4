import { Module } from '@nestjs/common';
import { PolicyController } from './policy.controller';
import { RecordPolicyEventUseCase } from './record-policy-event.use-case';

@Module({ controllers: [PolicyController], providers: [RecordPolicyEventUseCase] })
export class PolicyModule {}
