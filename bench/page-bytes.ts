/**
 * Bytes of script and CSS each extension page loads: its scripts and everything they import
 * statically, apart the script its load event waits for (the block and warning pages import their
 * full page only after it), and its stylesheets, inline ones included. Read from the built
 * extension, so it is what ships.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export interface PageBytes {
  page: string;
  /** All script the page loads, also what it loads after its load event (the block and warning pages' full page). */
  scriptBytes: number;
  /** Script the page's load event waits for. */
  beforeLoadScriptBytes: number;
  cssBytes: number;
  files: string[];
}

const STATIC_IMPORT = /(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']|(?:^|[;\s}])export\s*[\w$*{}\s,]*from\s*["']([^"']+)["']/g;

async function scriptClosure(root: string, start: string, seen: Set<string>): Promise<void> {
  if (seen.has(start)) return;
  seen.add(start);
  const code = await fs.readFile(path.join(root, start), 'utf8');
  for (const m of code.matchAll(STATIC_IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec || !(spec.startsWith('.') || spec.startsWith('/'))) continue;
    const next = spec.startsWith('/') ? spec.slice(1) : path.posix.join(path.posix.dirname(start), spec);
    await scriptClosure(root, next, seen);
  }
}

export async function pageBytes(extensionDir: string, page: string): Promise<PageBytes> {
  const html = await fs.readFile(path.join(extensionDir, page), 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1] ?? null;
  const scripts = new Set<string>();
  const css = new Set<string>();
  const local = (src: string | null) => (!src || /^[a-z]+:/i.test(src) ? null : src.replace(/^\//, '').replace(/^\.\//, ''));
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const file = local(attr(tag, 'src') ?? attr(tag, 'href'));
    if (!file) continue;
    if (tag.startsWith('<script') || /rel="modulepreload"/.test(tag)) await scriptClosure(extensionDir, file, scripts);
    else if (/rel="stylesheet"/.test(tag)) css.add(file);
  }
  const beforeLoad = new Set(scripts);
  // The block and warning pages import their full page after the load event (scripts/fast-pages.ts);
  // Firefox's network pages name it on their root element, and the background adds it.
  for (const [tag] of html.matchAll(/<[a-z]+\b[^>]*\sdata-app="[^"]+"[^>]*>/g)) {
    const app = local(attr(tag, 'data-app'));
    if (app) await scriptClosure(extensionDir, app, scripts);
  }
  const inlineCss = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
  const size = async (files: Set<string>) => {
    let total = 0;
    for (const f of files) total += (await fs.stat(path.join(extensionDir, f))).size;
    return total;
  };
  return {
    page,
    scriptBytes: await size(scripts),
    beforeLoadScriptBytes: await size(beforeLoad),
    cssBytes: (await size(css)) + inlineCss,
    files: [...scripts, ...css].sort(),
  };
}

export const EXTENSION_PAGES = ['blocked.html', 'warn.html', 'status.html', 'popup.html', 'dsl.html'] as const;
/** Firefox's block page of Facebook's own, one of those utils/core/static-pages.ts names (Firefox build only). */
const NETWORK_PAGE = 'blocked-facebook.html';

export async function allPageBytes(extensionDir: string): Promise<PageBytes[]> {
  const network = await fs.stat(path.join(extensionDir, NETWORK_PAGE)).then(
    () => [NETWORK_PAGE],
    () => [],
  );
  return Promise.all([...EXTENSION_PAGES, ...network].map((p) => pageBytes(extensionDir, p)));
}
