// Shared pieces of the browser tests: the built site, a tiny static server on 127.0.0.1 that
// serves it under a sub-path (/hyoka/), and Debian's chromium driven by playwright-core.
// Run from the repository root after `mvn -B -DskipTests package`:  node --test tests/browser/
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SITE = process.env.KOHYO_SITE ? resolve(process.env.KOHYO_SITE) : join(REPO, 'target', 'site');
export const BASE_PATH = '/hyoka/';
export const CHROMIUM = process.env.KOHYO_CHROMIUM || '/usr/bin/chromium';
export const require = createRequire(import.meta.url);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.bin': 'application/octet-stream', '.xml': 'application/xml',
};

/** Fails (never skips) with a one-line instruction when something the tests need is missing. */
export function requirePrerequisites() {
  if (!existsSync(CHROMIUM)) {
    throw new Error('Debian chromium is missing: run apt-get install -y chromium');
  }
  if (!existsSync(join(SITE, 'index.html'))) {
    throw new Error(`The built site is missing (${relative(REPO, SITE)}/index.html): run mvn -B -DskipTests package first`);
  }
  try {
    require.resolve('playwright-core');
    require.resolve('axe-core/axe.min.js');
  } catch {
    throw new Error('playwright-core or axe-core is missing: run npm ci in the repository root');
  }
}

/** Every HTML page of the built site, as site-relative paths with forward slashes, sorted. */
export function sitePages() {
  const out = [];
  (function walk(dir) {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(relative(SITE, p).split(sep).join('/'));
    }
  })(SITE);
  return out;
}

/** The kind of a page, for reports: 一覧, 評価書, 自由ページ, 検索, 404, other. */
export function pageKind(path) {
  if (path === 'index.html') return 'list';
  if (path === 'search.html' || path.startsWith('search.html?')) return 'search';
  if (path === '404.html') return 'not-found';
  if (path === 'accessibility.html') return 'accessibility';
  if (path.startsWith('evaluations/')) return 'evaluation';
  return 'page';
}

export const KIND_LABELS = {
  list: '評価書の一覧', evaluation: '評価書', page: '自由なページ', search: '検索', 'search-results': '検索結果',
  'not-found': 'ページが見つかりません', accessibility: 'アクセシビリティ方針',
};

/** Starts the static server on 127.0.0.1 (random port). Resolves to { url(path), close(), requests }. */
export async function startServer() {
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    if (!url.pathname.startsWith(BASE_PATH)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not under ' + BASE_PATH);
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(BASE_PATH.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(SITE, rel));
    if (!file.startsWith(SITE + sep) || !existsSync(file) || !statSync(file).isFile()) {
      const notFound = join(SITE, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(existsSync(notFound) ? readFileSync(notFound) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    url: (path = '') => origin + BASE_PATH + path,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/**
 * Launches Debian's chromium (headless, fresh profile). Every request any page makes is recorded in
 * `requests`, so tests can prove that nothing leaves 127.0.0.1.
 */
export async function launchBrowser({ width = 1280, height = 900 } = {}) {
  requirePrerequisites();
  const { chromium } = require('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'kohyo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    locale: 'ja-JP',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
  const requests = [];
  const consoleErrors = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('page', (p) => watch(p, consoleErrors));
  for (const p of context.pages()) watch(p, consoleErrors);
  return {
    context,
    requests,
    consoleErrors,
    async newPage() {
      const p = await context.newPage();
      return p;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function watch(page, errors) {
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
}

/** Requests that went anywhere but the local server (data: and about: are local by nature). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('about:') || u.startsWith('blob:')));
}

let axeSource;
const AXE_SOURCE_LAZY = () => (axeSource ||= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') + '\n;void 0;');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core on the page for the WCAG 2.0/2.1 A and AA rules. */
export async function runAxe(page) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  // Evaluated through the DevTools protocol: the page's strict CSP (script-src 'self') stays on and
  // still blocks any inline script of the site itself.
  if (!has) await page.evaluate(AXE_SOURCE_LAZY());
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
}

/** One line per violation node, readable in a test failure. */
export function describeViolations(violations) {
  const lines = [];
  for (const v of violations) {
    for (const n of v.nodes) lines.push(`${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`);
  }
  return lines.join('\n');
}

/** Pages of the built site, opened at a viewport, with a check per page. */
export async function gotoSite(page, server, path) {
  const res = await page.goto(server.url(path), { waitUntil: 'load' });
  return res;
}
