// Renders the extension icon (images/icon.png, 128x128) from the SVG below with headless Chromium:
// a hexagon (the network boundary) with a lens over three connected nodes (functions sharing ENIs).
//   node scripts/editor/icon.mjs
import { join } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { repoRoot } from './install.mjs';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2f4160"/><stop offset="1" stop-color="#1b2637"/>
    </linearGradient>
    <clipPath id="glass"><circle cx="56" cy="56" r="25"/></clipPath>
  </defs>
  <polygon points="64,6 114,35 114,93 64,122 14,93 14,35" fill="url(#bg)" stroke="#2f4160" stroke-width="6" stroke-linejoin="round"/>
  <g stroke="#5b7394" stroke-width="3" fill="#5b7394">
    <line x1="30" y1="88" x2="56" y2="56"/><line x1="56" y1="56" x2="88" y2="44"/>
    <circle cx="30" cy="88" r="5"/><circle cx="88" cy="44" r="5"/>
  </g>
  <circle cx="56" cy="56" r="25" fill="#7fd3f7" fill-opacity="0.22"/>
  <g clip-path="url(#glass)" stroke="#7fd3f7" stroke-width="4" fill="#7fd3f7">
    <line x1="30" y1="88" x2="56" y2="56"/><line x1="56" y1="56" x2="88" y2="44"/>
    <line x1="56" y1="56" x2="48" y2="34"/>
    <circle cx="56" cy="56" r="7"/><circle cx="48" cy="34" r="5"/>
  </g>
  <line x1="75" y1="75" x2="97" y2="97" stroke="#ff9900" stroke-width="12" stroke-linecap="round"/>
  <circle cx="56" cy="56" r="25" fill="none" stroke="#ff9900" stroke-width="8"/>
</svg>`;

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const out = join(repoRoot, 'images', 'icon.png');
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
