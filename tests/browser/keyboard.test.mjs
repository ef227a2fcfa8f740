// Keyboard-only use: the skip link, the table of contents, the header search form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { foreignRequests, launchBrowser, sitePages, startServer } from './lib/harness.mjs';

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

const docs = (() => {
  try { return sitePages().filter((p) => p.startsWith('evaluations/')); } catch { return []; }
})();

const active = () => page.evaluate(() => {
  const e = document.activeElement;
  return { tag: e.tagName, id: e.id, text: (e.textContent || '').trim().slice(0, 80), href: e.getAttribute('href') || '' };
});

for (const path of ['index.html', ...docs.slice(0, 1), 'search.html']) {
  test(`${path}: the first Tab reaches the skip link, Enter moves focus to main`, async () => {
    await page.goto(server.url(path));
    await page.keyboard.press('Tab');
    const first = await active();
    assert.equal(first.href, '#main', `first Tab stop is ${JSON.stringify(first)}`);
    const visible = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0;
    });
    assert.ok(visible, 'the focused skip link is visible on screen');
    await page.keyboard.press('Enter');
    const now = await active();
    assert.equal(now.id, 'main', 'focus is on <main> after Enter');
    // the next Tab continues inside main, not in the header
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
    assert.ok(inMain, 'the next Tab stop is inside main');
  });
}

test('the table of contents: Tab to an entry, Enter moves to that section and focuses its heading', async () => {
  assert.ok(docs.length > 0, 'the sample site has evaluation pages');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(server.url(docs[0]));
    // On narrow screens the 目次 starts closed: reach its summary by Tab and open it with Enter.
    const closed = await page.evaluate(() => !document.querySelector('#toc details').open);
    if (width < 1000) assert.ok(closed, 'on a phone the table of contents starts closed');
    const tocTarget = closed ? 'summary' : 'a';
    let found = null;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate((kind) => {
        const e = document.activeElement;
        return e.closest('#toc') && e.matches(kind === 'summary' ? '#toc summary' : '#toc a') ? true : null;
      }, tocTarget);
    }
    assert.ok(found, `Tab reaches the table of contents (${width}px)`);
    if (closed) {
      await page.keyboard.press('Enter');
      assert.ok(await page.evaluate(() => document.querySelector('#toc details').open), 'Enter opens the table of contents');
      await page.keyboard.press('Tab');
    }
    // Tab to the second top-level entry and follow it
    await page.keyboard.press('Tab');
    const link = await active();
    assert.match(link.href, /^#/, `a TOC entry has focus: ${JSON.stringify(link)}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((h) => location.hash === h, link.href);
    await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, link.href.slice(1));
    const seen = await page.evaluate((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return r.top >= -2 && r.top < innerHeight;
    }, link.href.slice(1));
    assert.ok(seen, `the section heading ${link.href} is on screen (${width}px)`);
    await page.keyboard.press('Tab');
    const after = await page.evaluate((id) => {
      const h = document.getElementById(id);
      return !!(h.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING);
    }, link.href.slice(1));
    assert.ok(after, 'the next Tab continues after the section heading');
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('the header search form submits with Enter', async () => {
  await page.goto(server.url('index.html'));
  let inField = false;
  for (let i = 0; i < 10 && !inField; i++) {
    await page.keyboard.press('Tab');
    inField = await page.evaluate(() => document.activeElement.id === 'header-q');
  }
  assert.ok(inField, 'Tab reaches the header search field');
  await page.keyboard.type('予防接種');
  await Promise.all([page.waitForURL(/search\.html\?q=/), page.keyboard.press('Enter')]);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/hyoka/search.html', 'the form goes to the search page under the sub-path');
  assert.equal(url.searchParams.get('q'), '予防接種');
});

test('no request left 127.0.0.1', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
});
