import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import {
  SourceIds,
  type BlockObservation,
  type DifficultyAdjustmentObservation,
  type NetworkDifficultyObservation,
  type NetworkHashrateObservation,
  type NetworkSnapshotObservation,
} from '../observation.types';
import { requirePositiveInteger, resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import {
  divideRoundHalfUp,
  parseDecimal,
  parseInRange,
  parseInteger,
  parsePositive,
  parseSats,
  requireArray,
  requireObject,
  requireText,
  scaleDecimal,
  toSafeNumber,
} from '../shared/parse.util';
import { PollingAdapter, type PollSink } from '../shared/polling-adapter';
import { epochToDate, parseDurationSeconds } from '../shared/time.util';

export type MempoolPeriod = '24h' | '3d' | '1w' | '1m' | '3m' | '6m' | '1y' | '2y' | '3y';

export interface MempoolNetworkAdapterConfig extends AdapterCommonConfig {
  /** e.g. `https://mempool.space/api` or a self-hosted instance's `/api`. */
  baseUrl: string;
  /** Blocks the fee mean covers (default 144, about one day). */
  feeWindowBlocks?: number;
  /** Hashrate history requested each poll (default '1w'). */
  hashratePeriod?: MempoolPeriod;
}

const BLOCKS_PER_EPOCH = 2016;
/** mempool clamps its percent fields to the consensus limits (×4 up, ÷4 down). */
const PERCENT_MIN = -75;
const PERCENT_MAX = 300;

interface ParsedBlock {
  height: number;
  hash: string;
  timestamp: Date;
  difficulty: number;
  txCount: number;
  totalFeesSats: bigint;
  rewardSats: bigint;
}

/**
 * Bitcoin network state from a mempool.space-compatible API (docs/data-sources.md §2, mempool.space): tip
 * height, the last blocks with their fees, the mean fees of the last 144 blocks (reward-stats,
 * falling back to the recent blocks when the instance has no mining index), the difficulty
 * projection and the daily hashrate history.
 */
export class MempoolNetworkAdapter extends PollingAdapter {
  private readonly feeWindowBlocks: number;
  private readonly hashratePeriod: MempoolPeriod;

  constructor(config: MempoolNetworkAdapterConfig) {
    super(resolveCommonConfig(config, { sourceId: SourceIds.mempool, pollIntervalMs: 60_000 }));
    this.feeWindowBlocks = requirePositiveInteger('feeWindowBlocks', config.feeWindowBlocks ?? 144);
    this.hashratePeriod = config.hashratePeriod ?? '1w';
  }

  protected async collect(_now: Date, sink: PollSink): Promise<void> {
    const tipHeight = parseTipHeight((await this.http.getText('blocks/tip/height', undefined, { accept: 'text/plain' })).body);

    const { json: blocksJson } = await this.http.getJson(`v1/blocks/${tipHeight}`);
    const blocks = requireArray('blocks', blocksJson).map((block, i) => parseBlock(`blocks[${i}]`, block));
    if (blocks.length === 0) throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, `v1/blocks/${tipHeight} returned no blocks`);
    sink.add(...blocks.map((block) => this.blockObservation(block)));
    const tip = blocks.reduce((newest, block) => (block.height > newest.height ? block : newest));
    if (tip.height !== tipHeight) {
      sink.issue({ code: AdapterExceptionCode.PROVIDER_ERROR, key: 'BTC', message: `tip height ${tipHeight} but the newest block listed is ${tip.height}` });
    }

    const fees = await this.feesPerBlock(tip.height, blocks, sink);
    sink.add({
      kind: 'network-snapshot',
      source: this.source,
      key: 'BTC',
      eventTime: tip.timestamp,
      height: tip.height,
      difficulty: tip.difficulty,
      feesPerBlockSats: toSafeNumber('feesPerBlockSats', fees.feesPerBlockSats),
      feeWindowBlocks: fees.blocks,
      feesFrom: fees.from,
    } satisfies NetworkSnapshotObservation);

    const { json: adjustmentJson } = await this.http.getJson('v1/difficulty-adjustment');
    sink.add(this.difficultyAdjustment(adjustmentJson, tip, sink));

    const { json: hashrateJson } = await this.http.getJson(`v1/mining/hashrate/${this.hashratePeriod}`);
    this.hashrateHistory(hashrateJson, sink);
  }

  /** Mean total fees per block: reward-stats over the window when the instance has it, else the blocks at hand. */
  private async feesPerBlock(tipHeight: number, blocks: readonly ParsedBlock[], sink: PollSink): Promise<{ feesPerBlockSats: bigint; blocks: number; from: 'reward-stats' | 'recent-blocks' }> {
    let stats: Record<string, unknown>;
    try {
      stats = requireObject('reward-stats', (await this.http.getJson(`v1/mining/reward-stats/${this.feeWindowBlocks}`)).json);
    } catch (error) {
      if (!(error instanceof AdapterException) || error.code !== AdapterExceptionCode.HTTP_ERROR) throw error;
      const total = blocks.reduce((sum, block) => sum + block.totalFeesSats, 0n);
      sink.issue({ code: 'FALLBACK', key: 'BTC', message: `reward-stats unavailable (${error.message}); fees averaged over the ${blocks.length} most recent blocks instead of ${this.feeWindowBlocks}` });
      return { feesPerBlockSats: divideRoundHalfUp(total, BigInt(blocks.length)), blocks: blocks.length, from: 'recent-blocks' };
    }
    const startBlock = parseInteger('reward-stats.startBlock', stats.startBlock);
    const endBlock = parseInteger('reward-stats.endBlock', stats.endBlock, startBlock);
    const totalFee = parseSats('reward-stats.totalFee', stats.totalFee);
    // The backend returns MIN(height) and MAX(height) of the last N indexed blocks, so the count is inclusive.
    const count = endBlock - startBlock + 1;
    if (count > this.feeWindowBlocks) throw AdapterException.invalidField('reward-stats.endBlock', `spans ${count} blocks, more than the ${this.feeWindowBlocks} requested`, stats.endBlock);
    if (count < this.feeWindowBlocks) sink.issue({ code: 'FALLBACK', key: 'BTC', message: `reward-stats covers only ${count} of ${this.feeWindowBlocks} blocks (partial mining index)` });
    if (endBlock < tipHeight - 6) sink.issue({ code: AdapterExceptionCode.PROVIDER_ERROR, key: 'BTC', message: `reward-stats ends at ${endBlock}, ${tipHeight - endBlock} blocks behind the tip` });
    return { feesPerBlockSats: divideRoundHalfUp(totalFee, BigInt(count)), blocks: count, from: 'reward-stats' };
  }

  private difficultyAdjustment(json: unknown, tip: ParsedBlock, sink: PollSink): DifficultyAdjustmentObservation {
    const body = requireObject('difficulty-adjustment', json);
    const remainingBlocks = parseInteger('difficulty-adjustment.remainingBlocks', body.remainingBlocks, 0, BLOCKS_PER_EPOCH);
    const nextRetargetHeight = parseInteger('difficulty-adjustment.nextRetargetHeight', body.nextRetargetHeight, BLOCKS_PER_EPOCH);
    if (nextRetargetHeight % BLOCKS_PER_EPOCH !== 0) {
      throw AdapterException.invalidField('difficulty-adjustment.nextRetargetHeight', `must be a multiple of ${BLOCKS_PER_EPOCH}`, body.nextRetargetHeight);
    }
    const impliedTip = nextRetargetHeight - remainingBlocks;
    if (Math.abs(impliedTip - tip.height) > 3) {
      sink.issue({ code: AdapterExceptionCode.PROVIDER_ERROR, key: 'BTC', message: `difficulty-adjustment is as of height ${impliedTip}, the tip is ${tip.height}` });
    }
    return {
      kind: 'difficulty-adjustment',
      source: this.source,
      key: 'BTC',
      eventTime: tip.timestamp,
      tipHeight: tip.height,
      progressPercent: parseInRange('difficulty-adjustment.progressPercent', body.progressPercent, 0, 100, 'must be a percent between 0 and 100'),
      difficultyChangePct: parseInRange('difficulty-adjustment.difficultyChange', body.difficultyChange, PERCENT_MIN, PERCENT_MAX, 'must be a percent between −75 and +300'),
      // Milliseconds in the backend, seconds in the public docs sample: told apart by magnitude.
      estimatedRetargetAt: epochToDate('difficulty-adjustment.estimatedRetargetDate', body.estimatedRetargetDate),
      remainingBlocks,
      nextRetargetHeight,
      previousRetargetPct: parseInRange('difficulty-adjustment.previousRetarget', body.previousRetarget, PERCENT_MIN, PERCENT_MAX, 'must be a percent between −75 and +300'),
      // Seconds, although its neighbours are milliseconds.
      previousRetargetAt: epochToDate('difficulty-adjustment.previousTime', body.previousTime),
      averageBlockIntervalSeconds: parseDurationSeconds('difficulty-adjustment.timeAvg', body.timeAvg, 60, 3_600),
    };
  }

  private hashrateHistory(json: unknown, sink: PollSink): void {
    const body = requireObject('hashrate', json);
    const hashrates = requireArray('hashrate.hashrates', body.hashrates ?? []);
    const difficulties = requireArray('hashrate.difficulty', body.difficulty ?? []);
    if (hashrates.length === 0 && difficulties.length === 0) {
      sink.issue({ code: AdapterExceptionCode.EMPTY_RESPONSE, key: 'BTC', message: `v1/mining/hashrate/${this.hashratePeriod} has no history (mining index disabled?)` });
    }
    hashrates.forEach((point, i) => {
      const field = `hashrate.hashrates[${i}]`;
      const entry = requireObject(field, point);
      parseNonNegativeHashrate(`${field}.avgHashrate`, entry.avgHashrate);
      sink.add({
        kind: 'network-hashrate',
        source: this.source,
        key: 'BTC',
        eventTime: epochToDate(`${field}.timestamp`, entry.timestamp),
        hashrateEhs: scaleDecimal(`${field}.avgHashrate`, entry.avgHashrate, -18),
      } satisfies NetworkHashrateObservation);
    });
    difficulties.forEach((point, i) => {
      const field = `hashrate.difficulty[${i}]`;
      const entry = requireObject(field, point);
      // The backend sends `time`, the docs sample `timestamp`.
      const timeField = entry.time !== undefined ? 'time' : 'timestamp';
      sink.add({
        kind: 'network-difficulty',
        source: this.source,
        key: 'BTC',
        eventTime: epochToDate(`${field}.${timeField}`, entry[timeField]),
        height: parseInteger(`${field}.height`, entry.height),
        difficulty: parsePositive(`${field}.difficulty`, entry.difficulty),
        adjustmentPct: entry.adjustment === undefined || entry.adjustment === null ? null : ratioToPercent(`${field}.adjustment`, entry.adjustment),
      } satisfies NetworkDifficultyObservation);
    });
  }

  private blockObservation(block: ParsedBlock): BlockObservation {
    return {
      kind: 'block',
      source: this.source,
      key: `BTC:${block.height}`,
      eventTime: block.timestamp,
      height: block.height,
      blockHash: block.hash,
      difficulty: block.difficulty,
      txCount: block.txCount,
      totalFeesSats: toSafeNumber('extras.totalFees', block.totalFeesSats),
      rewardSats: toSafeNumber('extras.reward', block.rewardSats),
    };
  }
}

