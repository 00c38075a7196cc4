import fc from 'fast-check';
import { EconomicsInputError, EconomicsInputErrorCode } from '../shared/economics-input.error';
import {
  blockReward,
  feesBtcPerBlockFromFeeShare,
  feeShareFromFeeToSubsidyRatio,
  feeShareOfRewardFromFeesBtcPerBlock,
  feeToSubsidyRatioFromFeeShare,
  rewardBtcPerBlockFromFeesBtcPerBlock,
  rewardBtcPerBlockFromFeeShare,
  rewardBtcPerBlockFromFeeToSubsidyRatio,
} from './block-reward';

describe('the three fee conventions (docs/methodology.md §2.2)', () => {
  it('given ViaBTC\'s "6.25 + 6.25×1.3%", when the fee is a ratio to the subsidy, then the reward is 6.33125 BTC (ViaBTC shutdown-price post)', () => {
    expect(rewardBtcPerBlockFromFeeToSubsidyRatio(6.25, 0.013)).toBeCloseTo(6.33125, 12);
  });

  it('given the same 1.3 % read as a share of the TOTAL reward, when converted, then the reward differs: 6.25/0.987 = 6.33232 BTC (hand calculation)', () => {
    const hashrateIndexReading = rewardBtcPerBlockFromFeeShare(6.25, 0.013);
    expect(hashrateIndexReading).toBeCloseTo(6.332320, 6);
    expect(hashrateIndexReading).not.toBeCloseTo(rewardBtcPerBlockFromFeeToSubsidyRatio(6.25, 0.013), 4);
  });

  it('given the Hashrate Index snapshot (3.125 BTC subsidy, "Fees in Blocks (24h) 4.82 %"), when the fee share is converted, then the reward is the published "Block Rewards (24h) 3.28 BTC"', () => {
    expect(rewardBtcPerBlockFromFeeShare(3.125, 0.0482)).toBeCloseTo(3.28, 2);
  });

  it('given fees of 0.025 BTC on a 3.125 BTC subsidy, when expressed in each convention, then f = 0.025/3.15 and g = 0.008 (hand calculation)', () => {
    expect(feeShareOfRewardFromFeesBtcPerBlock(3.125, 0.025)).toBeCloseTo(0.0079365, 7);
    expect(feeToSubsidyRatioFromFeeShare(0.025 / 3.15)).toBeCloseTo(0.008, 12);
    expect(feeShareFromFeeToSubsidyRatio(0.008)).toBeCloseTo(0.025 / 3.15, 12);
    expect(feesBtcPerBlockFromFeeShare(3.125, 0.025 / 3.15)).toBeCloseTo(0.025, 12);
  });

  it('given fees per block, a fee share and a fee-to-subsidy ratio describing the same fees, when converted, then all three give the same reward (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 50, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (subsidy, fees) => {
        const fromFees = rewardBtcPerBlockFromFeesBtcPerBlock(subsidy, fees);
        const fromShare = rewardBtcPerBlockFromFeeShare(subsidy, fees / (subsidy + fees));
        const fromRatio = rewardBtcPerBlockFromFeeToSubsidyRatio(subsidy, fees / subsidy);
        return Math.abs(fromShare / fromFees - 1) < 1e-9 && Math.abs(fromRatio / fromFees - 1) < 1e-12;
      }),
    );
  });

  it('given blockReward with each convention, when resolved, then fees per block come back the same', () => {
    const viaFees = blockReward(3.125, { feesBtcPerBlock: 0.05 });
    const viaShare = blockReward(3.125, { feeShareOfReward: 0.05 / 3.175 });
    const viaRatio = blockReward(3.125, { feeToSubsidyRatio: 0.016 });
    for (const reward of [viaFees, viaShare, viaRatio]) {
      expect(reward.rewardBtcPerBlock).toBeCloseTo(3.175, 12);
      expect(reward.feesBtcPerBlock).toBeCloseTo(0.05, 12);
    }
    expect(blockReward(3.125)).toEqual({ subsidyBtc: 3.125, feesBtcPerBlock: 0, rewardBtcPerBlock: 3.125, feeShareOfReward: 0 });
  });
});

describe('fee input validation', () => {
  it.each([-0.1, 1, 1.5, 13])('given a fee share of %p, when converted, then the error names feeShareOfReward and says 0..1', (share) => {
    expect(() => rewardBtcPerBlockFromFeeShare(3.125, share)).toThrow(EconomicsInputError);
    expect(() => rewardBtcPerBlockFromFeeShare(3.125, share)).toThrow(/^feeShareOfReward: must be between 0 and 1/);
  });

  it('given two fee conventions at once, when resolved, then the error is a CONFLICT naming the second', () => {
    try {
      blockReward(3.125, { feesBtcPerBlock: 0.02, feeShareOfReward: 0.01 });
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(EconomicsInputError);
      expect((error as EconomicsInputError).field).toBe('feeShareOfReward');
      expect((error as EconomicsInputError).code).toBe(EconomicsInputErrorCode.CONFLICT);
    }
  });

  it('given negative fees, when added, then the error names feesBtcPerBlock', () => {
    expect(() => rewardBtcPerBlockFromFeesBtcPerBlock(3.125, -0.1)).toThrow('feesBtcPerBlock: must be 0 or more');
  });
});
