import { Module } from '@nestjs/common';
import { CompaniesController } from './companies.controller';
import { RecordCompanyProfileUseCase } from './record-company-profile.use-case';

@Module({ controllers: [CompaniesController], providers: [RecordCompanyProfileUseCase], exports: [RecordCompanyProfileUseCase] })
export class CompaniesModule {}
