// The web page in a real browser: Debian's chromium driven by puppeteer-core, against
// `imrsearch serve` on a free loopback port over an index of data/. Each step is what a user
// does; a console error or a failed request fails the test. Screenshots of the results page
// and the decision page go to $IMR_SCREENSHOTS for a reviewer; axe-core checks both pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.IMR_BINARY;
const data = process.env.IMR_DATA_DIR;
const web = process.env.IMR_WEB_DIR;
const shots = process.env.IMR_SCREENSHOTS || join(tmpdir(), 'imrsearch-screenshots');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

let work, server, base, browser, page;
const problems = [];
let malformedQuerySent = false;  // its 400 is the service's answer, and Chromium logs it

function serve(db) {
  return new Promise((resolve, reject) => {
    server = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', web], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20000);
  });
}

before(async () => {
  assert.ok(binary && data && web, 'IMR_BINARY, IMR_DATA_DIR and IMR_WEB_DIR are set by CTest');
  work = mkdtempSync(join(tmpdir(), 'imrsearch-web-'));
  const db = join(work, 'index');
  // The PDFs first: the text copies of the same letters are then duplicates.
  execFileSync(binary, ['index', '--db', db, join(data, 'pdf'), join(data, 'letters')], { stdio: 'ignore' });
  base = await serve(db);
  mkdirSync(shots, { recursive: true });
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${join(work, 'profile')}`],
  });
  await browser.defaultBrowserContext().overridePermissions(base.slice(0, -1), ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (malformedQuerySent && m.text().includes('status of 400')) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    // 4xx answers to a malformed query are expected; nothing else may fail.
    if (r.status() >= 500 || (r.status() >= 400 && !r.url().includes('/v1/search'))) problems.push(`${r.status()} ${r.url()}`);
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
  assert.deepEqual(problems, [], 'no console error and no failed request');
});

const hits = () => page.$$eval('li.hit', (els) => els.map((e) => ({ id: e.dataset.id, outcome: e.dataset.outcome, date: e.dataset.date })));
const total = () => page.$eval('#total', (e) => Number(e.dataset.total));
const idle = () => page.waitForNetworkIdle({ idleTime: 150, timeout: 15000 });

async function axe(name) {
  await page.addScriptTag({ path: join(here, 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(async () => (await window.axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })));
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${name}: axe finds no serious or critical violation`);
}

test('a claims attorney searches, narrows, sorts, reads, cites, exports and goes back', async () => {
  await page.goto(base, { waitUntil: 'networkidle0' });
  // The sample query: upheld acupuncture decisions first, never the overturned one.
  await page.type('#q', 'acupuncture upheld no functional improvement');
  await page.keyboard.press('Enter');
  await page.waitForSelector('li.hit');
  let found = await hits();
  assert.ok(found.length >= 3);
  for (const h of found) assert.equal(h.outcome, 'upheld');
  assert.ok(!found.some((h) => h.id === '004_d5de75f73db54f04#1'), 'the overturned acupuncture decision is left out');
  assert.match(page.url(), /q=acupuncture/);
  const firstState = page.url();
  await page.screenshot({ path: join(shots, 'results.png'), fullPage: true });
  await axe('results page');

  // A facet value: the total equals its count; its chip removes it.
  const facet = await page.$('#facets button[data-field="region"]');
  const [field, value, count] = await facet.evaluate((b) => [b.dataset.field, b.dataset.value, Number(b.dataset.count)]);
  await facet.click();
  await page.waitForSelector(`.chip[data-field="${field}"]`);
  assert.equal(await total(), count);
  assert.match(decodeURIComponent(page.url()), new RegExp(`filter=${field}:${value}`));
  await page.click(`.chip[data-field="${field}"]`);
  await page.waitForFunction(() => !document.querySelector('.chip'));
  await idle();

  // Sort by newest: dates descend.
  await page.select('#sort', 'newest');
  await page.waitForFunction(() => location.search.includes('sort=newest'));
  await idle();
  found = await hits();
  const dates = found.map((h) => h.date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort().reverse());

  // Export: the CSV's ids are the service's.
  const href = await page.$eval('#export', (a) => a.href);
  const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
  const csvIds = csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[0]).sort();
  const q = new URL(page.url()).searchParams.get('q');
  const service = await page.evaluate(async (query) => {
    const ids = [];
    let totalValue = 0;
    for (let offset = 0; ; offset += 100) {
      const page = await (await fetch(`/v1/search?q=${encodeURIComponent(query)}&limit=100&offset=${offset}&facets=none`)).json();
      totalValue = page.total.value;
      ids.push(...page.hits.map((h) => h.id));
      if (page.hits.length < 100) break;
    }
    return { total: totalValue, ids };
  }, q);
  assert.equal(csvIds.length, service.total);
  assert.deepEqual(csvIds, service.ids.sort());

  // A decision: its rationale, its letter's other items, the citation copied.
  await page.click('li.hit h2 a');
  await page.waitForSelector('#rationale');
  const rationale = await page.$eval('#rationale p', (p) => p.textContent);
  assert.ok(rationale.length > 50);
  await page.waitForSelector('#letter-items li');
  await page.click('#copy-citation');
  await page.waitForFunction(() => document.querySelector('#copy-citation').textContent.includes('copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.$eval('#citation', (p) => p.textContent));
  await page.screenshot({ path: join(shots, 'decision.png'), fullPage: true });
  await axe('decision page');

  // Back: the earlier results, sorted as they were.
  await page.goBack();
  await page.waitForSelector('li.hit');
  assert.match(page.url(), /sort=newest/);
  await page.goBack();
  await idle();
  await page.goBack();
  await idle();
  await page.goBack();
  await idle();
  assert.equal(page.url(), firstState);
  assert.equal(await page.$eval('#q', (i) => i.value), 'acupuncture upheld no functional improvement');

  // A malformed query: the service's words beside the box.
  malformedQuerySent = true;
  await page.click('#q', { clickCount: 3 });
  await page.type('#q', 'foo:bar knee');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#query-error:not([hidden])');
  assert.match(await page.$eval('#query-error', (e) => e.textContent), /unknown field 'foo'/);
});

test('the words of a question most decisions hold are named as not searched', async () => {
  await page.goto(base, { waitUntil: 'networkidle0' });
  await page.type('#q', 'weaning decisions');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#common-words');
  assert.match(await page.$eval('#common-words', (e) => e.textContent), /without words most decisions hold: decisions$/);
  const service = await page.evaluate(async () => (await (await fetch('/v1/search?q=weaning&facets=none')).json()).total.value);
  assert.equal(await total(), service, 'the decisions that say weaning, no more');
});

test('a decision read from a PDF links to the letter at the cited page', async () => {
  await page.goto(`${base}?decision=${encodeURIComponent('CM16-0230548#1')}`, { waitUntil: 'networkidle0' });
  const link = await page.$eval('#pdf', (a) => a.getAttribute('href'));
  assert.match(link, /\/v1\/letters\/CM16-0230548\/pdf#page=\d+/);
  const status = await page.evaluate(async (u) => (await fetch(u)).status, link.split('#')[0]);
  assert.equal(status, 200);
});

test('the page loads nothing from another host', async () => {
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  assert.ok(!/(src|href)="(https?:)?\/\//.test(html));
});
