import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'watchlist_entry' })
export class WatchlistEntryEntity {
  @PrimaryColumn({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @Column({ type: 'text' })
  ticker!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
