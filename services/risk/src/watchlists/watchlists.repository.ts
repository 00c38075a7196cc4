import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import { INITIAL_STOP_LINE_STATE, type StopLine } from '@hashdesk/economics';
import { DATA_SOURCE } from '@hashdesk/platform';
import { RiskException, RiskExceptionCode } from '../common/risk.exception';
import { StopLineEntity } from './stop-line.entity';
import { WatchlistEntryEntity } from './watchlist-entry.entity';

export interface WatchlistEntryView {
  entryId: string;
  ticker: string;
  note: string | null;
  owner: string;
  createdAt: Date;
  lines: StopLineView[];
}

export interface StopLineView {
  lineId: string;
  entryId: string;
  ticker: string;
  kind: string;
  definition: StopLine;
  state: StopLineEntity['state'];
  breached: boolean;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const lineView = (l: StopLineEntity): StopLineView => ({
  lineId: l.lineId, entryId: l.entryId, ticker: l.ticker, kind: l.kind, definition: l.definition, state: l.state, breached: l.breached, enabled: l.enabled, createdAt: l.createdAt, updatedAt: l.updatedAt,
});

/** Whose entries a caller reaches: one owner's, or (an admin key) everyone's. */
export type OwnerScope = { owner: string } | 'all';
const ownedBy = (scope: OwnerScope) => (scope === 'all' ? {} : { owner: scope.owner });

/** Watchlist entries and their stop lines (TypeORM only here). */
@Injectable()
export class WatchlistsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async createEntry(ticker: string, note: string | null, owner: string): Promise<WatchlistEntryView> {
    const entry = this.dataSource.getRepository(WatchlistEntryEntity).create({ entryId: randomUUID(), ticker, note, owner, createdAt: new Date() });
    await this.dataSource.getRepository(WatchlistEntryEntity).insert(entry);
    return { ...entry, lines: [] };
  }

  async listEntries(scope: OwnerScope): Promise<WatchlistEntryView[]> {
    const entries = await this.dataSource.getRepository(WatchlistEntryEntity).find({ where: ownedBy(scope), order: { createdAt: 'ASC', entryId: 'ASC' } });
    if (entries.length === 0) return [];
    const lines = await this.dataSource.getRepository(StopLineEntity).find({ where: { entryId: In(entries.map((e) => e.entryId)) }, order: { createdAt: 'ASC', lineId: 'ASC' } });
    return entries.map((e) => ({ ...e, lines: lines.filter((l) => l.entryId === e.entryId).map(lineView) }));
  }

  /** Another owner's entry is "not found": its existence is not disclosed. */
  async getEntry(entryId: string, scope: OwnerScope = 'all'): Promise<WatchlistEntryView> {
    const entry = await this.dataSource.getRepository(WatchlistEntryEntity).findOneBy({ entryId, ...ownedBy(scope) });
    if (!entry) throw new RiskException(RiskExceptionCode.WATCHLIST_ENTRY_NOT_FOUND, `no watchlist entry ${entryId}`);
    const lines = await this.dataSource.getRepository(StopLineEntity).find({ where: { entryId }, order: { createdAt: 'ASC', lineId: 'ASC' } });
    return { ...entry, lines: lines.map(lineView) };
  }

  /** Changes an entry's note (null clears it). */
  async updateEntry(entryId: string, note: string | null, scope: OwnerScope): Promise<WatchlistEntryView> {
    const result = await this.dataSource.getRepository(WatchlistEntryEntity).update({ entryId, ...ownedBy(scope) }, { note });
    if (!result.affected) throw new RiskException(RiskExceptionCode.WATCHLIST_ENTRY_NOT_FOUND, `no watchlist entry ${entryId}`);
    return this.getEntry(entryId);
  }

  async deleteEntry(entryId: string, scope: OwnerScope): Promise<void> {
    const result = await this.dataSource.getRepository(WatchlistEntryEntity).delete({ entryId, ...ownedBy(scope) });
    if (!result.affected) throw new RiskException(RiskExceptionCode.WATCHLIST_ENTRY_NOT_FOUND, `no watchlist entry ${entryId}`);
  }

  async addLine(entry: WatchlistEntryView, line: StopLine, enabled = true): Promise<StopLineView> {
    const now = new Date();
    const row = this.dataSource.getRepository(StopLineEntity).create({
      lineId: randomUUID(), entryId: entry.entryId, ticker: entry.ticker, kind: line.kind, definition: line, state: INITIAL_STOP_LINE_STATE, breached: false, enabled, createdAt: now, updatedAt: now,
    });
    await this.dataSource.getRepository(StopLineEntity).insert(row);
    return lineView(row);
  }

  async getLine(entryId: string, lineId: string): Promise<StopLineView> {
    const line = await this.dataSource.getRepository(StopLineEntity).findOneBy({ entryId, lineId });
    if (!line) throw new RiskException(RiskExceptionCode.STOP_LINE_NOT_FOUND, `no stop line ${lineId} on watchlist entry ${entryId}`);
    return lineView(line);
  }

  /** Replaces a line's definition (and switches it on or off) and keeps its state. */
  async updateLine(entryId: string, lineId: string, line: StopLine, enabled: boolean): Promise<StopLineView> {
    const repository = this.dataSource.getRepository(StopLineEntity);
    const result = await repository.update({ entryId, lineId }, { definition: line, enabled, updatedAt: new Date() });
    if (!result.affected) throw new RiskException(RiskExceptionCode.STOP_LINE_NOT_FOUND, `no stop line ${lineId} on watchlist entry ${entryId}`);
    return this.getLine(entryId, lineId);
  }

  async deleteLine(entryId: string, lineId: string): Promise<void> {
    const result = await this.dataSource.getRepository(StopLineEntity).delete({ entryId, lineId });
    if (!result.affected) throw new RiskException(RiskExceptionCode.STOP_LINE_NOT_FOUND, `no stop line ${lineId} on watchlist entry ${entryId}`);
  }
}
