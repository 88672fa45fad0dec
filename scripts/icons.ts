/**
 * Renders public/icon/hall-pass.svg to the PNG sizes the browsers use (toolbar, extensions page,
 * add-ons manager, store listing) with real Chromium. The PNGs are committed; run this after
 * changing the drawing: npm run icons
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs/promises';
import path from 'node:path';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

const dir = path.resolve('public/icon');
const svg = await fs.readFile(path.join(dir, 'hall-pass.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  for (const size of ICON_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: path.join(dir, `${size}.png`), omitBackground: true });
    console.log(`public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}
