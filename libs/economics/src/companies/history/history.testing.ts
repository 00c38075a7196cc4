import type { CompanyHistory, HistoryFigure } from './company-history';

/** A small company history for specs: two quarters, a restatement, a monthly update. */
export function syntheticHistory(figures: Array<Partial<HistoryFigure> & Pick<HistoryFigure, 'field' | 'value' | 'periodEnd' | 'knownAt' | 'excerpt'>>): CompanyHistory {
  return {
    ticker: 'TEST',
    name: 'Test Mining Corp.',
    cik: null,
    fiscalYearEnd: '12-31',
    listed: null,
    delisted: null,
    quarters: [
      { periodEnd: '2024-03-31', label: 'Q1 2024', startDate: '2024-01-01', reportedAt: '2024-05-10' },
      { periodEnd: '2024-06-30', label: 'Q2 2024', startDate: '2024-04-01', reportedAt: '2024-08-01' },
    ],
    figures: figures.map((f) => ({
      unit: 'BTC', asOf: f.periodEnd, source: 'https://example.com/release', sourceQuality: 'primary', ...f,
    }) as HistoryFigure),
    sites: [], hpcContracts: [], powerContracts: [], convertibles: [], nulls: [],
  };
}
