/**
 * POST /v1/logs (OTLP/HTTP JSON logs from devices) and its CORS preflight, as docs/hub-protocol.md
 * says. Checks run cheapest first; every refusal is answered with a clear JSON error and written to
 * audit (rate-limit refusals once a minute per bucket); nothing from a refused request is stored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit, type AuditEvent } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { isUnavailable } from '../db/pg.ts';
import { checkDevice, DEVICE_STATE_COLUMNS, Refusal, storeBatch, type DeviceState } from '../ingest.ts';
import { bearer, parseKey } from '../keys.ts';
import { BadRequest, MAX_BODY_BYTES, parseBatch } from '../otlp.ts';
import { normalisedKey, p256Key, signatureBytes, verifySignature } from '../signature.ts';

export const ALLOWED_HEADERS = 'Content-Type, Authorization, X-HallPass-Device, X-HallPass-Signature';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** chrome-extension://<listed id> or any moz-extension:// origin; nothing else. */
export function originAllowed(origin: string, extensionIds: readonly string[]): boolean {
  const chrome = /^chrome-extension:\/\/([a-p]{32})$/.exec(origin);
  if (chrome) return extensionIds.includes(chrome[1]!);
  return /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(origin);
}

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly event: Omit<AuditEvent, 'reason' | 'status'> & { kind: AuditEvent['kind'] } = { kind: 'refused' },
    readonly extra: { field?: string; retryAfter?: number; audit?: boolean } = {},
  ) {
    super(message);
  }
}

