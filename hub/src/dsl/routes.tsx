/**
 * The DSL's pages on the hub (a Fastify plugin): sign-in, sessions in cookies, CSRF checks on every
 * POST, the pages, the exports, and the access trail. Page reads go through withScope (row-level security).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { HubContext } from '../context.ts';
import { endSession, sessionViewer, signIn, type Viewer } from './accounts.ts';
import { dslConfigFromEnv, type DslConfig } from './config.ts';
import { HUB_CSS } from './css.ts';
import { exportFileName } from '../../../utils/core/log/export.ts';
import { csvChunks, jsonChunks } from './export.ts';
import { BadFilter, parseFilters, type HubFilters } from './filters.ts';
import { HUB_CATALOGUES, isHubLang, pickHubLang, safeBack, type HubLang } from './pages/i18n/index.ts';
import type { HubMessages } from './pages/i18n/en.ts';
import { ErrorPage, PageLangContext } from './pages/layout.tsx';
import { AttemptsPage, ChartsPage, DevicesPage, EntriesPage, ExportsPage, LoginPage, ReportsPage, StatusPage, SummaryPage, TrailPage } from './pages/pages.tsx';
import * as q from './queries.ts';
import { withScope } from './scoped.ts';
import { readTrail, recordAccess, type TrailAction } from './trail.ts';

const SESSION = 'hallpass_session';
const LOGIN = 'hallpass_login';
/** The reader's language for the hub's pages (en or cy); without it, the browser's Accept-Language decides. */
const LANG = 'hallpass_lang';

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: Viewer;
  }
}

function cookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function dslRoutes(app: FastifyInstance, opts: { ctx: HubContext; dsl?: DslConfig }): Promise<void> {
  const { ctx } = opts;
  const dsl = opts.dsl ?? dslConfigFromEnv();
  const db = ctx.db;

  const cookie = (name: string, value: string, maxAge?: number) =>
    `${name}=${value}; Path=/; HttpOnly; SameSite=Strict${dsl.insecureCookies ? '' : '; Secure'}${maxAge !== undefined ? `; Max-Age=${maxAge}` : ''}`;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    reply.header('X-Frame-Options', 'DENY');
    reply.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on its own form posts, and the origin check needs it.
    reply.header('Referrer-Policy', 'same-origin');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  const langOf = (req: FastifyRequest): HubLang => pickHubLang(cookies(req)[LANG], req.headers['accept-language']);
  /** The words for this request's page. */
  const words = (req: FastifyRequest): HubMessages => HUB_CATALOGUES[langOf(req)];

  const page = (reply: FastifyReply, node: VNode, status = 200) => {
    const req = reply.request;
    const lang = langOf(req);
    // The language menu comes back here; after a form post, to the page the form belongs to.
    const back = req.method === 'GET' ? req.url : req.url.startsWith('/login') ? '/login' : '/';
    reply.header('Vary', 'Accept-Language, Cookie');
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html>${render(<PageLangContext.Provider value={{ lang, w: HUB_CATALOGUES[lang], back }}>{node}</PageLangContext.Provider>)}`);
  };

  /** The request comes from a page of this hub: Origin (or, without it, Sec-Fetch-Site) must say so. */
  const sameOrigin = (req: FastifyRequest): boolean => {
    const origin = req.headers.origin;
    if (origin) return origin === `${req.protocol}://${req.headers.host}`;
    return req.headers['sec-fetch-site'] === 'same-origin';
  };

  type Why = 'notFromSignIn' | 'signInToken' | 'notFromHub' | 'formToken';
  const WHY_EN: Record<Why, string> = HUB_CATALOGUES.en.errors;
  const refuseForgery = async (req: FastifyRequest, reply: FastifyReply, why: Why) => {
    const w = words(req);
    await db.query("insert into audit (kind, reason, remote_addr, status, detail) values ('refused', $1, $2, 403, $3::text::jsonb)", [
      `forged or cross-site request refused: ${WHY_EN[why]}`,
      req.ip,
      JSON.stringify({ path: req.url.split('?')[0] }),
    ]);
    return page(reply, <ErrorPage viewer={req.viewer ?? null} title={w.errors.refused} message={w.errors.refusedText(w.errors[why])} />, 403);
  };

  // ---------------------------------------------------------------- sign-in
  app.get('/hub-assets/hub.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'max-age=3600').send(HUB_CSS));

  // The language menu (links in every page's header): remember the choice, go back to the same page.
  app.get('/lang', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    if (isHubLang(q.to)) reply.header('Set-Cookie', cookie(LANG, q.to, 365 * 86_400));
    return reply.redirect(safeBack(q.back), 303);
  });

  app.get('/login', async (req, reply) => {
    const token = randomBytes(24).toString('base64url');
    reply.header('Set-Cookie', cookie(LOGIN, token, 3600));
    return page(reply, <LoginPage error={null} csrf={token} email="" expired={(req.query as Record<string, string>).expired === '1'} />);
  });

  app.post('/login', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const expected = cookies(req)[LOGIN];
    if (!sameOrigin(req)) return refuseForgery(req, reply, 'notFromSignIn');
    if (!expected || typeof body._csrf !== 'string' || !same(body._csrf, expected)) return refuseForgery(req, reply, 'signInToken');
    const email = typeof body.email === 'string' ? body.email : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const r = await signIn(db, email, password, req.ip);
    if (!r.ok)
      return page(
        reply,
        <LoginPage error={{ reason: r.reason, waitSeconds: r.waitSeconds }} csrf={expected} email={email.slice(0, 254)} expired={false} />,
        401,
      );
    reply.header('Set-Cookie', [cookie(SESSION, r.token), cookie(LOGIN, '', 0)]);
    return reply.redirect('/', 303);
  });

  // ---------------------------------------------------------------- every other page needs a session
  const session = async (req: FastifyRequest, reply: FastifyReply) => {
    const token = cookies(req)[SESSION];
    const viewer = token ? await sessionViewer(db, token, dsl.idleMinutes) : null;
    if (!viewer) return reply.redirect(token ? '/login?expired=1' : '/login', 303);
    req.viewer = viewer;
    if (req.method === 'POST') {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!sameOrigin(req)) return refuseForgery(req, reply, 'notFromHub');
      if (typeof body._csrf !== 'string' || !same(body._csrf, viewer.csrf)) return refuseForgery(req, reply, 'formToken');
    }
  };

  const CONTENT_ROLES: Viewer['role'][] = ['school-dsl', 'trust-dsl'];
  const allow = (req: FastifyRequest, reply: FastifyReply, roles: Viewer['role'][]) => {
    if (roles.includes(req.viewer!.role)) return true;
    const w = words(req);
    void page(
      reply,
      <ErrorPage viewer={req.viewer!} title={w.errors.notForAccount} message={w.errors.notForAccountText(w.roles[req.viewer!.role] ?? req.viewer!.role)} />,
      403,
    );
    return false;
  };

  const filtersOf = (req: FastifyRequest, reply: FastifyReply): HubFilters | null => {
    try {
      return parseFilters(req.query as Record<string, unknown>);
    } catch (e) {
      if (!(e instanceof BadFilter)) throw e;
      // The filter's own complaint names fields and values; it stays as the parser wrote it.
      const w = words(req);
      void page(reply, <ErrorPage viewer={req.viewer!} title={w.errors.badFilter} message={w.errors.badFilterText} english={e.message} />, 400);
      return null;
    }
  };

  /** A school DSL's queries name their school (so the indexes serve them); row security enforces it either way. */
  const narrowed = (v: Viewer, f: HubFilters): HubFilters => (v.role === 'school-dsl' && f.school === undefined ? { ...f, school: v.schoolId! } : f);
  const scoped = <T,>(v: Viewer, fn: Parameters<typeof withScope<T>>[2]) => withScope(db, v, fn);
  const trail = (req: FastifyRequest, action: TrailAction, f: object, rows: number | null) => recordAccess(db, req.viewer!, action, f, rows, req.ip);

  await app.register(async (pages) => {
    pages.addHook('preHandler', session);

    pages.get('/', async (req, reply) => reply.redirect(req.viewer!.role === 'it-admin' ? '/devices' : '/reports', 303));

    pages.post('/logout', async (req, reply) => {
      const token = cookies(req)[SESSION];
      if (token) await endSession(db, token);
      reply.header('Set-Cookie', cookie(SESSION, '', 0));
      return reply.redirect('/login', 303);
    });

    pages.get('/reports', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const f = filtersOf(req, reply);
      if (!f) return;
      const v = req.viewer!;
      const { rows, list } = await scoped(v, async (tx) => ({ rows: await q.reports(tx, narrowed(v, f)), list: await q.schools(tx) }));
      await trail(req, 'view-reports', f, rows.length);
      return page(reply, <ReportsPage viewer={v} filters={f} schools={list} rows={rows} />);
    });

    pages.post('/reports/state', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const b = req.body as Record<string, string>;
      const seq = Number(b.seq);
      const state = b.state;
      const note = typeof b.note === 'string' ? b.note.slice(0, 2000) : '';
      if (!/^[0-9a-f-]{36}$/i.test(b.device ?? '') || !Number.isInteger(seq) || seq < 1 || !['new', 'seen', 'handled'].includes(state ?? '')) {
        const w = words(req);
        return page(reply, <ErrorPage viewer={req.viewer!} title={w.errors.badRequest} message={w.errors.badReportChange} />, 400);
      }
      const v = req.viewer!;
      const ok = await scoped(v, (tx) => q.setReportState(tx, b.device!, seq, state as 'new', note, v.email));
      if (!ok) return page(reply, <ErrorPage viewer={v} title={words(req).errors.noReport} message={words(req).errors.noReportText} />, 404);
      await trail(req, 'set-report', { device: b.device, seq, state }, 1);
      return reply.redirect('/reports', 303);
    });

    pages.get('/entries', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const f = filtersOf(req, reply);
      if (!f) return;
      const pageNo = Math.min(10_000, Math.max(0, Number((req.query as Record<string, string>).page) || 0));
      const v = req.viewer!;
      const { res, list } = await scoped(v, async (tx) => ({ res: await q.entriesPage(tx, narrowed(v, f), pageNo), list: await q.schools(tx) }));
      await trail(req, 'view-entries', { ...f, page: pageNo }, res.entries.length);
      return page(reply, <EntriesPage viewer={v} filters={f} schools={list} entries={res.entries} page={pageNo} more={res.more} />);
    });

    pages.get('/attempts', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const f0 = filtersOf(req, reply);
      if (!f0) return;
      const f = f0.from || f0.to ? f0 : { ...f0, from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) };
      const v = req.viewer!;
      const { res, list } = await scoped(v, async (tx) => ({
        res: await q.repeatedAttempts(tx, narrowed(v, f), dsl.flagThreshold),
        list: await q.schools(tx),
      }));
      await trail(req, 'view-attempts', f, res.users.length + res.devices.length);
      return page(reply, <AttemptsPage viewer={v} filters={f0} schools={list} threshold={dsl.flagThreshold} users={res.users} devices={res.devices} />);
    });

    pages.get('/charts', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const f = filtersOf(req, reply);
      if (!f) return;
      const v = req.viewer!;
      const { res, list } = await scoped(v, async (tx) => ({ res: await q.charts(tx, narrowed(v, f)), list: await q.schools(tx) }));
      await trail(req, 'view-charts', f, res.total);
      return page(reply, <ChartsPage viewer={v} filters={f} schools={list} charts={res} />);
    });

    pages.get('/devices', async (req, reply) => {
      const f = filtersOf(req, reply);
      if (!f) return;
      const v = req.viewer!;
      const { rows, list } = await scoped(v, async (tx) => ({ rows: await q.devices(tx, narrowed(v, f), ctx.config.silentHours), list: await q.schools(tx) }));
      return page(reply, <DevicesPage viewer={v} filters={f} schools={list} rows={rows} />);
    });

    pages.get('/exports', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const f = filtersOf(req, reply);
      if (!f) return;
      const list = await scoped(req.viewer!, (tx) => q.schools(tx));
      return page(reply, <ExportsPage viewer={req.viewer!} filters={f} schools={list} />);
    });

    pages.get('/summary', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const f = filtersOf(req, reply);
      if (!f) return;
      const v = req.viewer!;
      const { s, devs } = await scoped(v, async (tx) => ({
        s: await q.summary(tx, narrowed(v, f), dsl.flagThreshold, ctx.config.silentHours),
        devs: await q.devices(tx, narrowed(v, f), ctx.config.silentHours),
      }));
      await trail(req, 'view-summary', f, s.total);
      return page(reply, <SummaryPage viewer={v} filters={f} summary={s} devices={devs} printed={new Date()} />);
    });

    const exportName = async (v: Viewer, f: HubFilters, ext: 'csv' | 'json') => {
      const school =
        f.school !== undefined ? ((await scoped(v, (tx) => q.schools(tx))).find((s) => s.id === f.school)?.name ?? null) : (v.schoolName ?? 'trust');
      return exportFileName({ school, device: f.device ?? null, from: f.from ?? null, to: f.to ?? null, ext });
    };

    pages.get('/export/csv', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const f = filtersOf(req, reply);
      if (!f) return;
      const v = req.viewer!;
      await trail(req, 'export-csv', f, null);
      const pagesOf = q.exportPages((fn) => scoped(v, fn), narrowed(v, f), 5000, 'time');
      reply.header('Content-Disposition', `attachment; filename="${await exportName(v, f, 'csv')}"`);
      return reply.type('text/csv; charset=utf-8').send(Readable.from(csvChunks(pagesOf)));
    });

    pages.get('/export/json', async (req, reply) => {
      if (!allow(req, reply, CONTENT_ROLES)) return;
      const f = filtersOf(req, reply);
      if (!f) return;
      const v = req.viewer!;
      await trail(req, 'export-json', f, null);
      const nf = narrowed(v, f);
      const { devs, starts } = await scoped(v, async (tx) => {
        const devs = await q.devices(tx, nf, ctx.config.silentHours);
        return { devs, starts: await q.exportStarts(tx, nf) };
      });
      const byId = new Map(devs.map((d) => [d.id, d]));
      const pagesOf = q.exportPages((fn) => scoped(v, fn), nf);
      reply.header('Content-Disposition', `attachment; filename="${await exportName(v, f, 'json')}"`);
      const chunks = jsonChunks(
        pagesOf,
        { exportedAt: new Date().toISOString(), exportedBy: v.email, filters: f },
        (id) => byId.get(id),
        (id) => starts.get(id) ?? null,
      );
      return reply.type('application/json; charset=utf-8').send(Readable.from(chunks));
    });

    pages.get('/trail', async (req, reply) => {
      if (!allow(req, reply, ['trust-dsl'])) return;
      const rows = await scoped(req.viewer!, (tx) => readTrail(tx));
      return page(reply, <TrailPage viewer={req.viewer!} rows={rows} />);
    });

    pages.get('/status', async (req, reply) => {
      if (!allow(req, reply, ['trust-dsl', 'it-admin'])) return;
      const mig = await db.query<{ v: number | null }>('select max(version) as v from hub_migrations');
      const status = await scoped(req.viewer!, async (tx) => {
        const c = (
          await tx.query<{ schools: number; devices: number; unconfirmed: number; attention: number }>(
            `select (select count(*) from schools)::int as schools, count(*)::int as devices, count(*) filter (where not confirmed)::int as unconfirmed,
                  count(*) filter (where chain_state = 'broken' or key_mismatches > 0 or last_seen < now() - make_interval(secs => $1::float8 * 3600))::int as attention
             from devices`,
            [ctx.config.silentHours],
          )
        ).rows[0]!;
        const refusals = await tx.query<{ reason: string; n: number; last: Date }>(
          "select reason, count(*)::int as n, max(at) as last from audit where kind in ('refused', 'key-mismatch') and at > now() - interval '7 days' group by reason order by last desc limit 50",
        );
        return {
          database: db.kind === 'pglite' ? ('pglite' as const) : ('postgres' as const),
          migration: mig.rows[0]?.v ?? 0,
          ...c,
          refusals: refusals.rows.map((r) => ({ reason: r.reason, count: r.n, last: r.last })),
        };
      });
      return page(reply, <StatusPage viewer={req.viewer!} status={status} />);
    });
  });
}
