import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every version of every company profile ingest accepted: append-only, never updated. A new
 * submission (whole profile or one restated figure) with new content is a new version; the same
 * content again is recognised by its hash and recorded once.
 */
@Entity({ name: 'company_profile_version' })
export class CompanyProfileVersionEntity {
  @PrimaryColumn({ name: 'version_id', type: 'text' })
  versionId!: string;

  @Column({ type: 'text' })
  ticker!: string;

  /** 1, 2, 3… per ticker, in learned order. */
  @Column({ type: 'integer' })
  version!: number;

  /** When the profile was true (end of its as-of date, or of the newest submitted figure's). */
  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  /** When hashdesk learned this version. */
  @Column({ name: 'learned_at', type: 'timestamptz' })
  learnedAt!: Date;

  @Column({ name: 'content_sha256', type: 'text' })
  contentSha256!: string;

  @Column({ type: 'text' })
  origin!: string;

  /** Canonical JSON (sorted keys), exactly as published. */
  @Column({ name: 'profile_json', type: 'text' })
  profileJson!: string;

  @Column({ name: 'share_price', type: 'jsonb', nullable: true })
  sharePrice!: { priceUsd: number; asOf: string; source: string } | null;
}
