// Live reload in a real browser: a page served by `opvolg serve` reloads by itself when a file
// changes, shows the problems box when the change breaks the site, and reloads into the fixed
// site when it is repaired.
//
//   node reload.mjs URL FILE FROM TO BROKEN SHOWN
//
// Opens URL in headless Chromium, then replaces FROM by TO in FILE (the page must then show
// the text SHOWN without being told to reload), then TO by BROKEN (the problems box must appear), then
// BROKEN by TO again (it must go). Exits non-zero, saying which step failed, otherwise.

import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [url, file, from, to, broken, shown] = process.argv.slice(2);
if (!shown) {
  console.error('usage: node reload.mjs URL FILE FROM TO BROKEN SHOWN');
  process.exit(2);
}

function replaceInFile(a, b) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(a)) throw new Error(`${file} does not contain ${a}`);
  writeFileSync(file, text.replace(a, b));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  await page.goto(url);
  // Let the event stream connect before the first change.
  await page.waitForTimeout(500);
  const steps = [
    ['an edit reloads the page', () => replaceInFile(from, to), (text) => document.body.innerText.includes(text), shown],
    ['an error shows on the page', () => replaceInFile(to, broken), () => !!document.querySelector('.opvolg-problems'), null],
    ['the fix reloads into the fixed site', () => replaceInFile(broken, to), () => !document.querySelector('.opvolg-problems'), null],
  ];
  for (const [what, act, probe, arg] of steps) {
    act();
    try {
      await page.waitForFunction(probe, arg, { timeout: 10000 });
      console.log(`ok: ${what}`);
    } catch (e) {
      failed = true;
      console.log(`FAILED: ${what}: ${e.message.split('\n')[0]}`);
    }
  }
  if (problems.length > 0) {
    failed = true;
    console.log(`console errors: ${problems.join(' | ')}`);
  }
} finally {
  await browser.close();
}
console.log(failed ? 'reload checks FAILED' : 'reload checks passed');
process.exit(failed ? 1 : 0);
