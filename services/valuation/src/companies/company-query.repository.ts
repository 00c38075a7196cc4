import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';

export interface StoredValuation {
  valuationId: string;
  ticker: string;
  asOf: Date;
  knownAt: Date;
  recordedAt: Date;
  profileVersion: number;
  /** CompanyValued as protobuf JSON. */
  valued: Record<string, unknown>;
  /** The profile version valued (canonical JSON). */
  profileJson: string;
}

export interface CompanySummary {
  ticker: string;
  name: string;
  profileVersions: number;
  latestProfileVersion: number;
  profileAsOf: Date;
  valuations: number;
  latestValuationAsOf: Date | null;
}

interface ValuationRow {
  valuation_id: string;
  ticker: string;
  as_of: Date;
  known_at: Date;
  recorded_at: Date;
  profile_version: number;
  valued: Record<string, unknown>;
  profile_json: string;
}

const toStored = (r: ValuationRow): StoredValuation => ({
  valuationId: r.valuation_id, ticker: r.ticker, asOf: new Date(r.as_of), knownAt: new Date(r.known_at), recordedAt: new Date(r.recorded_at),
  profileVersion: r.profile_version, valued: r.valued, profileJson: r.profile_json,
});

const VALUATION_SELECT = `SELECT v.valuation_id, v.ticker, v.as_of, v.known_at, v.recorded_at, v.profile_version, v.valued, p.profile_json
  FROM company_valuation v JOIN company_profile p ON p.ticker = v.ticker AND p.version = v.profile_version`;

export interface StoredProfileVersion {
  version: number;
  eventTime: Date;
  learnedTime: Date;
  profile: Record<string, unknown>;
}

/** Read side of company valuations: point-in-time look-ups on both axes (as_of ≤ asOf, known_at ≤ knownAt). */
@Injectable()
export class CompanyQueryRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async companies(limit: number, offset: number): Promise<{ items: CompanySummary[]; total: number }> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT p.ticker, (p.profile_json::jsonb ->> 'name') AS name, c.n AS versions, p.version, p.event_time,
              (SELECT count(*) FROM company_valuation v WHERE v.ticker = p.ticker) AS valuations,
              (SELECT max(as_of) FROM company_valuation v WHERE v.ticker = p.ticker) AS latest_as_of,
              count(*) OVER () AS total
         FROM (SELECT DISTINCT ON (ticker) * FROM company_profile ORDER BY ticker, event_time DESC, version DESC) p
         JOIN (SELECT ticker, count(*) AS n FROM company_profile GROUP BY ticker) c ON c.ticker = p.ticker
        ORDER BY p.ticker LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const total = rows.length > 0 ? Number(rows[0]['total']) : await this.countCompanies();
    return {
      total,
      items: rows.map((r) => ({
        ticker: r['ticker'] as string,
        name: r['name'] as string,
        profileVersions: Number(r['versions']),
        latestProfileVersion: Number(r['version']),
        profileAsOf: new Date(r['event_time'] as string),
        valuations: Number(r['valuations']),
        latestValuationAsOf: r['latest_as_of'] ? new Date(r['latest_as_of'] as string) : null,
      })),
    };
  }

  private async countCompanies(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: string }>>('SELECT count(DISTINCT ticker) AS n FROM company_profile');
    return Number(row.n);
  }

  async hasCompany(ticker: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM company_profile WHERE ticker = $1 LIMIT 1', [ticker]);
    return rows.length > 0;
  }

  /** Every profile version of a company, oldest period first (empty for an unknown ticker). */
  async profileVersions(ticker: string): Promise<StoredProfileVersion[]> {
    const rows: Array<{ version: number; event_time: Date; learned_time: Date; profile_json: string }> = await this.dataSource.query(
      'SELECT version, event_time, learned_time, profile_json FROM company_profile WHERE ticker = $1 ORDER BY event_time, version',
      [ticker],
    );
    return rows.map((r) => ({ version: Number(r.version), eventTime: new Date(r.event_time), learnedTime: new Date(r.learned_time), profile: JSON.parse(r.profile_json) as Record<string, unknown> }));
  }

  /** The newest valuation as of `asOf` among those computable from what was learned by `knownAt`. */
  async valuationAt(ticker: string, asOf: Date, knownAt: Date): Promise<StoredValuation | undefined> {
    const rows: ValuationRow[] = await this.dataSource.query(
      `${VALUATION_SELECT} WHERE v.ticker = $1 AND v.as_of <= $2 AND v.known_at <= $3
        ORDER BY v.as_of DESC, v.known_at DESC, v.inputs_from DESC, v.valuation_id LIMIT 1`,
      [ticker, asOf, knownAt],
    );
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** Every company's newest valuation at (asOf, knownAt). */
  async latestPerCompany(asOf: Date, knownAt: Date): Promise<StoredValuation[]> {
    const rows: ValuationRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (v.ticker) v.valuation_id, v.ticker, v.as_of, v.known_at, v.recorded_at, v.profile_version, v.valued, p.profile_json
         FROM company_valuation v JOIN company_profile p ON p.ticker = v.ticker AND p.version = v.profile_version
        WHERE v.as_of <= $1 AND v.known_at <= $2
        ORDER BY v.ticker, v.as_of DESC, v.known_at DESC, v.inputs_from DESC, v.valuation_id`,
      [asOf, knownAt],
    );
    return rows.map(toStored);
  }

  /** A company's valuations with as_of in [from, to], oldest first, every version kept (restatements included). */
  async history(ticker: string, from: Date, to: Date, knownAt: Date, limit: number, offset: number): Promise<StoredValuation[]> {
    const rows: ValuationRow[] = await this.dataSource.query(
      `${VALUATION_SELECT} WHERE v.ticker = $1 AND v.as_of >= $2 AND v.as_of <= $3 AND v.known_at <= $4
        ORDER BY v.as_of, v.known_at, v.valuation_id LIMIT $5 OFFSET $6`,
      [ticker, from, to, knownAt, limit, offset],
    );
    return rows.map(toStored);
  }
}
