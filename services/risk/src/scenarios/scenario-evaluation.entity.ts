import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A company's standing scenarios and risk at one valuation (one row per valuation event). */
@Entity({ name: 'scenario_evaluation' })
@Index('scenario_evaluation_ticker_as_of', ['ticker', 'asOf'])
export class ScenarioEvaluationEntity {
  @PrimaryColumn({ name: 'evaluation_id', type: 'text' })
  evaluationId!: string;

  @Column({ type: 'text' })
  ticker!: string;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ name: 'known_at', type: 'timestamptz', nullable: true })
  knownAt!: Date | null;

  @Column({ name: 'valuation_id', type: 'text' })
  valuationId!: string;

  @Column({ name: 'valuation_event_id', type: 'text' })
  valuationEventId!: string;

  @Column({ type: 'jsonb' })
  market!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  evaluation!: Record<string, unknown>;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
