import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'watchlist_entry' })
export class WatchlistEntryEntity {
  @PrimaryColumn({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @Column({ type: 'text' })
  ticker!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The API key owner that made the entry; only that owner (or an admin key) sees or changes it. */
  @Column({ type: 'text' })
  owner!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
