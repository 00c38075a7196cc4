import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCompanyProfile } from '@hashdesk/economics';
import { applyFigure, endOfAsOf } from './company-figure.util';
import { CompanyProfileException } from './company-profile.exception';

const riot = JSON.parse(readFileSync(resolve(__dirname, '../../../../data/companies/riot.json'), 'utf8')) as Record<string, unknown>;

describe('applyFigure', () => {
  it('Given a profile, When cash is restated, Then only that figure changes and the profile still parses', () => {
    const restated = applyFigure(riot, { path: 'balanceSheet.cashUsd', value: 123, asOf: '2025-09-30', source: 'https://example.test/10-Q' });
    const parsed = parseCompanyProfile(restated);
    expect(parsed.balanceSheet.cashUsd).toMatchObject({ value: 123, asOf: '2025-09-30', source: 'https://example.test/10-Q' });
    expect(parseCompanyProfile(riot).balanceSheet.cashUsd.value).not.toBe(123); // the input is not mutated
  });

  it('Given an indexed path, When an HPC contract figure is restated, Then the array element changes', () => {
    const restated = applyFigure(riot, { path: 'hpcContracts[0].criticalItMw', value: 30, asOf: '2026-01', source: 's' });
    const contracts = restated['hpcContracts'] as Array<{ criticalItMw: { value: number } }>;
    expect(contracts[0].criticalItMw.value).toBe(30);
    expect(parseCompanyProfile(restated).hpcContracts[0].criticalItMw.value).toBe(30);
  });

  it.each([
    ['balanceSheet.nothing', 'isSourcedFigure'],
    ['balanceSheet', 'isSourcedFigure'],
    ['ticker', 'isSourcedFigure'],
    ['power..x', 'pathSyntax'],
    ['hpcContracts[99].criticalItMw', 'exists'],
  ])('Given path %s, Then it is refused naming rule %s', (path, rule) => {
    try {
      applyFigure(riot, { path, value: 1, asOf: '2025', source: 's' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(CompanyProfileException);
      expect((error as CompanyProfileException).violations[0]).toMatchObject({ field: 'path', rule });
    }
  });
});

describe('endOfAsOf', () => {
  it.each([
    ['2025-09-30', '2025-09-30T23:59:59.000Z'],
    ['2025-09', '2025-09-30T23:59:59.000Z'],
    ['2025-02', '2025-02-28T23:59:59.000Z'],
    ['2025-Q3', '2025-09-30T23:59:59.000Z'],
    ['2025-Q4', '2025-12-31T23:59:59.000Z'],
    ['2025', '2025-12-31T23:59:59.000Z'],
    ['FY2024', '2024-12-31T23:59:59.000Z'],
  ])('%s ends at %s', (asOf, end) => expect(endOfAsOf(asOf)?.toISOString()).toBe(end));

  it.each(['2025-02-30', '25-01-01', 'Q3'])('%s is not a date', (asOf) => expect(endOfAsOf(asOf)).toBeUndefined());
});
