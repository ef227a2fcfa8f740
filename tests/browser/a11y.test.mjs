// Every HTML page of the built site has zero axe-core violations for WCAG 2.0/2.1 A and AA,
// in light and dark colour schemes, at desktop and phone widths. Writes target/a11y-report.json,
// from which the build makes the アクセシビリティ方針 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AXE_TAGS, KIND_LABELS, REPO, describeViolations, foreignRequests, launchBrowser, pageKind, require,
  runAxe, sitePages, startServer,
} from './lib/harness.mjs';

let server;
let browser;
const results = [];
const rules = new Set();

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (results.length) writeReport();
});

const pages = (() => {
  try { return sitePages(); } catch { return []; }
})();

// The search page twice: empty, and with results rendered by search.js.
const targets = [...pages.map((p) => ({ path: p, kind: pageKind(p) })),
  { path: 'search.html?q=' + encodeURIComponent('予防接種'), kind: 'search-results', waitFor: '#search-results li' }];

const modes = [
  { name: 'light 1280px', colorScheme: 'light', width: 1280, height: 900 },
  { name: 'dark 1280px', colorScheme: 'dark', width: 1280, height: 900 },
  { name: 'light 320px', colorScheme: 'light', width: 320, height: 640 },
];

test('the built site has pages to check', () => {
  assert.ok(pages.length >= 3, `expected the sample site's pages under target/site, found ${pages.length}`);
});

for (const t of targets) {
  test(`axe ${t.path}`, async () => {
    const page = await browser.newPage();
    try {
      for (const m of modes) {
        await page.setViewportSize({ width: m.width, height: m.height });
        await page.emulateMedia({ colorScheme: m.colorScheme });
        await page.goto(server.url(t.path), { waitUntil: 'load' });
        if (t.waitFor) await page.waitForSelector(t.waitFor, { timeout: 15000 });
        const r = await runAxe(page);
        for (const kind of ['passes', 'violations', 'incomplete', 'inapplicable']) {
          for (const rule of r[kind] || []) rules.add(rule.id);
        }
        results.push({
          path: t.path, kind: t.kind, mode: m.name,
          violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })),
        });
        assert.equal(r.violations.length, 0, `${t.path} (${m.name}) has axe violations:\n${describeViolations(r.violations)}`);
      }
    } finally {
      await page.close();
    }
  });
}

test('no request left 127.0.0.1 and no console or CSP errors', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.consoleErrors, []);
});

function writeReport() {
  const axeVersion = require('axe-core/package.json').version;
  const byKind = {};
  for (const r of results) {
    const k = (byKind[r.kind] ||= { label: KIND_LABELS[r.kind] || r.kind, pages: new Set(), checks: 0, violations: 0, rules: new Set() });
    k.pages.add(r.path);
    k.checks++;
    for (const v of r.violations) { k.violations += v.nodes; k.rules.add(v.id); }
  }
  const report = {
    date: new Date().toISOString().slice(0, 10),
    testedAt: new Date().toISOString(),
    standard: 'JIS X 8341-3:2016 / WCAG 2.1（適合レベル AA を目標）',
    tool: { name: 'axe-core', version: axeVersion },
    browser: 'Debian chromium (headless), driven by playwright-core ' + require('playwright-core/package.json').version,
    tags: AXE_TAGS,
    modes: modes.map((m) => m.name),
    rulesChecked: [...rules].sort(),
    pageCount: new Set(results.map((r) => r.path)).size,
    totalViolations: results.reduce((n, r) => n + r.violations.reduce((a, v) => a + v.nodes, 0), 0),
    kinds: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, {
      label: v.label, pages: [...v.pages].sort(), checks: v.checks, violations: v.violations, violatedRules: [...v.rules].sort(),
    }])),
    pages: results,
  };
  mkdirSync(join(REPO, 'target'), { recursive: true });
  writeFileSync(join(REPO, 'target', 'a11y-report.json'), JSON.stringify(report, null, 2) + '\n');
}
