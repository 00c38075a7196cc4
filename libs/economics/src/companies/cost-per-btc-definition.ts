/**
 * The cost-per-BTC definitions of docs/methodology.md §4.1. They are NOT comparable with one another: every
 * stored or computed cost per BTC carries one of these names.
 *
 * | definition | numerator (÷ BTC mined)                                                            | used by |
 * |------------|------------------------------------------------------------------------------------|---------|
 * | `power`    | net electricity cost of self-mining (after credits)                                | IREN, TeraWulf, Cipher |
 * | `direct`   | power + other direct cost of revenue − curtailment credits; excludes depreciation  | Riot "Cost to Mine" |
 * | `cash`     | direct + SG&A net of non-cash items (SBC, depreciation)                            | CoinShares cash cost |
 * | `all-in`   | direct + corporate overhead (SG&A ex-SBC, fair-share allocated) + interest expense | TheMinerMag |
 * | `total`    | cash + depreciation + stock-based compensation                                     | CoinShares incl. non-cash |
 */
export type CostPerBtcDefinition = 'power' | 'direct' | 'cash' | 'all-in' | 'total';

export const COST_PER_BTC_DEFINITIONS: readonly CostPerBtcDefinition[] = ['power', 'direct', 'cash', 'all-in', 'total'];
