import { Inject, Injectable } from '@nestjs/common';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import type { CompanyProfileRecorded, Topics } from '@hashdesk/contracts';
import { EconomicsInputError, parseCompanyProfile, type CompanyProfile } from '@hashdesk/economics';
import { PoisonMessageError, tryMarkProcessed, type DecodedEvent } from '@hashdesk/messaging';
import { DATA_SOURCE } from '@hashdesk/platform';
import { CompanyProfilesService } from './company-profiles.service';

/**
 * Keeps each profile version ingest publishes (inbox in the same transaction), so that risk judges a
 * valuation with the version it was valued with, and serves the newest one. A redelivery changes nothing.
 */
@Injectable()
export class RecordCompanyProfileUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly profiles: CompanyProfilesService,
  ) {}

  async execute(event: DecodedEvent<typeof Topics.companyProfileRecorded.schema>): Promise<void> {
    const m: CompanyProfileRecorded = event.message;
    if (!m.eventTime) throw new PoisonMessageError('MISSING_TIMES', 'event_time is required');
    const profile = parsed(m);
    const eventTime = timestampDate(m.eventTime as Timestamp);
    const learnedTime = m.learnedTime ? timestampDate(m.learnedTime) : event.meta.time;
    const kept = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'risk', event.meta.id, event.topic))) return false;
      const rows: unknown[] = await em.query(
        `INSERT INTO company_profile_version (ticker, version, event_id, event_time, learned_time, profile_json) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING version`,
        [m.ticker, m.version, event.meta.id, eventTime, learnedTime, m.profileJson],
      );
      return rows.length > 0;
    });
    if (kept) this.profiles.remember({ ticker: m.ticker, version: m.version, eventId: event.meta.id, eventTime, learnedTime, profile });
  }
}

/** A version that does not parse, or names another company than its key, can never be used: poison. */
function parsed(m: CompanyProfileRecorded): CompanyProfile {
  try {
    const profile = parseCompanyProfile(JSON.parse(m.profileJson));
    if (profile.ticker !== m.ticker) throw new PoisonMessageError('TICKER_MISMATCH', `message ${m.ticker}, profile ${profile.ticker}`);
    return profile;
  } catch (error) {
    if (error instanceof EconomicsInputError || error instanceof SyntaxError) throw new PoisonMessageError('INVALID_PROFILE', (error as Error).message);
    throw error;
  }
}
