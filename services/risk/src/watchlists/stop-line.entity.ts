import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StopLine, StopLineState } from '@hashdesk/economics';

/** One stop-loss line of a watchlist entry: its definition and its hysteresis state (economics/risk/stop-lines.ts). */
@Entity({ name: 'stop_line' })
export class StopLineEntity {
  @PrimaryColumn({ name: 'line_id', type: 'uuid' })
  lineId!: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @Column({ type: 'text' })
  ticker!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb' })
  definition!: StopLine;

  @Column({ type: 'jsonb' })
  state!: StopLineState;

  @Column({ type: 'boolean' })
  breached!: boolean;

  /** A disabled line is skipped by every evaluation; its state stays as it was. */
  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
