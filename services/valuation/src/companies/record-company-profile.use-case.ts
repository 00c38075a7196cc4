import { Inject, Injectable } from '@nestjs/common';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import { type CompanyProfileRecorded, type Topics } from '@hashdesk/contracts';
import { EconomicsInputError, parseCompanyProfile } from '@hashdesk/economics';
import { PoisonMessageError, tryMarkProcessed, type DecodedEvent, type OutboxRelay } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY } from '@hashdesk/platform';
import { ComparablesCache } from './comparables.cache';
import { ValueCompaniesService } from './value-companies.service';

/**
 * Handles a company profile version: in one transaction it marks the event processed (inbox), keeps
 * the version and revalues the company from the version's event time on (outbox). A redelivered
 * event changes nothing.
 */
@Injectable()
export class RecordCompanyProfileUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly companies: ValueCompaniesService,
    private readonly cache: ComparablesCache,
  ) {}

  async onProfileRecorded(event: DecodedEvent<typeof Topics.companyProfileRecorded.schema>): Promise<void> {
    const m: CompanyProfileRecorded = event.message;
    if (!m.eventTime || !m.learnedTime) throw new PoisonMessageError('MISSING_TIMES', 'event_time and learned_time are required');
    checkProfile(m);
    const published = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'valuation', event.meta.id, event.topic))) return 0;
      return this.companies.recordProfileVersion(em, {
        ticker: m.ticker,
        version: m.version,
        eventId: event.meta.id,
        eventType: event.meta.type,
        eventTime: timestampDate(m.eventTime as Timestamp),
        learnedTime: timestampDate(m.learnedTime as Timestamp),
        profileJson: m.profileJson,
        sharePrice: m.sharePrice ? { priceUsd: m.sharePrice.priceUsd, asOf: m.sharePrice.asOf, source: m.sharePrice.source } : null,
      });
    });
    if (published > 0) {
      this.relay.kick();
      await this.cache.invalidate();
    }
  }
}

/** A profile that does not parse can never be valued: poison (dead-letter), not a retry. */
function checkProfile(m: CompanyProfileRecorded): void {
  let json: unknown;
  try {
    json = JSON.parse(m.profileJson);
  } catch (error) {
    throw new PoisonMessageError('INVALID_PROFILE_JSON', (error as Error).message);
  }
  try {
    const profile = parseCompanyProfile(json);
    if (profile.ticker !== m.ticker) throw new PoisonMessageError('TICKER_MISMATCH', `key ${m.ticker}, profile ${profile.ticker}`);
  } catch (error) {
    if (error instanceof EconomicsInputError) throw new PoisonMessageError('INVALID_PROFILE', error.message);
    throw error;
  }
  if (!(m.version >= 1)) throw new PoisonMessageError('INVALID_VERSION', `version must be ≥ 1, got ${m.version}`);
}
