/** Marks devices not heard from for longer than HUB_SILENT_HOURS (migrations/005_device_silence.sql). */
import type { Queryable } from './db/types.ts';

/** Marks newly silent devices and records each in audit; returns their ids. */
export async function markSilentDevices(db: Queryable, silentHours: number): Promise<string[]> {
  const { rows } = await db.query<{ device_id: string }>(
    `with s as (
       update devices set silent_since = now()
        where silent_since is null and last_seen < now() - make_interval(secs => $1::float8 * 3600)
        returning id, school_id, last_seen
     )
     insert into audit (kind, school_id, device_id, reason, detail)
     select 'device-silent', school_id, id::text, $2::text, jsonb_build_object('lastSeen', last_seen)
       from s
     returning device_id`,
    [silentHours, `no contact for longer than ${silentHours} ${silentHours === 1 ? 'hour' : 'hours'}`],
  );
  return rows.map((r) => r.device_id);
}

/** Runs the sweep now and then every `everyMs` until stopped. A failed sweep (database down) waits for the next. */
export function startSilenceSweep(db: Queryable, silentHours: number, everyMs: number, onError: (e: unknown) => void): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      await markSilentDevices(db, silentHours);
    } catch (e) {
      onError(e);
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
