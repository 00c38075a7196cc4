import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every company valuation published (append-only): as_of on the event-time axis, known_at on the knowledge axis. */
@Entity({ name: 'company_valuation' })
export class CompanyValuationEntity {
  @PrimaryColumn({ name: 'valuation_id', type: 'text' })
  valuationId!: string;

  @Column({ type: 'text' })
  ticker!: string;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ name: 'known_at', type: 'timestamptz' })
  knownAt!: Date;

  /** The oldest input's event time: among valuations with the same as_of and known_at, the freshest wins. */
  @Column({ name: 'inputs_from', type: 'timestamptz' })
  inputsFrom!: Date;

  /** Wall-clock time of the computation (not in the published message, which stays deterministic). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'profile_version', type: 'integer' })
  profileVersion!: number;

  /** The published CompanyValued as protobuf JSON. */
  @Column({ type: 'jsonb' })
  valued!: Record<string, unknown>;
}
