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

  /** The entries naming a company that were in force by `asOf` (no look-ahead), oldest first. */
  async forCompany(ticker: string, asOf: Date, db: Pick<EntityManager, 'query'> = this.dataSource): Promise<PolicyEventView[]> {
    const rows: Row[] = await db.query(
      'SELECT * FROM policy_event WHERE tickers @> ARRAY[$1]::text[] AND effective_at <= $2 ORDER BY effective_at, event_id', [ticker, asOf]);
    return rows.map(view);
  }

  async list(filter: { jurisdiction?: string; ticker?: string }): Promise<PolicyEventView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM policy_event WHERE ($1::text IS NULL OR jurisdiction = $1) AND ($2::text IS NULL OR tickers @> ARRAY[$2]::text[])
        ORDER BY effective_at DESC, event_id`,
      [filter.jurisdiction ?? null, filter.ticker ?? null],
    );
    return rows.map(view);
  }
}