function parseTipHeight(body: string): number {
  const text = body.trim();
  if (text === '') throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, 'blocks/tip/height returned an empty body');
  if (!/^\d+$/.test(text)) throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `blocks/tip/height is not a plain integer: ${JSON.stringify(text.slice(0, 40))}`, { field: 'tip height' });
  return parseInteger('tip height', text, 0, 10_000_000);
}

function parseBlock(field: string, value: unknown): ParsedBlock {
  const block = requireObject(field, value);
  const extras = requireObject(`${field}.extras`, block.extras);
  const totalFeesSats = parseSats(`${field}.extras.totalFees`, extras.totalFees);
  const rewardSats = parseSats(`${field}.extras.reward`, extras.reward);
  if (rewardSats < totalFeesSats) throw AdapterException.invalidField(`${field}.extras.reward`, 'must include the fees (subsidy + fees)', extras.reward);
  return {
    height: parseInteger(`${field}.height`, block.height),
    hash: requireText(`${field}.id`, block.id, /^[0-9a-f]{64}$/),
    timestamp: epochToDate(`${field}.timestamp`, block.timestamp),
    difficulty: parsePositive(`${field}.difficulty`, block.difficulty),
    txCount: parseInteger(`${field}.tx_count`, block.tx_count, 1),
    totalFeesSats,
    rewardSats,
  };
}

function parseNonNegativeHashrate(field: string, value: unknown): void {
  if (parseDecimal(field, value) < 0) throw AdapterException.invalidField(field, 'must be 0 or more H/s', value);
}

/**
 * A retarget ratio (1.0698 = +6.98 %) as a percent. Consensus bounds a ratio to [0.25, 4]; a value
 * outside that is almost surely a percent sent where a ratio belongs, and is refused.
 */
function ratioToPercent(field: string, value: unknown): number {
  const ratio = parseInRange(field, value, 0.25, 4, 'must be a ratio between 0.25 and 4 (1.0698 = +6.98 %), not a percent');
  return Number(((ratio - 1) * 100).toPrecision(12));
}
