import { Injectable } from '@nestjs/common';
import { sortRows, type SortOrder } from '../common/sort-rows';
import { ScenarioEvaluationsRepository } from './scenario-evaluations.repository';
import { universeRow, type UniverseRow } from './universe-row.mapper';

export interface UniverseTable {
  rows: UniverseRow[];
  /** Companies with an evaluation by the as-of, before the limit. */
  total: number;
}

/** The standing scenarios of every company as one table: each company's newest evaluation (as of a time), sorted and bounded. */
@Injectable()
export class UniverseUseCase {
  constructor(private readonly evaluations: ScenarioEvaluationsRepository) {}

  async table(query: { asOf?: Date; sort: string; order: SortOrder; limit: number }): Promise<UniverseTable> {
    const all = (await this.evaluations.latestPerCompany(query.asOf)).map(universeRow);
    return { rows: sortRows(all, query.sort, query.order, 'ticker').slice(0, query.limit), total: all.length };
  }
}
