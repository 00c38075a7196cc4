import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';

/** One register entry as risk keeps it. */
export interface PolicyEventView {
  eventId: string;
  jurisdiction: string;
  tickers: string[];
  kind: string;
  impact: number;
  effectiveAt: Date;
  learnedAt: Date;
  title: string;
  sourceUrl: string;
  authority: string;
}

interface Row {
  event_id: string;
  jurisdiction: string;
  tickers: string[];
  kind: string;
  impact: number;
  effective_at: Date;
  learned_at: Date;
  title: string;
  source_url: string;
  authority: string;
}

const view = (r: Row): PolicyEventView => ({
  eventId: r.event_id, jurisdiction: r.jurisdiction, tickers: r.tickers, kind: r.kind, impact: r.impact, effectiveAt: new Date(r.effective_at),
  learnedAt: new Date(r.learned_at), title: r.title, sourceUrl: r.source_url, authority: r.authority,
});

/** SQL: the entry names the company $1. */
const NAMES_COMPANY = 'tickers @> ARRAY[$1::text]';
/** SQL: the entry names the company $1, or names no company in a jurisdiction where an entry names it. */
const BEARS_ON_COMPANY = `(${NAMES_COMPANY} OR (cardinality(tickers) = 0 AND jurisdiction IN (SELECT jurisdiction FROM policy_event WHERE ${NAMES_COMPANY})))`;

/** The policy and permit register (risk's copy of ingest.policy-event.recorded.v1). */
@Injectable()
export class PolicyRegisterRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Keeps an entry once; false when it was there already. */
  async save(em: EntityManager, e: PolicyEventView): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO policy_event (event_id, jurisdiction, tickers, kind, impact, effective_at, learned_at, title, source_url, authority)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [e.eventId, e.jurisdiction, e.tickers, e.kind, e.impact, e.effectiveAt, e.learnedAt, e.title, e.sourceUrl, e.authority],
    );
    return rows.length > 0;
  }

  /**
   * The entries that bear on a company and were in force by `asOf` (no look-ahead), oldest first: those
   * naming it, and those naming no company in a jurisdiction where it operates (jurisdictionsOf).
   */
  async forCompany(ticker: string, asOf: Date, db: Pick<EntityManager, 'query'> = this.dataSource): Promise<PolicyEventView[]> {
    const rows: Row[] = await db.query(`SELECT * FROM policy_event WHERE ${BEARS_ON_COMPANY} AND effective_at <= $2 ORDER BY effective_at, event_id`, [ticker, asOf]);
    return rows.map(view);
  }

  /**
   * Where a company operates, as the register knows it: the jurisdictions of the entries that name it.
   * The company profiles (format v1) carry no sites, so this is the only source; a company the register
   * has never named gets no jurisdiction-wide entry.
   */
  async jurisdictionsOf(ticker: string, db: Pick<EntityManager, 'query'> = this.dataSource): Promise<string[]> {
    const rows: Array<{ jurisdiction: string }> = await db.query(`SELECT DISTINCT jurisdiction FROM policy_event WHERE ${NAMES_COMPANY} ORDER BY jurisdiction`, [ticker]);
    return rows.map((r) => r.jurisdiction);
  }

  async list(filter: { jurisdiction?: string; ticker?: string }): Promise<PolicyEventView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM policy_event WHERE ($2::text IS NULL OR jurisdiction = $2) AND ($1::text IS NULL OR ${BEARS_ON_COMPANY})
        ORDER BY effective_at DESC, event_id`,
      [filter.ticker ?? null, filter.jurisdiction ?? null],
    );
    return rows.map(view);
  }
}
