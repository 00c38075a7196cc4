import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every margin projection (before a retarget) and confirmation (after it) published. */
@Entity({ name: 'margin_projection' })
export class MarginProjectionEntity {
  @PrimaryColumn({ type: 'text' })
  ticker!: string;

  @PrimaryColumn({ name: 'retarget_height', type: 'integer' })
  retargetHeight!: number;

  @PrimaryColumn({ type: 'text' })
  status!: 'projected' | 'confirmed';

  @Column({ name: 'projection_id', type: 'text' })
  projectionId!: string;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ name: 'current_difficulty', type: 'double precision' })
  currentDifficulty!: number;

  @Column({ name: 'next_difficulty', type: 'double precision' })
  nextDifficulty!: number;

  /** The published CompanyMarginProjected as protobuf JSON. */
  @Column({ type: 'jsonb' })
  message!: Record<string, unknown>;
}
