// How fast search answers in headless Chromium, on a built site opened from disk:
//
//   node search-bench.mjs SITE_OUTPUT_DIR QUERY...
//
// For each query, in a fresh browser context (nothing of the index cached): open
// search/index.html, then
// - "typed": the query typed letter by letter as the reader types it; for each letter, the time
//   from the input to the hits of what is typed so far being shown; "first result" is the time
//   from the first letter until the first hit is on the page;
// - "pasted": in another fresh context, the whole query put in at once, until its hits show.
// Prints each query's figures and, over all queries, the median and the slowest.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [siteArg, ...queries] = process.argv.slice(2);
if (!siteArg || queries.length === 0) {
  console.error('usage: node search-bench.mjs SITE_OUTPUT_DIR QUERY...');
  process.exit(2);
}
const url = new URL('search/index.html', pathToFileURL(resolve(siteArg) + '/').href).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/// Puts `text` in the search field and waits until the page shows its answer: the status names
/// the text and (when there are hits) the first is on the page. Milliseconds, and the hit count.
function answer(text) {
  return new Promise((done) => {
    const input = document.getElementById('_search-q');
    const status = document.getElementById('_search-status');
    const hits = document.getElementById('_search-hits');
    const started = performance.now();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const check = () => {
      const said = status.textContent;
      const shown = said.includes(text.trim()) && (hits.children.length > 0 || !/\d/.test(said.replace(text, '')));
      if (shown) done([performance.now() - started, hits.children.length]);
      else setTimeout(check, 1);
    };
    check();
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const firsts = [], keys = [], pasted = [];
try {
  for (const query of queries) {
    let context = await browser.newContext();
    let tab = await context.newPage();
    await tab.goto(url);
    let first = null, elapsed = 0;
    const perKey = [];
    for (let i = 1; i <= query.length; i++) {
      const [ms, count] = await tab.evaluate(answer, query.slice(0, i));
      elapsed += ms;
      perKey.push(ms);
      if (first === null && count > 0) first = elapsed;
    }
    await context.close();
    context = await browser.newContext();
    tab = await context.newPage();
    await tab.goto(url);
    const [whole, count] = await tab.evaluate(answer, query);
    await context.close();
    firsts.push(first ?? Infinity);
    keys.push(...perKey);
    pasted.push(whole);
    console.log(`"${query}": ${count} hits shown; typed: first result ${first === null ? 'never' : first.toFixed(0) + ' ms'} after the first letter, slowest letter ${Math.max(...perKey).toFixed(0)} ms; pasted: ${whole.toFixed(0)} ms`);
  }
} finally {
  await browser.close();
}
console.log(`typed, first result after the first letter: median ${median(firsts).toFixed(0)} ms, slowest ${Math.max(...firsts).toFixed(0)} ms (${firsts.length} queries)`);
console.log(`typed, each letter to its hits: median ${median(keys).toFixed(0)} ms, slowest ${Math.max(...keys).toFixed(0)} ms (${keys.length} letters)`);
console.log(`pasted, whole query to its hits (cold): median ${median(pasted).toFixed(0)} ms, slowest ${Math.max(...pasted).toFixed(0)} ms`);
