import { nextRetryDelayMs, parseRetryAfterMs } from './retry-schedule';
import { signWebhook } from './webhook-signature';

describe('retry schedule', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [10, 512_000],
    [30, 3_600_000],
  ])('given %s failed attempts without jitter then the delay is %s ms', (attempts, expected) => {
    expect(nextRetryDelayMs(attempts, undefined, () => 0.5)).toBe(expected);
  });

  it('given jitter then the delay stays within ±20 %', () => {
    expect(nextRetryDelayMs(3, undefined, () => 0)).toBe(3_200);
    expect(nextRetryDelayMs(3, undefined, () => 1)).toBe(4_800);
  });

  it('given a longer Retry-After then it wins', () => {
    expect(nextRetryDelayMs(1, 30_000, () => 0.5)).toBe(30_000);
  });

  it('parses Retry-After as seconds and as an HTTP date', () => {
    expect(parseRetryAfterMs('7')).toBe(7_000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });
});

describe('signWebhook', () => {
  // Test vector from the Standard Webhooks reference implementations (standard-webhooks/standard-webhooks, libraries/javascript tests).
  it('reproduces the specification example signature', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const timestamp = 1614265330;
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});
