import { Inject, Injectable, Logger } from '@nestjs/common';
import { toJson } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { CompanyMarginProjectedSchema, MarginProjectionStatus, Topics, type CompanyMarginProjected } from '@hashdesk/contracts';
import { EconomicsInputError, nextRetargetHeight } from '@hashdesk/economics';
import type { OutboxWriter } from '@hashdesk/messaging';
import { OUTBOX_WRITER } from '@hashdesk/platform';
import type { ProfileVersion } from '../companies/company-valuation.calculator';
import type { MarketPoint } from '../companies/value-companies.service';
import { projectMargin, type MarginChange } from './margin-projection.calculator';
import { periodStartHeight, projectNextRetarget } from './next-retarget.calculator';
import { findPeriodReference } from './period-reference.query';

/** A projection is published once the retarget is at most this many blocks away (two days of blocks). */
export const PROJECTION_WINDOW_BLOCKS = 288;

interface ProjectionRow {
  ticker: string;
  retarget_height: number;
  current_difficulty: number;
  next_difficulty: number;
}

/**
 * Pre-retarget events, inside the transaction of the newest network snapshot: in the last
 * PROJECTION_WINDOW_BLOCKS of a difficulty period, each company's margin change at the projected next
 * difficulty (the period's pace so far, economics projectRetarget); once the snapshot is past the
 * retarget, the change at the difficulty that came into force. One of each per company and period.
 */
@Injectable()
export class ProjectMarginsService {
  private readonly logger = new Logger(ProjectMarginsService.name);

  constructor(@Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter) {}

  async onNewestSnapshot(em: EntityManager, point: MarketPoint): Promise<number> {
    const { network } = point;
    const height = network.values.height;
    const periodStart = periodStartHeight(height);
    const versions = await this.newestVersions(em, network.eventTime);
    if (versions.length === 0) return 0;
    const messages: CompanyMarginProjected[] = [];

    // Confirm the projections of the retarget that has just landed.
    const pending: ProjectionRow[] = await em.query(
      `SELECT p.ticker, p.retarget_height, p.current_difficulty, p.next_difficulty FROM margin_projection p
        WHERE p.retarget_height = $1 AND p.status = 'projected'
          AND NOT EXISTS (SELECT 1 FROM margin_projection c WHERE c.ticker = p.ticker AND c.retarget_height = p.retarget_height AND c.status = 'confirmed')`,
      [periodStart],
    );
    for (const row of pending) {
      const version = versions.find((v) => v.ticker === row.ticker);
      if (!version) continue;
      messages.push(...this.project(version, point, {
        status: 'confirmed', retargetHeight: row.retarget_height, currentDifficulty: row.current_difficulty, nextDifficulty: network.values.difficulty, projectedDifficulty: row.next_difficulty,
      }));
    }

    // Project the next one when it is near.
    const retargetHeight = nextRetargetHeight(height);
    if (retargetHeight - height <= PROJECTION_WINDOW_BLOCKS && height > periodStart) {
      const projected = await this.projectedDifficulty(em, point);
      if (projected !== undefined) {
        for (const version of versions) {
          messages.push(...this.project(version, point, { status: 'projected', retargetHeight, currentDifficulty: network.values.difficulty, nextDifficulty: projected }));
        }
      }
    }
    return this.publish(em, messages);
  }

  /** The next difficulty if the pace since the period's earliest known snapshot holds. */
  private async projectedDifficulty(em: EntityManager, point: MarketPoint): Promise<number | undefined> {
    const { network } = point;
    const reference = await findPeriodReference(em, network.values.height, network.eventTime);
    if (!reference) return undefined;
    const position = (s: { values: Record<string, number>; eventTime: Date }) => ({ height: s.values.height, difficulty: s.values.difficulty, eventTime: s.eventTime });
    return projectNextRetarget(position(network), position(reference))?.projectedDifficulty;
  }

  private project(version: ProfileVersion, point: MarketPoint, change: MarginChange): CompanyMarginProjected[] {
    try {
      return [projectMargin(version, point.price, point.network, change)];
    } catch (error) {
      if (!(error instanceof EconomicsInputError)) throw error;
      this.logger.warn(`${version.ticker}: no margin projection for retarget ${change.retargetHeight}: ${error.message}`);
      return [];
    }
  }

  private async newestVersions(em: EntityManager, at: Date): Promise<ProfileVersion[]> {
    const rows: Array<Record<string, unknown>> = await em.query(
      'SELECT DISTINCT ON (ticker) * FROM company_profile WHERE event_time <= $1 ORDER BY ticker, event_time DESC, version DESC',
      [at],
    );
    return rows.map((r) => ({
      ticker: r['ticker'] as string, version: r['version'] as number, eventId: r['event_id'] as string, eventType: r['event_type'] as string,
      eventTime: new Date(r['event_time'] as string), learnedTime: new Date(r['learned_time'] as string), profileJson: r['profile_json'] as string,
      sharePrice: r['share_price'] as ProfileVersion['sharePrice'],
    }));
  }

  private async publish(em: EntityManager, messages: CompanyMarginProjected[]): Promise<number> {
    let published = 0;
    for (const m of messages) {
      const status = m.status === MarginProjectionStatus.CONFIRMED ? 'confirmed' : 'projected';
      const asOf = timestampDate(m.asOf as Timestamp);
      const inserted: unknown[] = await em.query(
        `INSERT INTO margin_projection (ticker, retarget_height, status, projection_id, as_of, current_difficulty, next_difficulty, message)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING ticker`,
        [m.ticker, m.retargetHeight, status, m.projectionId, asOf, m.currentDifficulty, m.nextDifficulty, JSON.stringify(toJson(CompanyMarginProjectedSchema, m))],
      );
      if (inserted.length === 0) continue;
      await this.outbox.add(em, { entry: Topics.companyMarginProjected, message: m, eventId: m.projectionId, eventTime: asOf, subject: m.ticker });
      published += 1;
    }
    return published;
  }
}
