/**
 * The DSL page's glue: the journal it reads, the exports it writes, where the lock-out after wrong
 * passphrases is kept. The entrypoint only renders the page with these.
 */
import type { ReviewSource } from './Review';
import type { SessionDeps } from './use-dsl-session';
import { download } from '../download';
import { kvPort } from '../../utils/browser/adapters';
import { send } from '../../utils/browser/send-message';
import { networkIndex } from '../../utils/core/networks';
import { exportFileName, signedJsonExport, toCsv } from '../../utils/core/log/export';
import { summarise } from '../../utils/core/log/summary';
import type { LogFilters } from '../../utils/core/log/types';
import { verifyPassphrase } from '../../utils/core/passphrase';
import type { Policy } from '../../utils/core/policy';
import { HallPassDb } from '../../utils/journal/db';
import { Journal } from '../../utils/journal/journal';
import { loadOrCreateIdentity } from '../../utils/hub/identity';
import { readStored, STORED, writeStored } from '../../utils/stored-state';

export interface DslWiring {
  reviewSource(policy: Policy): ReviewSource;
  sessionDeps(policy: Policy): SessionDeps;
}

/** Opens the device's journal for the DSL page. */
export function openDslWiring(): DslWiring {
  const local = kvPort('local');
  const db = new HallPassDb();
  const journal = new Journal(db, local);

  // Anything the worker had not yet chained, and anything past retention, is dealt with first.
  void send({ type: 'log:maintain' }).catch(() => undefined);

  function reviewSource(policy: Policy): ReviewSource {
    const name = (filters: LogFilters, ext: 'csv' | 'json') =>
      exportFileName({ school: policy.school.name, device: policy.device.label, from: filters.from ?? null, to: filters.to ?? null, ext });
    return {
      networks: networkIndex(policy).networks.map((n) => ({ id: n.id, name: n.name })),
      page: (filters, offset, limit) => journal.query(filters, { offset, limit }),
      async markReport(seq, status, note) {
        const answer = await send({ type: 'report:status', seq, status, note });
        if (!answer.ok) return answer.error;
        // Chained before the page reads it back.
        await send({ type: 'log:maintain' });
        return null;
      },
      summary: async (filters) => summarise(await journal.entriesFor(filters), policy.log.flagThreshold),
      verify: async () => ({ ...(await journal.verify()), head: await journal.head() }),
      async exportCsv(filters) {
        download(name(filters, 'csv'), 'text/csv;charset=utf-8', toCsv(await journal.entriesFor(filters)));
      },
      async exportJson(filters) {
        const [entries, checkpoints, head, verification, identity] = await Promise.all([
          journal.entriesFor(filters),
          journal.checkpoints(),
          journal.head(),
          journal.verify(),
          loadOrCreateIdentity(db),
        ]);
        // Signed with the device's own key (the one the school's hub pinned), so a rebuilt file shows.
        const json = await signedJsonExport(
          {
            exportedAt: new Date().toISOString(),
            school: policy.school.name,
            device: policy.device.label,
            filters,
            range: { from: filters.from ?? null, to: filters.to ?? null },
            head,
            checkpoints,
            verification: { ok: verification.ok, summary: verification.summary },
            entries,
          },
          { deviceId: identity.deviceId, publicKey: identity.publicKey, sign: (text) => identity.sign(text) },
        );
        download(name(filters, 'json'), 'application/json', json);
      },
    };
  }

  function sessionDeps(policy: Policy): SessionDeps {
    return {
      check: (passphrase) => (policy.dsl.passphraseHash ? verifyPassphrase(passphrase, policy.dsl.passphraseHash) : Promise.resolve(false)),
      loadLockout: () => readStored(local, STORED.dslLockout),
      saveLockout: (s) => writeStored(local, STORED.dslLockout, s),
      onFailure: () => void send({ type: 'dsl:passphrase-failed' }).catch(() => undefined),
    };
  }

  return { reviewSource, sessionDeps };
}
