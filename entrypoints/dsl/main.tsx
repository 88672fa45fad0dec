import { render } from 'preact';
import '../../components/pages.css';
import '../../components/dsl/dsl.css';
import { DslPage } from '../../components/dsl/DslPage';
import type { ReviewSource } from '../../components/dsl/Review';
import type { SessionDeps } from '../../components/dsl/use-dsl-session';
import { useStatus } from '../../components/use-status';
import { kvPort } from '../../utils/browser/adapters';
import { send } from '../../utils/browser/messages';
import { networkIndex } from '../../utils/core/networks';
import { exportFileName, signedJsonExport, toCsv } from '../../utils/core/log/export';
import { NO_LOCKOUT, type LockoutState } from '../../utils/core/log/lockout';
import { summarise } from '../../utils/core/log/summary';
import type { LogFilters } from '../../utils/core/log/types';
import { verifyPassphrase } from '../../utils/core/passphrase';
import type { Policy } from '../../utils/core/policy';
import { HallPassDb } from '../../utils/log/db';
import { Journal } from '../../utils/log/journal';
import { loadOrCreateIdentity } from '../../utils/hub/identity';

const LOCKOUT_KEY = 'dslLockout';
const local = kvPort('local');
const db = new HallPassDb();
const journal = new Journal(db, local);

// Anything the worker had not yet chained, and anything past retention, is dealt with first.
void send({ type: 'log:maintain' }).catch(() => undefined);

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function reviewSource(policy: Policy): ReviewSource {
  const name = (filters: LogFilters, ext: 'csv' | 'json') =>
    exportFileName({ school: policy.school.name, device: policy.device.label, from: filters.from ?? null, to: filters.to ?? null, ext });
  return {
    networks: networkIndex(policy).networks.map((n) => ({ id: n.id, name: n.name })),
    page: (filters, offset, limit) => journal.query(filters, { offset, limit }),
    async markReport(seq, status, note) {
      try {
        const answer = await send({ type: 'report:status', seq, status, note });
        if (!answer.ok) return answer.error;
        // Chained before the page reads it back.
        await send({ type: 'log:maintain' });
        return null;
      } catch {
        return 'The mark could not be saved. Try again.';
      }
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
      const json = await signedJsonExport({
        exportedAt: new Date().toISOString(),
        school: policy.school.name,
        device: policy.device.label,
        filters,
        range: { from: filters.from ?? null, to: filters.to ?? null },
        head,
        checkpoints,
        verification: { ok: verification.ok, summary: verification.summary },
        entries,
      }, { deviceId: identity.deviceId, publicKey: identity.publicKey, sign: (text) => identity.sign(text) });
      download(name(filters, 'json'), 'application/json', json);
    },
  };
}

function sessionDeps(policy: Policy): SessionDeps {
  return {
    check: (passphrase) => (policy.dsl.passphraseHash ? verifyPassphrase(passphrase, policy.dsl.passphraseHash) : Promise.resolve(false)),
    loadLockout: async () => (await local.get<LockoutState>(LOCKOUT_KEY)) ?? NO_LOCKOUT,
    saveLockout: (s) => local.set(LOCKOUT_KEY, s),
    onFailure: () => void send({ type: 'dsl:passphrase-failed' }).catch(() => undefined),
  };
}

function App() {
  const { status } = useStatus();
  const { policy } = status.parsed;
  return <DslPage key={policy.dsl.passphraseHash ?? ''} policy={policy} source={reviewSource(policy)} session={sessionDeps(policy)} />;
}

render(<App />, document.getElementById('app')!);
