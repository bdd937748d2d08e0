// Checks built opvolg sites with real tools, the way reviewers open them: from disk.
//
//   node check.mjs SCREENSHOT_DIR SITE...
//
// A SITE is a built site's output folder, opened from disk as reviewers do, or DIR=URL: the
// HTML pages in DIR (for the Nu Html Checker, and to know which pages exist) as served at URL
// (for the browser), which is how `opvolg serve` is checked with its live-reload script.
//
// 1. The Nu Html Checker (vnu.jar, run with the system Java) on every HTML page: zero errors.
// 2. axe-core in headless Chromium (playwright-core driving /usr/bin/chromium) with the WCAG 2.0
//    and 2.1 A and AA rules on every page of a small site, one page of every type of a larger
//    one: zero violations.
// 3. Reflow (WCAG 1.4.10): no page of those types scrolls sideways at 320 CSS px.
// 4. Screenshots of those pages at 1280 and 390 CSS px into SCREENSHOT_DIR.
// Prints a summary line per check and exits non-zero when any check fails.

import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, relative, basename, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const [screenshotArg, ...siteArgs] = process.argv.slice(2);
if (!screenshotArg || siteArgs.length === 0) {
  console.error('usage: node check.mjs SCREENSHOT_DIR SITE_OUTPUT_DIR|DIR=URL...');
  process.exit(2);
}
const screenshotDir = resolve(screenshotArg);
// Each site: the folder of its pages, and the address the browser opens them at.
const targets = siteArgs.map((arg) => {
  const at = arg.indexOf('=');
  if (at < 0) {
    const dir = resolve(arg);
    return { dir, base: pathToFileURL(dir + '/').href };
  }
  return { dir: resolve(arg.slice(0, at)), base: arg.slice(at + 1) };
});
const sites = targets.map((t) => t.dir);

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let failed = false;

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

/// Every page of a site of at most 40 pages; on a larger site one page of each type: the dashboard, the list pages, the first detail page of each kind,
/// the last document (a progress report, with its report of states and changes, where the site
/// has one), the whole-site pages (dossier, open data, and the review copy's list), the register
/// of commitments, the list of changes and a second page of a list, where the site has them.
function pagesToCheck(dir) {
  const all = htmlFiles(dir).map((p) => relative(dir, p));
  // A small site is checked whole: every page, not one of each type.
  if (all.length <= 40) return all;
  const details = (prefix) => all.filter((p) => p.startsWith(prefix) && !p.endsWith('index.html'));
  const pages = ['index.html', 'recommendations/index.html', 'indicators/index.html', 'documents/index.html', 'topics/index.html'];
  for (const prefix of ['recommendations/', 'indicators/', 'documents/', 'topics/']) {
    const found = details(prefix);
    if (found.length > 0) pages.push(found[0]);
  }
  const documents = details('documents/');
  if (documents.length > 1) pages.push(documents[documents.length - 1]);
  for (const extra of ['accessibility.html', 'dossier.html', 'open-data/index.html', 'review.html',
    'commitments/index.html', 'commitments/index.2.html', 'changes.html', 'recommendations/index.2.html',
    'search/index.html']) {
    if (all.includes(extra)) pages.push(extra);
  }
  // One page of each kind of finder: a letter of the A–Z index and each filter.
  for (const prefix of ['search/letter-', 'search/state-', 'search/owner-', 'search/addressee-']) {
    const found = all.filter((p) => p.startsWith(prefix));
    if (found.length > 0) pages.push(found[0]);
  }
  return pages.filter((p) => all.includes(p));
}

// 1. Nu Html Checker.
const vnuJar = require('vnu-jar');
for (const site of sites) {
  const files = htmlFiles(site);
  // vnu writes its JSON report to stderr.
  const run = spawnSync('java', ['-jar', vnuJar, '--format', 'json', '--exit-zero-always', ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) {
    console.log(`vnu: could not run java -jar ${vnuJar}: ${run.error ?? run.stderr}`);
    failed = true;
    continue;
  }
  const messages = JSON.parse(run.stderr).messages;
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  console.log(`vnu: ${site}: ${files.length} pages, ${errors.length} errors, ${messages.length - errors.length} warnings/info`);
  if (process.env.VNU_VERBOSE) {
    for (const w of messages.filter((m) => !errors.includes(m)).slice(0, 40)) {
      console.log(`  (${w.type}) ${relative(site, new URL(w.url).pathname)}:${w.lastLine} ${w.message}`);
    }
  }
  for (const e of errors.slice(0, 30)) {
    console.log(`  ${relative(site, new URL(e.url).pathname)}:${e.lastLine}:${e.firstColumn ?? ''} ${e.message}`);
  }
  if (errors.length > 0) failed = true;
}

// 2-4. Chromium: axe, reflow, screenshots.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
try {
  for (const { dir: site, base } of targets) {
    const name = basename(resolve(site, '..'));
    const pages = pagesToCheck(site);
    let violations = 0;
    let reflowFailures = 0;
    mkdirSync(join(screenshotDir, name), { recursive: true });
    for (const page of pages) {
      const url = new URL(page, base).href;
      // axe is injected through the DevTools protocol, which the page's CSP does not govern.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await context.newPage();
      const blocked = [];
      tab.on('console', (msg) => {
        if (msg.type() === 'error') blocked.push(msg.text());
      });
      tab.on('requestfailed', (req) => blocked.push(`request failed: ${req.url()}`));
      await tab.goto(url);
      // Only what the page itself does counts; axe fetches stylesheets itself afterwards.
      if (blocked.length > 0) {
        failed = true;
        console.log(`  console/requests: ${page}: ${blocked.join(' | ')}`);
      }
      tab.removeAllListeners('console');
      tab.removeAllListeners('requestfailed');
      await tab.evaluate(axeSource);
      const result = await tab.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
      for (const v of result.violations) {
        violations += v.nodes.length;
        console.log(`  axe: ${page}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0].target.join(' ')}`);
      }
      const shot = page.replace(/\//g, '_').replace(/\.html$/, '');
      await tab.screenshot({ path: join(screenshotDir, name, `${shot}-1280.png`), fullPage: true });
      await tab.setViewportSize({ width: 390, height: 844 });
      await tab.screenshot({ path: join(screenshotDir, name, `${shot}-390.png`), fullPage: true });
      await tab.setViewportSize({ width: 320, height: 640 });
      const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) {
        reflowFailures += 1;
        console.log(`  reflow: ${page} scrolls sideways by ${overflow}px at 320 CSS px`);
      }
      await context.close();
    }
    console.log(`axe: ${site}: ${pages.length} page types, ${violations} violations`);
    console.log(`reflow: ${site}: ${pages.length} page types at 320 px, ${reflowFailures} scroll sideways`);
    console.log(`screenshots: ${join(screenshotDir, name)}`);
    if (violations > 0 || reflowFailures > 0) failed = true;
  }
} finally {
  await browser.close();
}
console.log(failed ? 'browser checks FAILED' : 'browser checks passed');
process.exit(failed ? 1 : 0);
