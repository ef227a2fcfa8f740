// The dev search cases (../shared/search/dev-queries.tsv from the repository root) in the browser:
// for each query, open search.html?q=…, wait for the results, and check that the expected text
// appears on a linked page among the first 5 results. Then keyboard-only use of the search page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, foreignRequests, launchBrowser, startServer } from './lib/harness.mjs';

const DEV = process.env.KOHYO_DEV_QUERIES || join(REPO, '..', 'shared', 'search', 'dev-queries.tsv');
const TOP = 5;

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 1280, height: 900 });
  page = await browser.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

function cases() {
  if (!existsSync(DEV)) return null;
  return readFileSync(DEV, 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => { const [query, expected, what] = l.split('\t'); return { query, expected, what }; });
}

/** Opens the results page for q and resolves to the result links (absolute URLs), best first. */
async function results(q) {
  await page.goto(server.url('search.html?q=' + encodeURIComponent(q)));
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    const l = document.querySelectorAll('#search-results li a');
    return l.length > 0 || (s && /見つかりませんでした|読み込めませんでした/.test(s.textContent));
  }, null, { timeout: 15000 });
  return page.$$eval('#search-results > li', (lis) => lis.map((li) => {
    const a = li.querySelector('a[href]');
    return a ? a.href : null;
  }).filter(Boolean));
}

const pageText = new Map();
async function textOf(url) {
  if (!pageText.has(url)) {
    const res = await fetch(url.split('#')[0]);
    const html = await res.text();
    pageText.set(url, html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
  }
  return pageText.get(url);
}

test('the dev queries file is there', () => {
  assert.ok(cases(), `missing ${DEV}`);
});

for (const c of cases() || []) {
  test(`search ${c.query} → "${c.expected}" (${c.what})`, async () => {
    const links = await results(c.query);
    assert.ok(links.length > 0, `no results for ${c.query}`);
    const top = links.slice(0, TOP);
    for (const url of top) assert.ok(url.startsWith(server.url('')), `result link stays under the sub-path: ${url}`);
    let hit = null;
    for (const url of top) {
      if ((await textOf(url)).includes(c.expected)) { hit = url; break; }
    }
    assert.ok(hit, `"${c.expected}" is on none of the first ${TOP} results: ${top.join(' ')}`);
  });
}

test('keyboard only: type in the search field, Enter, then Tab to the first result', async () => {
  await page.goto(server.url('search.html'));
  // Tab from the top of the page to the search page's own field (after the skip link and header)
  let there = false;
  for (let i = 0; i < 20 && !there; i++) {
    await page.keyboard.press('Tab');
    there = await page.evaluate(() => document.activeElement.id === 'search-q');
  }
  assert.ok(there, 'Tab reaches the search field #search-q');
  await page.keyboard.type('住民基本台帳');
  // Close the 事務名 suggestions, if open, so that Enter submits the form. (Escape on a bare
  // type=search field would clear it, so only when the list is shown.)
  if (await page.evaluate(() => { const s = document.getElementById('search-suggestions'); return !!s && !s.hidden; })) {
    await page.keyboard.press('Escape');
  }
  await Promise.all([page.waitForURL(/[?&]q=/), page.keyboard.press('Enter')]);
  await page.waitForSelector('#search-results li a', { timeout: 15000 });
  const status = await page.textContent('#search-status');
  assert.match(status, /件/, 'the live region announces the result count');
  // From the field, Tab moves through the filters and the button to the first result link.
  await page.focus('#search-q');
  let first = false;
  for (let i = 0; i < 15 && !first; i++) {
    await page.keyboard.press('Tab');
    first = await page.evaluate(() => document.activeElement === document.querySelector('#search-results li a'));
  }
  assert.ok(first, 'Tab reaches the first result');
  const href = await page.evaluate(() => document.activeElement.href);
  await Promise.all([page.waitForURL((u) => u.href === href), page.keyboard.press('Enter')]);
});

test('result snippets come from the documents\' passage files, with the query marked', async () => {
  const before = server.requests.length;
  await results('監視カメラ');
  const snippets = await page.$$eval('#search-results > li .search-result-snippet',
    (ps) => ps.map((p) => ({ text: p.textContent, marks: Array.from(p.querySelectorAll('mark'), (m) => m.textContent) })));
  assert.ok(snippets.length > 0, 'results show snippets');
  assert.ok(snippets.some((s) => s.marks.includes('監視カメラ')), JSON.stringify(snippets));
  // format kohyo-search-4: p/KEY-C.json, KEY = 12 hex digits of the document's url hash
  const chunks = server.requests.slice(before).filter((u) => /\/search\/i-[0-9a-f]{16}\/p\/[0-9a-f]{12}-\d+\.json$/.test(u));
  assert.ok(chunks.length > 0, 'passage chunk files were fetched: ' + server.requests.slice(before).join(' '));
});

test('no request left 127.0.0.1 and no script errors on the search page', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.consoleErrors, []);
});
