import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { MarketInputs } from '@hashdesk/economics';
import { DATA_SOURCE } from '@hashdesk/platform';

/** What GET /v1/risk/companies/{ticker}/scenarios answers: the evaluation as stored. */
export interface StoredScenarioEvaluation {
  evaluationId: string;
  ticker: string;
  asOf: string;
  knownAt: string | null;
  valuationId: string;
  valuationEventId: string;
  market: MarketInputs;
  recordedAt: string;
  /** The ScenariosEvaluated event as proto JSON, plus the full tables (standingScenarios, balanceSheetRisk). */
  evaluation: Record<string, unknown>;
}

export interface NewScenarioEvaluation {
  evaluationId: string;
  ticker: string;
  asOf: Date;
  knownAt: Date | null;
  valuationId: string;
  valuationEventId: string;
  market: MarketInputs;
  evaluation: Record<string, unknown>;
}

interface Row {
  evaluation_id: string;
  ticker: string;
  as_of: Date;
  known_at: Date | null;
  valuation_id: string;
  valuation_event_id: string;
  market: MarketInputs;
  evaluation: Record<string, unknown>;
  recorded_at: Date;
}

/** Scenario evaluations by company, point in time by the valuation's as-of. */
@Injectable()
export class ScenarioEvaluationsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Returns false when the evaluation was stored before. */
  async save(em: EntityManager, e: NewScenarioEvaluation): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO scenario_evaluation (evaluation_id, ticker, as_of, known_at, valuation_id, valuation_event_id, market, evaluation, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT (evaluation_id) DO NOTHING RETURNING evaluation_id`,
      [e.evaluationId, e.ticker, e.asOf, e.knownAt, e.valuationId, e.valuationEventId, JSON.stringify(e.market), JSON.stringify(e.evaluation)],
    );
    return rows.length === 1;
  }

  /** Stores a batch with one statement; returns the ids that were new (a repeat, in the batch or stored before, is not). */
  async saveMany(em: EntityManager, batch: NewScenarioEvaluation[]): Promise<Set<string>> {
    if (batch.length === 0) return new Set();
    const rows: Array<{ evaluation_id: string }> = await em.query(
      `INSERT INTO scenario_evaluation (evaluation_id, ticker, as_of, known_at, valuation_id, valuation_event_id, market, evaluation, recorded_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[])
       ON CONFLICT (evaluation_id) DO NOTHING RETURNING evaluation_id`,
      [
        batch.map((e) => e.evaluationId), batch.map((e) => e.ticker), batch.map((e) => e.asOf), batch.map((e) => e.knownAt),
        batch.map((e) => e.valuationId), batch.map((e) => e.valuationEventId), batch.map((e) => JSON.stringify(e.market)),
        batch.map((e) => JSON.stringify(e.evaluation)),
      ],
    );
    return new Set(rows.map((r) => r.evaluation_id));
  }

  /** The newest evaluation of the company with as-of at or before `asOf` (default: the newest); ties go to the last recorded. */
  async latest(ticker: string, asOf?: Date): Promise<StoredScenarioEvaluation | null> {
    const [row]: Row[] = await this.dataSource.query(
      `SELECT * FROM scenario_evaluation WHERE ticker = $1 AND ($2::timestamptz IS NULL OR as_of <= $2::timestamptz)
       ORDER BY as_of DESC, recorded_at DESC, evaluation_id DESC LIMIT 1`,
      [ticker, asOf ?? null],
    );
    return row ? stored(row) : null;
  }

  /** Each company's newest evaluation with as-of at or before `asOf` (default: the newest), by ticker; same tie-break as latest. */
  async latestPerCompany(asOf?: Date): Promise<StoredScenarioEvaluation[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT DISTINCT ON (ticker) * FROM scenario_evaluation WHERE ($1::timestamptz IS NULL OR as_of <= $1::timestamptz)
       ORDER BY ticker, as_of DESC, recorded_at DESC, evaluation_id DESC`,
      [asOf ?? null],
    );
    return rows.map(stored);
  }

  /** The company's evaluations with as-of at or before `asOf` (default: all), newest first, at most `limit`. */
  async history(ticker: string, limit: number, asOf?: Date): Promise<StoredScenarioEvaluation[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM scenario_evaluation WHERE ticker = $1 AND ($2::timestamptz IS NULL OR as_of <= $2::timestamptz)
       ORDER BY as_of DESC, recorded_at DESC, evaluation_id DESC LIMIT $3`,
      [ticker, asOf ?? null, limit],
    );
    return rows.map(stored);
  }
}

const stored = (row: Row): StoredScenarioEvaluation => ({
  evaluationId: row.evaluation_id,
  ticker: row.ticker,
  asOf: row.as_of.toISOString(),
  knownAt: row.known_at?.toISOString() ?? null,
  valuationId: row.valuation_id,
  valuationEventId: row.valuation_event_id,
  market: row.market,
  recordedAt: row.recorded_at.toISOString(),
  evaluation: row.evaluation,
});
