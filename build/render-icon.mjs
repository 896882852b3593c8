// Renders build/icon.svg to build/icon.png (512×512, transparent corners), the icon electron-builder turns into
// each platform's format. Needs a Chromium: CHROMIUM=/path, else /usr/bin/chromium (Debian's). Run it after
// changing the SVG: `node build/render-icon.mjs`.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const SIZE = 512;
const svg = await readFile(fileURLToPath(new URL('icon.svg', import.meta.url)), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${source}" width="${SIZE}" height="${SIZE}"></body></html>`,
  );
  await page.waitForFunction('document.images[0]?.complete');
  await page.screenshot({ path: fileURLToPath(new URL('icon.png', import.meta.url)), omitBackground: true });
} finally {
  await browser.close();
}
