// Query analysis and snippet parity between search.js and the Java build (org.kohyo.index.QueryAnalyzer,
// org.kohyo.index.Passages).
// Run: node --test tests/search/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const search = require('../../themes/default/assets/search.js');
const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8'));
const table = search.synonymTable(vectors.synonyms);

for (const c of vectors.cases) {
  test(`parity ${JSON.stringify(c.query)}`, () => {
    assert.equal(search.normalize(c.query), c.normalized, 'normalized');
    const variants = search.analyze(c.query, table);
    assert.deepEqual(variants, c.variants, 'variants');
    const union = [];
    for (const v of variants) for (const t of v) if (!union.includes(t)) union.push(t);
    assert.deepEqual(union, c.terms, 'terms');
    assert.deepEqual(union.map(search.fnv1a32), c.hashes, 'hashes');
  });
}

for (const c of vectors.snippets || []) {
  test(`snippet marks ${JSON.stringify(c.query)} in ${JSON.stringify(c.text)}`, () => {
    assert.deepEqual(search.marks(c.text, search.analyze(c.query, table)), c.marks);
  });
}

test('snippet vectors are there', () => {
  assert.ok((vectors.snippets || []).length >= 10);
  assert.ok((vectors.choices || []).length >= 5);
});

for (const c of vectors.choices || []) {
  test(`passage choice ${JSON.stringify(c.values)}`, () => {
    assert.equal(search.choosePassage(c.values), c.chosen);
  });
}

test('vectors cover the dev queries', () => {
  const dev = new URL('../../../shared/search/dev-queries.tsv', import.meta.url);
  let text;
  try { text = readFileSync(dev, 'utf8'); } catch { return; }
  const queries = new Set(vectors.cases.map((c) => c.query));
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    assert.ok(queries.has(line.split('\t')[0]), line);
  }
});

test('term shard path uses fnv1a32 and zero-padded hex', () => {
  assert.equal(search.termShardPath('予防', 1), 't/0.bin');
  const h = search.fnv1a32('予防');
  assert.equal(search.termShardPath('予防', 256), 't/' + (h & 255).toString(16).padStart(2, '0') + '.bin');
  assert.equal(search.termShardPath('予防', 4096), 't/' + (h & 4095).toString(16).padStart(3, '0') + '.bin');
});

test('shard decoding and ranking', () => {
  // one term "ab": max 2.0, postings (doc 1, q 255, passage 0 = none) and (doc 3, q 51, passage 130 = the
  // document's passage 129)
  const bytes = [1, 2, 0x61, 0x62, 0, 0, 0, 0x40, 2, 1, 255, 0, 2, 51, 0x82, 0x01];
  const buf = new Uint8Array(bytes).buffer;
  const p = search.parseShard(buf, new Set(['ab'])).get('ab');
  assert.deepEqual(p.ids, [1, 3]);
  assert.deepEqual(p.passages, [0, 130]);
  assert.equal(search.passageOf(p, 3), 130);
  assert.equal(search.passageOf(p, 2), -1);
  assert.equal(search.parseShard(buf, new Set(['zz'])).size, 0);
  assert.equal(p.scores[0], 2);
  assert.equal(p.scores[1], 51 / 255 * 2);
  const ranked = search.rank([['ab', 'cd']], (t) => (t === 'ab' ? p : undefined));
  assert.deepEqual(ranked.map((r) => r.id), [1, 3]);
  assert.equal(ranked[0].score, 2 * 0.25);
});

test('passage location: index in the row\'s stored passages, chunk file per document', () => {
  // row[7] passage key, row[8] stored passage numbers (format kohyo-search-4)
  const row = ['a.html', 'A', null, 0, 'A市長', null, null, '0123456789ab', [0, 2, 5, 9, 14, 30]];
  assert.deepEqual(search.passageLocation(row, 0, 4), { path: 'p/0123456789ab-0.json', index: 0 });
  assert.deepEqual(search.passageLocation(row, 9, 4), { path: 'p/0123456789ab-0.json', index: 3 });
  assert.deepEqual(search.passageLocation(row, 14, 4), { path: 'p/0123456789ab-1.json', index: 0 });
  assert.deepEqual(search.passageLocation(row, 30, 4), { path: 'p/0123456789ab-1.json', index: 1 });
  assert.equal(search.passageLocation(row, 3, 4), null);
  assert.equal(search.passageLocation(row, 31, 4), null);
  assert.deepEqual(search.passageLocation(row, 30, 1), { path: 'p/0123456789ab-5.json', index: 0 });
});
