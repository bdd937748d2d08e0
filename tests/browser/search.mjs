// Search in a real browser, from disk: node search.mjs SITE_OUTPUT_DIR CASES_JSON
//
// CASES_JSON: [{"query": "...", "expect": "recommendations/R3.html", "first": true}, ...]: each
// query must find the page `expect` (the URL of a hit, from the site root, fragment aside),
// as the first hit when `first`, shown with the kind `kind` and a badge of the class `badge`
// when those are given; with `"expect": null` it must find nothing and say so, naming
// the query (typed on the search page). For every case, in headless Chromium with the site opened
// from file://:
//  1. the search box in the header of the dashboard: type the query, press Enter; the search
//     page opens with the query in its address and shows the hit;
//  2. on the search page: the query typed key by key; the hit appears while typing;
// and then, on the page showing hits: axe-core (WCAG 2.1 AA) has nothing to say, and no
// script, style or file was refused (Content-Security-Policy) or failed to load.
// 3. With JavaScript off: the search page says that searching needs it, and its A–Z index and
//    filters lead to pages that list the site.
// Prints what it checked; exits non-zero when anything failed.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const [siteArg, casesArg] = process.argv.slice(2);
if (!siteArg || !casesArg) {
  console.error('usage: node search.mjs SITE_OUTPUT_DIR CASES_JSON');
  process.exit(2);
}
const base = pathToFileURL(resolve(siteArg) + '/').href;
const cases = JSON.parse(casesArg);
let failed = false;
const fail = (what) => { failed = true; console.log(`FAIL ${what}`); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/// The hits' URLs from the site root (without the fragment), in order.
async function hits(tab) {
  return tab.$$eval('#_search-hits li a', (links) => links.map((a) => {
    const root = new URL('../', location.href).href;
    return a.href.slice(root.length).split('#')[0];
  }));
}

async function waitForHit(tab, expect) {
  try {
    await tab.waitForFunction((expect) => Array.from(document.querySelectorAll('#_search-hits li a'))
      .some((a) => a.href.split('#')[0].endsWith('/' + expect)), expect, { timeout: 10000 });
    return true;
  } catch {
    return false;
  }
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const problems = [];
  tab.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  tab.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  tab.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  for (const { query, expect, first, kind, badge } of cases) {
    if (expect === null) {
      // A query that finds nothing: the page says so, naming the query as typed.
      await tab.goto(new URL('search/index.html', base).href);
      await tab.locator('#_search-q').pressSequentially(query, { delay: 30 });
      try {
        await tab.waitForFunction((q) => document.getElementById('_search-status').textContent.includes(q), query, { timeout: 10000 });
        const found = await hits(tab);
        if (found.length > 0) fail(`"${query}" should find nothing, found ${found.slice(0, 3)}`);
        else console.log(`"${query}" finds nothing, and says so: ${(await tab.textContent('#_search-status')).trim()}`);
      } catch {
        fail(`"${query}": the status never names the query: ${await tab.textContent('#_search-status')}`);
      }
      continue;
    }
    // 1. From the header of the dashboard.
    await tab.goto(new URL('index.html', base).href);
    await tab.fill('#_site-search', query);
    await tab.press('#_site-search', 'Enter');
    await tab.waitForURL((url) => url.pathname.endsWith('/search/index.html'));
    if (new URL(tab.url()).searchParams.get('q') !== query) fail(`header box: the search page's address lacks q=${query}: ${tab.url()}`);
    if (!await waitForHit(tab, expect)) fail(`header box: "${query}" does not find ${expect}: ${(await hits(tab)).slice(0, 5)}`);
    else console.log(`header box: "${query}" finds ${expect}`);
    // 2. Typed on the search page, key by key.
    await tab.fill('#_search-q', '');
    await tab.locator('#_search-q').pressSequentially(query, { delay: 30 });
    if (!await waitForHit(tab, expect)) {
      fail(`typed: "${query}" does not find ${expect}: ${(await hits(tab)).slice(0, 5)}`);
      continue;
    }
    const found = await hits(tab);
    if (first && found[0] !== expect) fail(`typed: "${query}": the first hit is ${found[0]}, not ${expect}`);
    if (kind || badge) {
      // What the hit says of itself: its kind and its state's badge, from the index's names.
      const shown = await tab.$$eval('#_search-hits li', (items, expect) => {
        const li = items.find((item) => {
          const a = item.querySelector('a');
          return a && a.href.split('#')[0].endsWith('/' + expect);
        });
        const k = li && li.querySelector('.hit-kind');
        const b = li && li.querySelector('.badge');
        return {
          kind: k ? k.textContent : null,
          badge: b ? Array.from(b.classList).filter((c) => c !== 'badge').join(' ') : null,
          state: b ? b.textContent : null,
        };
      }, expect);
      if (kind && shown.kind !== kind) fail(`"${query}": the hit's kind is ${shown.kind}, not ${kind}`);
      if (badge && shown.badge !== badge) fail(`"${query}": the hit's badge is ${shown.badge}, not ${badge}`);
      else if (badge) console.log(`"${query}": shown as ${shown.kind}, badge ${shown.badge} ("${shown.state}")`);
    }
    const status = await tab.textContent('#_search-status');
    console.log(`typed: "${query}" finds ${expect}${first ? ' first' : ''} (${status.trim()})`);
  }
  // Only what the pages did counts: axe fetches the stylesheets itself.
  if (problems.length > 0) fail(`console and requests: ${problems.join(' | ')}`);
  else console.log('no script, style or file refused or missing');
  tab.removeAllListeners('console');
  tab.removeAllListeners('requestfailed');
  // The page showing hits, checked by axe.
  await tab.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await tab.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  for (const v of result.violations) fail(`axe on the hits: ${v.id}: ${v.help} (${v.nodes[0].target.join(' ')})`);
  console.log(`axe on the search page with hits: ${result.violations.length} violations`);
  await context.close();

  // 3. Without JavaScript.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const page = await plain.newPage();
  await page.goto(new URL('search/index.html?q=x', base).href);
  if (!(await page.isVisible('noscript p, .notice'))) fail('without JavaScript the search page does not say why it cannot search');
  const letters = await page.$$eval('.letters a', (links) => links.map((a) => a.href));
  const filters = await page.$$eval('.filters a', (links) => links.map((a) => a.href));
  if (letters.length === 0) fail('without JavaScript: no A–Z index');
  if (filters.length === 0) fail('without JavaScript: no filters');
  for (const href of [letters[0], filters[0]].filter(Boolean)) {
    await page.goto(href);
    const rows = await page.$$eval('main table tbody tr', (r) => r.length);
    if (rows === 0) fail(`without JavaScript: ${href} lists nothing`);
    else console.log(`without JavaScript: ${href.slice(base.length)} lists ${rows} rows`);
  }
  await plain.close();
} finally {
  await browser.close();
}
console.log(failed ? 'search checks FAILED' : 'search checks passed');
process.exit(failed ? 1 : 0);
