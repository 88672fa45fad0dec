/**
 * Build step (a Vite plugin) for the block and warning pages, so their load event waits for
 * nothing but their own HTML and one small classic script (Firefox pays about as much for each
 * extension file a page loads before its load event as for the whole static page):
 *
 * - the page's HTML is drawn at build time by the real components (components/prerender.tsx);
 * - its stylesheet is inlined (a <style> element: extension pages' CSP limits scripts, not styles);
 * - its module script and module preloads are taken out of the HTML; the first-paint script
 *   (entrypoints/first-paint.ts) fills the page for this visit, then imports that module after
 *   the load event, which draws the live page over the prerendered one.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

const PAGES: Record<string, 'block' | 'warn'> = { blocked: 'block', warn: 'warn' };
/** Must match APP_ATTRIBUTE in components/page-shell.ts. */
const APP_ATTRIBUTE = 'data-app';

type Prerender = { shellMarkup(page: 'block' | 'warn'): string };

async function loadPrerender(root: string, firefox: boolean): Promise<Prerender> {
  const out = await build({
    entryPoints: [path.join(root, 'components/prerender.tsx')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'import.meta.env.FIREFOX': String(firefox), 'import.meta.env.CHROME': String(!firefox) },
    logLevel: 'error',
  });
  const code = out.outputFiles[0]!.text;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Prerender;
}

const escapeStyle = (css: string) => css.replace(/<\/style/gi, '<\\/style');

export function fastPages(options: { firefox: boolean }): Plugin {
  let prerender: Promise<Prerender> | undefined;
  return {
    name: 'hall-pass:fast-pages',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const name = /entrypoints\/([^/]+)\/index\.html$/.exec(ctx.filename.replace(/\\/g, '/'))?.[1];
        const page = name ? PAGES[name] : undefined;
        if (!page || !ctx.bundle) return html;
        prerender ??= loadPrerender(process.cwd(), options.firefox);
        const markup = (await prerender).shellMarkup(page);
        let app: string | null = null;
        let out = html
          .replace(/\s*<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/, (_, src: string) => {
            app = src;
            return '';
          })
          .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
          .replace(/<link rel="stylesheet"[^>]*\shref="\/?([^"]+)"[^>]*>/g, (tag, file: string) => {
            const asset = ctx.bundle![file];
            if (!asset || asset.type !== 'asset') return tag;
            return `<style>${escapeStyle(String(asset.source))}</style>`;
          });
        if (!app) throw new Error(`fast-pages: no module script in ${ctx.filename}`);
        if (!out.includes('<div id="app"></div>')) throw new Error(`fast-pages: no <div id="app"></div> in ${ctx.filename}`);
        out = out
          .replace('<div id="app"></div>', () => `<div id="app">${markup}</div>`)
          .replace('</body>', () => `<script src="/first-paint.js" ${APP_ATTRIBUTE}="${app}"></script>\n  </body>`);
        return out;
      },
    },
  };
}
