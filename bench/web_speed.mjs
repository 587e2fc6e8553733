// bench/web_speed: the web page's speed as an attorney meets it, in Debian's chromium over
// loopback: time from navigation to the first results drawn (a permalink opened, each query
// of bench/load_queries.txt in a fresh tab, the browser's cache warm from the first), and the
// page's total bytes of script and style. Bounded: one pass over the queries, 30 s a page.
//
//   node bench/web_speed.mjs INDEX [BUILD_DIR]        (BUILD_DIR default build-release)
// Uses tests/web's pinned puppeteer-core (scripts/install-deps.sh runs its npm ci).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const [index, build = 'build-release'] = process.argv.slice(2);
if (!index) {
  console.error('usage: node bench/web_speed.mjs INDEX [BUILD_DIR]');
  process.exit(2);
}
const require = createRequire(join(root, 'tests/web/package.json'));
const puppeteer = require('puppeteer-core');

function serve() {
  return new Promise((ok, fail) => {
    const server = spawn(resolve(root, build, 'imrsearch'), ['serve', '--db', index, '--listen', '127.0.0.1:0', '--web', join(root, 'web')],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) ok({ server, base: m[1] });
    });
    server.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
    setTimeout(() => fail(new Error(`serve did not start: ${err}`)), 20000);
  });
}

const percentile = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.round(p * (v.length - 1)))];

const { server, base } = await serve();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
try {
  const queries = readFileSync(join(here, 'load_queries.txt'), 'utf8').split('\n').filter(Boolean);
  const ms = [];
  let scriptBytes = 0, styleBytes = 0;
  for (const [i, q] of queries.entries()) {
    const page = await browser.newPage();
    const bytes = { script: 0, stylesheet: 0 };
    page.on('response', (r) => {
      const type = r.request().resourceType();
      if (type in bytes) bytes[type] += Number(r.headers()['content-length'] || 0);
    });
    await page.goto(`${base}?q=${encodeURIComponent(q)}`, { timeout: 30000 });
    await page.waitForSelector('li.hit', { timeout: 30000 });
    // From the navigation's start to now, the first hit in the document.
    ms.push(await page.evaluate(() => performance.now()));
    if (i === 0) {
      await page.waitForNetworkIdle({ idleTime: 200, timeout: 30000 });
      scriptBytes = bytes.script;
      styleBytes = bytes.stylesheet;
    }
    await page.close();
  }
  console.log(`navigation to first results drawn, ${ms.length} queries (${base}): ` +
    `p50 ${percentile(ms, 0.5).toFixed(0)} ms, p95 ${percentile(ms, 0.95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`);
  console.log(`the page's script ${scriptBytes} bytes, style ${styleBytes} bytes (Content-Length as served, uncompressed)`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
