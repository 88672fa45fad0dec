/**
 * How the block and warning pages get their first paint without waiting for the service worker
 * (which may be stopped) or, usually, for any storage call: from the status the last extension
 * page saw (localStorage, synchronous), else from storage.local directly. The real status is then
 * read and drawn if it differs (useStatus keeps it live).
 *
 * Marks for the benchmark: `hall-pass:content` when the words are on screen, and
 * `hall-pass:corrected` when the first words came from an out-of-date status.
 */
import type { StatusSnapshot } from '../utils/status';
import { cachedStatus, readStatus, sameForPages } from './use-status';

export function drawWithStatus(draw: (initial: StatusSnapshot | null) => void): void {
  const cached = cachedStatus();
  const fresh = readStatus().catch(() => null);
  if (cached) {
    draw(cached);
    performance.mark('hall-pass:content');
    void fresh.then((s) => {
      if (s && !sameForPages(cached, s)) performance.mark('hall-pass:corrected');
    });
    return;
  }
  void fresh.then((s) => {
    draw(s);
    performance.mark('hall-pass:content');
  });
}
