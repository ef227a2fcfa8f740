// At 320 px (and a common 390 px phone) no page scrolls sideways: wide tables scroll inside their
// own region instead. Also: the strict CSP holds (no inline style or script is refused), and nothing
// is fetched from outside 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { foreignRequests, launchBrowser, sitePages, startServer } from './lib/harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 320, height: 640 });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

const pages = (() => {
  try { return sitePages(); } catch { return []; }
})();

for (const width of [320, 390]) {
  test(`${width}px: no page scrolls horizontally`, async () => {
    assert.ok(pages.length > 0, 'the built site has pages');
    const page = await browser.newPage();
    await page.setViewportSize({ width, height: 700 });
    const bad = [];
    try {
      for (const path of [...pages, 'search.html?q=' + encodeURIComponent('住民基本台帳')]) {
        await page.goto(server.url(path), { waitUntil: 'load' });
        await page.waitForTimeout(path.includes('?q=') ? 1500 : 0);
        const m = await page.evaluate(() => {
          const de = document.documentElement;
          const wide = [];
          for (const e of document.querySelectorAll('body *')) {
            if (e.closest('.table-scroll')) continue;
            const r = e.getBoundingClientRect();
            if (r.right > de.clientWidth + 1) wide.push(`${e.tagName.toLowerCase()}.${e.className}`);
          }
          return { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide: wide.slice(0, 5) };
        });
        if (m.scrollWidth > m.clientWidth) bad.push(`${path}: scrollWidth ${m.scrollWidth} > ${m.clientWidth} (${m.wide.join(', ')})`);
      }
    } finally {
      await page.close();
    }
    assert.deepEqual(bad, []);
  });
}

test('every wide table scrolls inside a focusable, labelled region with a caption', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 320, height: 700 });
  const bad = [];
  try {
    for (const path of pages) {
      await page.goto(server.url(path));
      bad.push(...await page.evaluate((p) => {
        const out = [];
        for (const s of document.querySelectorAll('.table-scroll')) {
          const t = s.querySelector('table');
          if (s.getAttribute('tabindex') !== '0') out.push(`${p}: region without tabindex=0`);
          if (s.getAttribute('role') !== 'region' || !(s.getAttribute('aria-labelledby') || s.getAttribute('aria-label'))) out.push(`${p}: unlabelled region`);
          if (!t || !t.caption || !t.caption.textContent.trim()) out.push(`${p}: table without caption`);
          if (t && t.querySelector('th:not([scope])')) out.push(`${p}: th without scope`);
        }
        return out;
      }, path));
    }
  } finally {
    await page.close();
  }
  assert.deepEqual(bad, []);
});

test('no request left 127.0.0.1 and the CSP refused nothing', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  const csp = browser.consoleErrors.filter((e) => /Content Security Policy/.test(e));
  assert.deepEqual(csp, []);
});
