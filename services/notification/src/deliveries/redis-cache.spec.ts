import type Redis from 'ioredis';
import { RedisCache } from './redis-cache';

/** A Redis whose pipeline answers INCRBY from a counter map, as Redis would. */
function fakeRedis(counts: Map<string, number>, fail = false): Redis {
  return {
    pipeline: () => {
      const replies: Array<[null, number]> = [];
      const pipeline = {
        incrby: (key: string, by: number) => {
          const id = key.split(':')[2];
          counts.set(id, (counts.get(id) ?? 0) + by);
          replies.push([null, counts.get(id) ?? 0]);
          return pipeline;
        },
        expire: () => (replies.push([null, 1]), pipeline),
        exec: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(replies)),
      };
      return pipeline;
    },
  } as unknown as Redis;
}

describe('per-endpoint rate limit', () => {
  it('given endpoints below, at and over their limit then each gets what is left of it this second', async () => {
    const cache = new RedisCache(fakeRedis(new Map([['a', 0], ['b', 8], ['c', 15]])));
    const admitted = await cache.admit(new Map([['a', 5], ['b', 5], ['c', 5]]), 10);
    expect(Object.fromEntries(admitted)).toEqual({ a: 5, b: 2, c: 0 });
  });

  it('given Redis down then everything is admitted (fail open: losing Redis loses no delivery)', async () => {
    const cache = new RedisCache(fakeRedis(new Map(), true));
    expect(Object.fromEntries(await cache.admit(new Map([['a', 3]]), 1))).toEqual({ a: 3 });
  });
});
