/**
 * A stand-in for the school hub behind the outbox's transport, for unit tests: it checks the
 * signature and the headers as the real hub does, keeps entries by seq (a re-send is a duplicate),
 * and can be made to fail. The real hub is tested end to end in tests/e2e/hub/.
 */
import { verifySignature } from '../../utils/core/hub/signature';
import type { HubResponse, HubTransport } from '../../utils/hub/outbox';

export interface ReceivedBatch {
  url: string;
  headers: Record<string, string>;
  body: string;
  seqs: number[];
}

export class FakeHub implements HubTransport {
  received: ReceivedBatch[] = [];
  /** seq → body stringValue, the first copy kept. */
  stored = new Map<number, string>();
  duplicates = 0;
  /** The next answers to give instead of storing, in order: an HTTP answer, or 'offline' (no answer). */
  failures: (HubResponse | 'offline' | 'lost-answer')[] = [];
  badSignatures = 0;

  async post(url: string, headers: Record<string, string>, body: string): Promise<HubResponse> {
    const failure = this.failures.shift();
    if (failure === 'offline') throw new TypeError('Failed to fetch');
    if (failure && failure !== 'lost-answer') return failure;
    const parsed = JSON.parse(body);
    const rl = parsed.resourceLogs[0];
    const key = rl.resource.attributes.find((a: { key: string }) => a.key === 'hallpass.device.public_key').value.stringValue;
    if (!(await verifySignature(key, body, headers['X-HallPass-Signature'] ?? ''))) {
      this.badSignatures += 1;
      return { status: 403, body: '{"error":"bad signature"}', retryAfter: null };
    }
    const records = rl.scopeLogs[0].logRecords as { attributes: { key: string; value: { intValue?: string } }[]; body: { stringValue: string } }[];
    const seqs = records.map((r) => Number(r.attributes.find((a) => a.key === 'hallpass.seq')!.value.intValue));
    this.received.push({ url, headers, body, seqs });
    records.forEach((r, i) => {
      if (this.stored.has(seqs[i]!)) this.duplicates += 1;
      else this.stored.set(seqs[i]!, r.body.stringValue);
    });
    // Stored, but the device never hears back.
    if (failure === 'lost-answer') throw new TypeError('NetworkError when attempting to fetch resource.');
    return { status: 200, body: '{"partialSuccess":{}}', retryAfter: null };
  }
}
