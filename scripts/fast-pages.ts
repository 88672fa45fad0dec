/**
 * Build step (a Vite plugin) for the block and warning pages, so their load event waits for
 * nothing but their own HTML and one small classic script (Firefox pays about as much for each
 * extension file a page loads before its load event as for the whole static page):
 *
 * - the page's HTML is drawn at build time by the real components (components/prerender.tsx);
 * - its stylesheet is inlined (a <style> element: extension pages' CSP limits scripts, not styles);
 * - its module script and module preloads are taken out of the HTML; the first-paint script
 *   (entrypoints/first-paint.ts) fills the page for this visit, then imports that module after
 *   the load event, which draws the live page over the prerendered one;
 * - Firefox: one more block page per catalogue network (`blocked-<network>.html`, see
 *   utils/core/static-pages.ts) with that network's name drawn in and no script at all; the
 *   background starts its module after the load event.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

const PAGES: Record<string, 'block' | 'warn'> = { blocked: 'block', warn: 'warn' };
/** Must match APP_ATTRIBUTE in components/page-shell.ts. */
const APP_ATTRIBUTE = 'data-app';

type Prerender = {
  shellMarkup(page: 'block' | 'warn'): string;
  staticBlockPages(): { file: string; networkId: string; markup: string }[];
};

/** Must match STATIC_ATTRIBUTE in utils/core/static-pages.ts. */
const STATIC_ATTRIBUTE = 'data-static';

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
  /** Firefox: each catalogue network's own block page, written with the bundle. */
  const staticPages: { file: string; html: string }[] = [];
  return {
    name: 'hall-pass:fast-pages',
    apply: 'build',
    // Written beside the bundle, not emitted into it: the build moves every .html it emits to
    // its entrypoint's place, and these pages have no entrypoint of their own.
    async writeBundle(output) {
      if (!output.dir) return;
      for (const page of staticPages.splice(0)) await writeFile(path.join(output.dir, page.file), page.html);
    },
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
        if (page === 'block' && options.firefox) {
          // No script at all before the load event: the background starts the full page after it
          // (utils/browser/page-starter.ts), which finds its module in data-app.
          for (const own of (await prerender).staticBlockPages()) {
            const html = out.replace(
              '<div id="app"></div>',
              () => `<div id="app" ${APP_ATTRIBUTE}="${app}" ${STATIC_ATTRIBUTE}="${own.networkId}" inert>${own.markup}</div>`,
            );
            staticPages.push({ file: own.file, html });
          }
        }
        out = out
          .replace('<div id="app"></div>', () => `<div id="app">${markup}</div>`)
          .replace('</body>', () => `<script src="/first-paint.js" ${APP_ATTRIBUTE}="${app}"></script>\n  </body>`);
        return out;
      },
    },
  };
}
