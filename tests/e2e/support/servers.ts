/** Local stand-ins for social sites and ordinary sites, counting every TCP connection they get. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SiteServer {
  port: number;
  /** TCP connections accepted: what "nothing reached the site" is measured by. */
  connections: number;
  requests: string[];
  reset(): void;
  close(): Promise<void>;
}

export type Pages = Record<string, string>;

export async function startSite(name: string, pages: Pages = {}): Promise<SiteServer> {
  const state = { connections: 0, requests: [] as string[] };
  const server = http.createServer((req, res) => {
    // Firefox reaches these servers as a proxy, asking for absolute URLs ("GET http://x.com/a").
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    state.requests.push(`${url.host}${url.pathname}${url.search}`);
    const path = url.pathname;
    // `/redirect?to=ADDRESS`: a server redirect anywhere (a page's own, or a hostile one).
    const to = path === '/redirect' && !pages[path] ? url.searchParams.get('to') : null;
    // `/redirect-self?base=PAGE`: to PAGE#<this very address>, as our own rules write a redirect.
    const self = path === '/redirect-self' && !pages[path] ? url.searchParams.get('base') : null;
    if (self) {
      res.writeHead(302, { location: `${self}#http://${req.headers.host}${req.url}` });
      res.end();
      return;
    }
    if (to) {
      res.writeHead(302, { location: to, 'content-type': 'text/html; charset=utf-8' });
      res.end();
      return;
    }
    const body = pages[path] ?? `<!doctype html><title>${name}</title><h1 id="site">${name} ${path}</h1>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return state.connections;
    },
    get requests() {
      return state.requests;
    },
    reset() {
      state.connections = 0;
      state.requests = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
