// Search benchmark (issue 4 item 4, issue 6): bytes downloaded for a cold first query and a second
// query, and the time from the last index shard arriving to the first result shown, measured in
// Debian's headless Chromium (playwright-core).
//
//   node bench/search-bench.mjs --site DIR --kind kohyo|pagefind [--q1 予防接種] [--q2 介護保険]
//        [--playwright /work/main/node_modules/playwright-core] [--json OUT.json]
//
// kohyo: DIR is kohyo's public output; the page is search.html?q=…, results are #search-results li.
// pagefind: DIR is Hugo's output with pagefind/ in it; the page is bench's search.html (Pagefind's JS
// API, first 10 results with excerpts, as kohyo shows them), results are #results li.
// The site is served on 127.0.0.1 with long cache lifetimes for everything but HTML (kohyo and
// Pagefind both use content-hashed names), so the second query measures what a real visitor pays.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, arr) => {
  if (v.startsWith('--')) a.push([v.slice(2), arr[i + 1] && !arr[i + 1].startsWith('--') ? arr[i + 1] : 'true']);
  return a;
}, []));
const site = path.resolve(args.site);
const kind = args.kind || 'kohyo';
const queries = [args.q1 || '予防接種', args.q2 || '介護保険'];
const pwPath = args.playwright || '/work/main/node_modules/playwright-core';
const require = createRequire(import.meta.url);
const { chromium } = require(pwPath);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
// Bytes are counted where they leave the server: every request that reaches it was a download
// (cache hits never do). For each file we also note what it would cost gzip-served (text types;
// Pagefind's .pf_* files are already gzip-compressed), since static hosts usually compress.
let served = [];
const gzCache = new Map();
function gzSize(f, ext, body) {
  if (!['.html', '.js', '.mjs', '.css', '.json', '.bin', '.wasm'].includes(ext)) return body.length;
  if (!gzCache.has(f)) gzCache.set(f, zlib.gzipSync(body, { level: 6 }).length);
  return gzCache.get(f);
}
const server = http.createServer((req, res) => {
  const u = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let f = path.join(site, u);
  if (!f.startsWith(site)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(f) && fs.statSync(f).isDirectory()) f = path.join(f, 'index.html');
  if (!fs.existsSync(f)) { res.writeHead(404); return res.end(); }
  const ext = path.extname(f);
  const body = fs.readFileSync(f);
  res.writeHead(200, {
    'Content-Type': TYPES[ext] || 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  const rec = { url: u, bytes: body.length, gzip: gzSize(f, ext, body), end: null };
  served.push(rec);
  res.on('finish', () => { rec.end = Date.now(); });
  res.end(body);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kohyo-bench-chromium-'));
const ctx = await chromium.launchPersistentContext(userDir, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] || await ctx.newPage();
const errors = [];
page.on('pageerror', e => errors.push(e.message));
// Records (as epoch ms) when the first result item appears and when the live region is filled.
await page.addInitScript(() => {
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    if (window.__firstResult === undefined && document.querySelector('#search-results li, #results li')) window.__firstResult = now;
    const st = document.querySelector('#search-status, #status');
    if (window.__status === undefined && st && st.textContent.trim()) window.__status = now;
  }).observe(document, { childList: true, subtree: true, characterData: true });
});

const isIndex = u => kind === 'kohyo' ? u.startsWith('/search/') : (u.startsWith('/pagefind/') && !/\.(m?js|css)$/.test(u));
const isScript = u => /\.(m?js)$/.test(u);

async function measure(q) {
  served = [];
  const t0 = Date.now();
  await page.goto(`${origin}/search.html?q=${encodeURIComponent(q)}`);
  let timedOut = false;
  try {
    await page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 30000 });
  } catch (e) { timedOut = true; }
  await page.waitForTimeout(500); // late requests (snippets, suggestions) still count
  const t = await page.evaluate(() => ({ firstResult: window.__firstResult ?? null, status: window.__status ?? null,
    results: document.querySelectorAll('#search-results li, #results li').length,
    statusText: (document.querySelector('#search-status, #status') || {}).textContent || '' }));
  const shown = t.firstResult ?? t.status;
  const idx = served.filter(r => isIndex(r.url) && r.end != null && (shown == null || r.end <= shown + 1));
  const shardsEnd = idx.length ? Math.max(...idx.map(r => r.end)) : null;
  const sum = (f, k = 'bytes') => served.filter(r => f(r.url)).reduce((a, r) => a + r[k], 0);
  const isHtml = u => u.endsWith('.html') || u.endsWith('/');
  return {
    query: q,
    files: served.length,
    bytesTotal: sum(() => true), gzipTotal: sum(() => true, 'gzip'),
    bytesHtml: sum(isHtml), bytesScript: sum(u => isScript(u)), bytesIndex: sum(u => isIndex(u) && !isScript(u)),
    bytesOther: sum(u => !isHtml(u) && !isScript(u) && !isIndex(u)),
    gzipHtml: sum(isHtml, 'gzip'), gzipScript: sum(isScript, 'gzip'), gzipIndex: sum(u => isIndex(u) && !isScript(u), 'gzip'),
    shardsToResultsMs: shown != null && shardsEnd != null ? Math.max(0, Math.round(shown - shardsEnd)) : null,
    measuredAt: t.firstResult != null ? 'first result item' : (t.status != null ? 'live region (no result item appeared)' : 'nothing shown'),
    navToResultsMs: shown != null ? Math.round(shown - t0) : null,
    resultsShown: t.results, timedOut,
    status: t.statusText.trim().slice(0, 80),
    served: served.map(r => `${r.bytes} ${r.url}`),
  };
}

const out = { kind, site, measuredAt: new Date().toISOString(), queries: [], pageErrors: errors };
try {
  for (const q of queries) out.queries.push(await measure(q));
} finally {
  await ctx.close();
  server.close();
  fs.rmSync(userDir, { recursive: true, force: true });
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify(out, null, 1) + '\n');
for (const [i, r] of out.queries.entries()) {
  console.log(`search ${kind} ${i === 0 ? 'cold' : 'second'} q=${r.query}: downloaded ${r.bytesTotal} B in ${r.files} files ` +
    `(html ${r.bytesHtml}, script ${r.bytesScript}, index ${r.bytesIndex}, other ${r.bytesOther}); gzip-served ${r.gzipTotal} B ` +
    `(html ${r.gzipHtml}, script ${r.gzipScript}, index ${r.gzipIndex}); shards→shown ${r.shardsToResultsMs} ms ` +
    `[${r.measuredAt}]; navigation→shown ${r.navToResultsMs} ms; ${r.resultsShown} items; status: ${r.status}`);
}
if (errors.length) console.log(`search ${kind}: page errors: ${[...new Set(errors)].join(' | ')}`);
