/** What every route module gets: the database, the settings and the hub's in-memory state. */
import type { HubConfig } from './config.ts';
import type { Db } from './db/types.ts';
import { KeyVerifier } from './keys.ts';
import { RateLimiter } from './rate-limit.ts';

export interface HubContext {
  db: Db;
  config: HubConfig;
  keys: KeyVerifier;
  keyLimiter: RateLimiter;
  deviceLimiter: RateLimiter;
  /** Slow (scrypt) key checks per remote address: 2 a second, 20 at once. */
  keyCheckLimiter: RateLimiter;
}

export function makeContext(db: Db, config: HubConfig): HubContext {
  return {
    db,
    config,
    keys: new KeyVerifier(),
    keyLimiter: new RateLimiter(config.keyLimit),
    deviceLimiter: new RateLimiter(config.deviceLimit),
    keyCheckLimiter: new RateLimiter({ perSecond: 2, burst: 20 }),
  };
}
