/**
 * Lineage tag for every figure this library's company, valuation and scenario functions produce;
 * results echo it as `methodologyVersion`. Bump it whenever a formula, a definition or a default
 * assumption changes, so stored figures can be traced to the rules that made them.
 */
export const METHODOLOGY_VERSION = 'hashdesk.economics.company/1';
