import IORedis, { RedisOptions } from 'ioredis';

export type RedisRole = 'producer' | 'worker' | 'health';

/**
 * Redis clients by role. Workers block on Redis, so BullMQ needs maxRetriesPerRequest null there;
 * producers and health checks must fail fast instead of queueing commands while Redis is away.
 */
export function createRedis(url: string, role: RedisRole): IORedis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: role !== 'health', connectTimeout: 2000 };
  return new IORedis(url, { ...options, lazyConnect: role === 'health' });
}
