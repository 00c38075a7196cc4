import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { parseCompanyProfile, type CompanyProfile, type SourcedFigure } from '@hashdesk/economics';
import { DATA_SOURCE } from '@hashdesk/platform';
import { RiskException, RiskExceptionCode } from '../common/risk.exception';

/** Balance-sheet figures a caller may supply where the profile has none (or a newer one). */
export interface BalanceSheetOverrides {
  totalDebtUsd?: number;
  cashUsd?: number;
  btcHeld?: number;
  sharesOutstanding?: number;
  convertibleNotesUsd?: number;
}

/** A profile version ingest published, as risk keeps it. */
export interface RecordedProfile {
  ticker: string;
  version: number;
  eventId: string;
  eventTime: Date;
  /** When ingest learned the version (its known-at time). */
  learnedTime: Date;
  profile: CompanyProfile;
}

/** Where a company's figures come from: the recorded version (and when it was known). */
export type ProfileProvenance = { source: 'recorded'; version: number; eventId: string; eventTime: Date; learnedTime: Date };

/** Other instances' consumption reaches this one's memory within this interval. */
const REFRESH_INTERVAL_MS = 30_000;

/**
 * Company profiles by ticker: the newest version ingest published (ingest.company-profile.recorded.v1,
 * kept in company_profile_version and held in memory). Ingest is the only door: a company it has not
 * published is unknown here (seed data/companies with ingest's load-profiles command).
 */
@Injectable()
export class CompanyProfilesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly newest = new Map<string, RecordedProfile>();
  /** Parsed versions by ticker:version, oldest evicted first (a backfill asks for the same few thousand times). */
  private readonly exactVersions = new Map<string, RecordedProfile>();
  private timer?: NodeJS.Timeout;

  constructor(@Optional() @Inject(DATA_SOURCE) private readonly dataSource?: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  tickers(): string[] {
    return [...this.newest.keys()].sort();
  }

  /** The newest profile, with the caller's overrides (marked as such in their source). */
  get(ticker: string, overrides: BalanceSheetOverrides = {}, field = 'ticker'): CompanyProfile {
    return this.current(ticker, overrides, field).profile;
  }

  /** The newest profile (with the caller's overrides) and where it comes from, read together. */
  current(ticker: string, overrides: BalanceSheetOverrides = {}, field = 'ticker'): { profile: CompanyProfile; provenance: ProfileProvenance } {
    const upper = ticker.toUpperCase();
    const recorded = this.newest.get(upper);
    if (!recorded) {
      const known = this.tickers();
      throw new RiskException(RiskExceptionCode.UNKNOWN_COMPANY, `no company profile for '${ticker}' (${known.length > 0 ? `one of ${known.join(', ')}` : 'none published by ingest yet'})`, field);
    }
    const { version, eventId, eventTime, learnedTime } = recorded;
    return { profile: withOverrides(recorded.profile, overrides), provenance: { source: 'recorded', version, eventId, eventTime, learnedTime } };
  }

  /** The version a valuation used, or the newest recorded one before it; undefined when none is recorded. */
  async atVersion(ticker: string, version: number): Promise<RecordedProfile | undefined> {
    if (!this.dataSource) return undefined;
    const key = `${ticker.toUpperCase()}:${version}`;
    const cached = this.exactVersions.get(key);
    if (cached) return cached;
    const [row]: ProfileRow[] = await this.dataSource.query(
      'SELECT * FROM company_profile_version WHERE ticker = $1 AND version <= $2 ORDER BY version DESC LIMIT 1', [ticker.toUpperCase(), version]);
    const recorded = row && toRecorded(row);
    // A version never changes once recorded: an exact hit is kept (a nearest-older one may still be superseded).
    if (recorded && recorded.version === version) {
      if (this.exactVersions.size >= MAX_CACHED_VERSIONS) this.exactVersions.delete(this.exactVersions.keys().next().value as string);
      this.exactVersions.set(key, recorded);
    }
    return recorded;
  }

  /** Called after a version is committed, so that this instance serves it at once. */
  remember(recorded: RecordedProfile): void {
    const held = this.newest.get(recorded.ticker);
    if (!held || held.version < recorded.version) this.newest.set(recorded.ticker, recorded);
  }

  private async refresh(): Promise<void> {
    if (!this.dataSource) return;
    const rows: ProfileRow[] = await this.dataSource.query('SELECT DISTINCT ON (ticker) * FROM company_profile_version ORDER BY ticker, version DESC');
    for (const row of rows) this.remember(toRecorded(row));
  }
}

interface ProfileRow {
  ticker: string;
  version: number;
  event_id: string;
  event_time: Date;
  learned_time: Date;
  profile_json: string;
}

const MAX_CACHED_VERSIONS = 2_000;

const toRecorded = (r: ProfileRow): RecordedProfile => ({
  ticker: r.ticker, version: r.version, eventId: r.event_id, eventTime: new Date(r.event_time), learnedTime: new Date(r.learned_time), profile: parseCompanyProfile(JSON.parse(r.profile_json)),
});

function withOverrides(profile: CompanyProfile, overrides: BalanceSheetOverrides): CompanyProfile {
  const given = (figure: SourcedFigure, value: number | undefined): SourcedFigure => (value === undefined ? figure : { value, asOf: null, source: 'request override' });
  const bs = profile.balanceSheet;
  return {
    ...profile,
    balanceSheet: {
      ...bs,
      totalDebtUsd: given(bs.totalDebtUsd, overrides.totalDebtUsd),
      cashUsd: given(bs.cashUsd, overrides.cashUsd),
      btcHeld: given(bs.btcHeld, overrides.btcHeld),
      sharesOutstanding: given(bs.sharesOutstanding, overrides.sharesOutstanding),
      convertibleNotesUsd: given(bs.convertibleNotesUsd, overrides.convertibleNotesUsd),
    },
  };
}
