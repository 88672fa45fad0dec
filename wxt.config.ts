import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fastPages } from './scripts/fast-pages';
import { CATALOGUE } from './utils/core/catalogue';
import { compileFloorRules } from './utils/core/rules';

import { CHROME_EXTENSION_ID, CHROME_PUBLIC_KEY, GECKO_ID } from './utils/extension-identity';

const ICONS = Object.fromEntries([16, 32, 48, 96, 128].map((size) => [String(size), `icon/${size}.png`]));

export default defineConfig({
  imports: false,
  // `npm start` and `npm run dev:firefox` open Debian's browsers through web-ext; set
  // CHROMIUM_PATH / FIREFOX_PATH for others. Chromium's sandbox refuses to run as root.
  webExt: {
    binaries: {
      chrome: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    },
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  // The block and warning pages load nothing before their load event but their prerendered HTML
  // and one small script (scripts/fast-pages.ts).
  vite: (env) => ({ plugins: [preact(), fastPages({ firefox: env.browser === 'firefox' })] }),
  manifest: ({ browser }) => {
    const firefox = browser === 'firefox';
    return {
      name: 'Hall Pass',
      description: "Puts the school's social media policy into force on this device.",
      // One mark everywhere: toolbar, chrome://extensions, about:addons, the store (public/icon/, npm run icons).
      icons: ICONS,
      action: { default_icon: ICONS, default_title: 'Hall Pass' },
      // 120: case-insensitive regex rules by default and the rule budgets the compiler assumes.
      ...(firefox ? {} : { key: CHROME_PUBLIC_KEY, minimum_chrome_version: '120' }),
      permissions: [
        'declarativeNetRequest',
        'declarativeNetRequestFeedback',
        'storage',
        'alarms',
        'tabs',
        'privacy',
        'idle',
        // Observes (never blocks) redirects to the block page, so only real ones are logged.
        'webRequest',
        // Sees pages that move with history.pushState, which no request reveals.
        'webNavigation',
        ...(firefox ? [] : ['identity', 'identity.email']),
        // Firefox only: holds the page request of a view-source: load, to which Firefox applies no
        // rules, until the extension has decided on it (Chromium applies the rules there).
        ...(firefox ? ['webRequestBlocking'] : []),
      ],
      // Redirecting a site to the block page needs access to that site.
      host_permissions: ['<all_urls>'],
      // The status page (entrypoints/status) is what the browser's "Options" opens.
      options_ui: { page: 'status.html', open_in_tab: true },
      storage: { managed_schema: 'managed_schema.json' },
      declarative_net_request: {
        rule_resources: [{ id: 'floor', enabled: true, path: 'rules/floor.json' }],
      },
      web_accessible_resources: [
        {
          // Firefox: also each network's own block page (utils/core/static-pages.ts).
          resources: ['blocked.html', 'warn.html', ...(firefox ? ['blocked-*.html'] : [])],
          matches: ['<all_urls>'],
          // Chromium: a web page cannot load or frame the block page under a forged address.
          ...(firefox ? {} : { use_dynamic_url: true }),
        },
      ],
      ...(firefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                strict_min_version: '128.0',
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : {}),
    };
  },
  hooks: {
    // The static floor is compiled from the same catalogue and compiler as the live rules.
    'build:publicAssets': (wxt, files) => {
      const firefox = wxt.config.browser === 'firefox';
      const base = firefox ? null : `chrome-extension://${CHROME_EXTENSION_ID}/`;
      files.push({ relativeDest: 'rules/floor.json', contents: JSON.stringify(compileFloorRules(CATALOGUE, base, firefox ? 'firefox' : 'chromium')) });
    },
  },
});
