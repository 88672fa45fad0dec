/**
 * The floor for any blocking extension, generated at bench time: one static declarativeNetRequest
 * rule that redirects the given hosts to a static HTML page with no script. Anything Hall Pass
 * spends beyond this is its own cost.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const MINIMAL_GECKO_ID = 'minimal-block@bench.invalid';

/** The same kind of words as a block page, as plain HTML with a little inline CSS. */
const PAGE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Blocked by the school</title>
<style>
body { font: 18px/1.5 system-ui, sans-serif; margin: 0; background: #f4f7fb; color: #1b2330; }
main { max-width: 36rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 12px; }
h1 { font-size: 1.6rem; }
</style>
</head>
<body>
<main>
<h1>This site is closed on school computers</h1>
<p class="why">Our school has a rule: school computers are not for social media. It helps keep everyone safe.</p>
<p>It stays closed on school computers.</p>
<ul><li>If you need it for school work, ask your teacher.</li>
<li>If something online has worried or upset you, tell your teacher. You will not be in trouble.</li></ul>
</main>
</body>
</html>
`;

/** Writes the extension into a new temporary folder and returns that folder. */
export async function writeMinimalExtension(hosts: string[], browser: 'chrome' | 'firefox'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-bench-minimal-'));
  const manifest = {
    manifest_version: 3,
    name: 'Minimal block (benchmark floor)',
    version: '1.0',
    permissions: ['declarativeNetRequest'],
    host_permissions: ['<all_urls>'],
    declarative_net_request: { rule_resources: [{ id: 'block', enabled: true, path: 'rules.json' }] },
    web_accessible_resources: [{ resources: ['blocked.html'], matches: ['<all_urls>'] }],
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: MINIMAL_GECKO_ID, data_collection_permissions: { required: ['none'] } } } } : {}),
  };
  const rules = [
    {
      id: 1,
      priority: 1,
      action: { type: 'redirect', redirect: { extensionPath: '/blocked.html' } },
      condition: { requestDomains: hosts, resourceTypes: ['main_frame'] },
    },
  ];
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await fs.writeFile(path.join(dir, 'rules.json'), JSON.stringify(rules, null, 2));
  await fs.writeFile(path.join(dir, 'blocked.html'), PAGE);
  return dir;
}