export async function logsRoutes(app: FastifyInstance, opts: { ctx: HubContext }): Promise<void> {
  const { ctx } = opts;

  // The exact bytes are needed for the signature, so this group reads JSON bodies as raw buffers.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (origin && originAllowed(origin, ctx.config.extensionIds)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Expose-Headers', 'Retry-After');
    }
    reply.header('Vary', 'Origin');
  });

  app.options('/v1/logs', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin || !originAllowed(origin, ctx.config.extensionIds)) return reply.code(403).send({ error: 'origin not allowed' });
    return reply
      .code(204)
      .header('Access-Control-Allow-Methods', 'POST')
      .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
      .header('Access-Control-Max-Age', '600')
      .send();
  });

  const refuse = async (req: FastifyRequest, reply: FastifyReply, r: Refused) => {
    const body: Record<string, unknown> = { error: r.message };
    if (r.extra.field) body.field = r.extra.field;
    if (r.extra.retryAfter !== undefined) reply.header('Retry-After', String(r.extra.retryAfter));
    req.log.info({ status: r.status, reason: r.message, field: r.extra.field, ip: req.ip }, 'ingest refused');
    if (r.extra.audit !== false) {
      const device = req.headers['x-hallpass-device'];
      try {
        await audit(ctx.db, {
          deviceId: typeof device === 'string' ? device.toLowerCase() : null,
          remoteAddr: req.ip,
          ...r.event,
          status: r.status,
          reason: r.message,
          detail: { ...(r.event.detail ?? {}), ...(r.extra.field ? { field: r.extra.field } : {}) },
        });
      } catch (e) {
        req.log.error({ err: e }, 'could not record a refusal in audit');
      }
    }
    return reply.code(r.status).send(body);
  };

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err.statusCode === 413) return refuse(req, reply, new Refused(413, `the body is over the limit of ${MAX_BODY_BYTES} bytes`));
    if (err.statusCode === 415)
      return refuse(req, reply, new Refused(400, 'Content-Type must be application/json', { kind: 'refused' }, { field: 'Content-Type' }));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return refuse(req, reply, new Refused(err.statusCode, err.message));
    req.log.error({ err }, 'ingest failed');
    return reply.code(500).send({ error: 'internal error' });
  });

  app.post('/v1/logs', async (req, reply) => {
    try {
      return await ingest(req, reply);
    } catch (e) {
      if (e instanceof Refused) return refuse(req, reply, e);
      if (isUnavailable(e)) {
        req.log.warn({ err: e }, 'database unavailable: batch refused with 503');
        return reply.code(503).header('Retry-After', '30').send({ error: 'the database is unavailable; keep the batch and retry' });
      }
      throw e;
    }
  });

  async function ingest(req: FastifyRequest, reply: FastifyReply) {
    const origin = req.headers.origin;
    if (origin && !originAllowed(origin, ctx.config.extensionIds)) throw new Refused(403, `origin ${origin.slice(0, 100)} is not allowed`);

    // 1. The ingest key's form (401), rate-limited per key id before anything else is done.
    const key = bearer(req.headers.authorization);
    const parsedKey = key ? parseKey(key) : null;
    const bucket = ctx.keyLimiter.take(parsedKey ? `key:${parsedKey.id}` : `ip:${req.ip}`);
    if (!bucket.ok)
      throw new Refused(
        429,
        'too many requests for this ingest key',
        { kind: 'refused', keyId: parsedKey?.id ?? null },
        { retryAfter: bucket.retryAfter, audit: bucket.audit },
      );
    if (!parsedKey) throw new Refused(401, key ? 'the ingest key is not in the right form' : 'an ingest key is required (Authorization: Bearer <key>)');
    const deviceHeader = req.headers['x-hallpass-device'];
    if (typeof deviceHeader !== 'string' || !UUID.test(deviceHeader))
      throw new Refused(400, 'X-HallPass-Device must be the device id (a UUID)', { kind: 'refused', keyId: parsedKey.id }, { field: 'X-HallPass-Device' });
    const deviceId = deviceHeader.toLowerCase();

    // 2. The key and the device's stored state, in one query; the key checked (401).
    const { rows } = await ctx.db.query<{ school_id: number; salt: Uint8Array; hash: Uint8Array; revoked_at: Date | null; device: DeviceState | null }>(
      `select k.school_id, k.salt, k.hash, k.revoked_at,
              (select row_to_json(d) from (select ${DEVICE_STATE_COLUMNS} from devices where id = $2) d) as device
         from ingest_keys k where k.id = $1`,
      [parsedKey.id, deviceId],
    );
    const row = rows[0];
    if (!row) throw new Refused(401, 'unknown ingest key', { kind: 'refused', keyId: parsedKey.id });
    let check: { ok: false; retryAfter: number; audit: boolean } | null = null;
    const verified = await ctx.keys.verify(parsedKey.id, parsedKey.secret, row.salt, row.hash, () => {
      const t = ctx.keyCheckLimiter.take(`ip:${req.ip}`);
      if (!t.ok) check = t;
      return t.ok;
    });
    if (verified === null) {
      const t = check as { retryAfter: number; audit: boolean } | null;
      throw new Refused(
        429,
        'too many ingest key checks from this address',
        { kind: 'refused', keyId: parsedKey.id, schoolId: row.school_id },
        { retryAfter: t?.retryAfter ?? 1, audit: t?.audit ?? true },
      );
    }
    if (!verified) throw new Refused(401, 'unknown ingest key', { kind: 'refused', keyId: parsedKey.id, schoolId: row.school_id });
    if (row.revoked_at) throw new Refused(401, 'this ingest key was revoked', { kind: 'refused', keyId: parsedKey.id, schoolId: row.school_id });
    const who = { kind: 'refused' as const, keyId: parsedKey.id, schoolId: row.school_id };
    const sigHeader = req.headers['x-hallpass-signature'];
    if (typeof sigHeader !== 'string' || !sigHeader)
      throw new Refused(400, 'the X-HallPass-Signature header is missing', who, { field: 'X-HallPass-Signature' });

    // 3. The body (400 naming the field, 413 for too many records).
    const raw = req.body;
    if (!Buffer.isBuffer(raw)) throw new Refused(400, 'Content-Type must be application/json with a body', who, { field: 'Content-Type' });
    let batch;
    try {
      batch = await parseBatch(raw, deviceHeader);
    } catch (e) {
      if (e instanceof BadRequest) throw new Refused(e.status, e.message, who, { field: e.field });
      throw e;
    }

    // 4. The signature, the device's school and its pinned key (403).
    const pub = p256Key(batch.publicKey);
    if (!pub)
      throw new Refused(400, 'hallpass.device.public_key is not a P-256 public key (SPKI)', who, {
        field: 'resourceLogs[0].resource.attributes[hallpass.device.public_key]',
      });
    const sig = signatureBytes(sigHeader);
    if (!sig || !verifySignature(pub, raw, sig)) throw new Refused(403, 'bad signature: the body is not signed by the device key it names', who);
    const publicKey = normalisedKey(pub);
    const input = { batch, publicKey, schoolId: row.school_id, keyId: parsedKey.id, remoteAddr: req.ip };
    const device = row.device ? { ...row.device, silent_since: row.device.silent_since === null ? null : new Date(row.device.silent_since) } : null;

    try {
      checkDevice(device, input);
      // 5. Only the device itself (it signed with the pinned key) uses up its own rate limit (429).
      const deviceBucket = ctx.deviceLimiter.take(`device:${deviceId}`);
      if (!deviceBucket.ok)
        throw new Refused(429, 'too many requests from this device', who, { retryAfter: deviceBucket.retryAfter, audit: deviceBucket.audit });
      // 6. Store it in one statement; answer only after it committed.
      const result = await storeBatch(ctx.db, input, device);
      return reply
        .code(200)
        .send({ partialSuccess: {}, hallpass: { stored: result.stored, duplicates: result.duplicates, conflicts: result.conflicts, purged: result.purged } });
    } catch (e) {
      if (e instanceof Refusal) {
        if (e.kind === 'key-mismatch') {
          await ctx.db.query('update devices set key_mismatches = key_mismatches + 1, last_key_mismatch_at = now() where id = $1', [batch.deviceId]);
          throw new Refused(403, 'this device id is pinned to another key: the request is signed by a different one', {
            ...who,
            kind: 'key-mismatch',
            detail: { presentedKey: publicKey },
          });
        }
        throw new Refused(e.status, e.message, { ...who, kind: e.kind });
      }
      throw e;
    }
  }
}
