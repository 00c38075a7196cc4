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

describe('dedup marks', () => {
  /** A Redis holding string keys; pipelined SETs land in it. */
  function keyValueRedis(store: Map<string, string>, fail = false): Redis {
    return {
      mget: (...keys: string[]) => (fail ? Promise.reject(new Error('down')) : Promise.resolve(keys.map((k) => store.get(k) ?? null))),
      pipeline: () => {
        const pipeline = {
          set: (key: string, value: string) => (store.set(key, value), pipeline),
          exec: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve([])),
        };
        return pipeline;
      },
    } as unknown as Redis;
  }

  it('given ids marked after their commit then a redelivery of those is known and the others are not', async () => {
    const cache = new RedisCache(keyValueRedis(new Map()));
    await cache.markSeenAll(['a', 'b']);
    expect([...(await cache.seenAll(['a', 'c', 'b']))].sort()).toEqual(['a', 'b']);
  });

  it('given Redis down (or flushed) then no id is known, so every event meets the PostgreSQL inbox', async () => {
    expect(await new RedisCache(keyValueRedis(new Map([['notification:seen:a', '1']]), true)).seenAll(['a'])).toEqual(new Set());
    expect(await new RedisCache(keyValueRedis(new Map())).seenAll(['a'])).toEqual(new Set());
  });
});
