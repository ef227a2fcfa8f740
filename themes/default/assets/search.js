/*
 * kohyo 評価書検索 (static index "kohyo-search-4", specified in org.kohyo.index.StaticIndexFormat).
 * Plain JavaScript: no framework, no WASM, no dictionary; works under CSP script-src 'self' /
 * style-src 'self' (no eval, no inline styles).
 * The query analysis below mirrors org.kohyo.index.JapaneseFolding / SynonymTable / QueryAnalyzer,
 * the snippet choice and highlighting org.kohyo.index.Passages; both are checked against
 * tests/search/vectors.json (node --test tests/search/).
 */
(function () {
  'use strict';

  var LONG_VOWEL = 0x30fc;
  var MARK = /\p{M}/u;
  var WORD = /[\p{L}\p{Nd}]/u;
  var MAX_WORD = 255;
  var PAGE = 10;

  /* ---------------------------------------------------------------- analysis */

  function isContinuation(ch) {
    var cp = ch.codePointAt(0);
    return cp === 0xff9e || cp === 0xff9f || MARK.test(ch);
  }

  function widthFold(cluster) {
    var n = cluster.normalize('NFKC');
    var out = '';
    for (var i = 0; i < n.length; i++) {
      var c = n.charCodeAt(i);
      out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : n.charAt(i);
    }
    return out;
  }

  function kanaFold(c) {
    return (c >= 0x30a1 && c <= 0x30f6) || c === 0x30fd || c === 0x30fe ? c - 0x60 : c;
  }

  /* Splits text into clusters (a code point and its combining marks). */
  function clusters(text) {
    var out = [];
    var i = 0;
    while (i < text.length) {
      var start = i;
      i += text.codePointAt(i) > 0xffff ? 2 : 1;
      while (i < text.length) {
        var ch = String.fromCodePoint(text.codePointAt(i));
        if (!isContinuation(ch)) break;
        i += ch.length;
      }
      out.push([start, i]);
    }
    return out;
  }

  /* Normalized text plus, per output char, the original [start, end) it came from. */
  function normalizeMapped(text) {
    var out = '';
    var from = [];
    var to = [];
    var cs = clusters(text);
    for (var k = 0; k < cs.length; k++) {
      var f = widthFold(text.slice(cs[k][0], cs[k][1]));
      for (var j = 0; j < f.length; j++) {
        var c = kanaFold(f.charCodeAt(j));
        if (c === LONG_VOWEL) continue;
        out += String.fromCharCode(c);
        from.push(cs[k][0]);
        to.push(cs[k][1]);
      }
    }
    return { text: out, from: from, to: to };
  }

  function normalize(text) {
    return normalizeMapped(text).text;
  }

  /* 'cjk', 'word' or 'other' for one code point of normalized text. */
  function charClass(cp) {
    if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309d && cp <= 0x309f) ||
        (cp >= 0x30a1 && cp <= 0x30fa) || (cp >= 0x30fc && cp <= 0x30ff) ||
        (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
        (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff) ||
        cp === 0x3005 || cp === 0x3006 || cp === 0x3007) {
      return 'cjk';
    }
    if (cp >= 0xd800 && cp <= 0xdfff) return 'other';
    return WORD.test(String.fromCodePoint(cp)) ? 'word' : 'other';
  }

  /* Terms of text: bigrams of CJK runs (a lone character whole), word runs whole; unique. */
  function terms(text) {
    var s = normalize(text);
    var seen = new Set();
    var out = [];
    function add(t) {
      if (!seen.has(t)) { seen.add(t); out.push(t); }
    }
    var i = 0;
    while (i < s.length) {
      var cp = s.codePointAt(i);
      var cls = charClass(cp);
      if (cls === 'other') { i += cp > 0xffff ? 2 : 1; continue; }
      var run = [];
      var start = i;
      while (i < s.length) {
        var c = s.codePointAt(i);
        if (charClass(c) !== cls) break;
        run.push(String.fromCodePoint(c));
        i += c > 0xffff ? 2 : 1;
      }
      if (cls === 'word') {
        if (i - start <= MAX_WORD) add(run.join(''));
      } else if (run.length === 1) {
        add(run[0]);
      } else {
        for (var k = 0; k + 1 < run.length; k++) add(run[k] + run[k + 1]);
      }
    }
    return out;
  }

  function isWordUnit(text, i) {
    return charClass(text.charCodeAt(i)) === 'word';
  }

  /* Synonym rules [[key, [alternatives]]] from the manifest, indexed by first char. */
  function synonymTable(rules) {
    var byFirst = new Map();
    var alts = new Map();
    (rules || []).forEach(function (r) {
      alts.set(r[0], r[1]);
      var list = byFirst.get(r[0].charAt(0)) || [];
      list.push(r[0]);
      byFirst.set(r[0].charAt(0), list);
    });
    byFirst.forEach(function (list) {
      list.sort(function (a, b) {
        return a.length !== b.length ? b.length - a.length : (a < b ? -1 : a > b ? 1 : 0);
      });
    });
    return { byFirst: byFirst, alts: alts };
  }

  function matches(table, text) {
    var out = [];
    var i = 0;
    while (i < text.length) {
      var best = null;
      var cands = table.byFirst.get(text.charAt(i)) || [];
      for (var k = 0; k < cands.length; k++) {
        var key = cands[k];
        var end = i + key.length;
        if (!text.startsWith(key, i)) continue;
        if (isWordUnit(text, i) && i > 0 && isWordUnit(text, i - 1)) continue;
        if (isWordUnit(text, end - 1) && end < text.length && isWordUnit(text, end)) continue;
        best = key;
        break;
      }
      if (best !== null) { out.push([i, i + best.length, best]); i += best.length; } else { i++; }
    }
    return out;
  }

  function variants(table, q, max) {
    var out = [q];
    var ms = matches(table, q);
    for (var m = 0; m < ms.length; m++) {
      var alts = table.alts.get(ms[m][2]);
      for (var a = 0; a < alts.length; a++) {
        if (out.length >= max) return out;
        var v = q.slice(0, ms[m][0]) + alts[a] + q.slice(ms[m][1]);
        if (out.indexOf(v) < 0) out.push(v);
      }
    }
    return out;
  }

  /* The query's variants as term lists, the query itself first (QueryAnalyzer.variants). */
  function analyze(query, rules, maxVariants) {
    var table = rules && rules.byFirst ? rules : synonymTable(rules);
    var out = [];
    var keys = new Set();
    variants(table, normalize(query), maxVariants || 8).forEach(function (v) {
      var t = terms(v);
      var key = t.join('\u0000');
      if (t.length && !keys.has(key)) { keys.add(key); out.push(t); }
    });
    return out;
  }

  /* ---------------------------------------------------------------- index files */

  var utf8 = new TextEncoder();

  function fnv1a32(term) {
    var bytes = utf8.encode(term);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  function termShardPath(term, shards) {
    var hex = (fnv1a32(term) & (shards - 1)).toString(16);
    var width = 1;
    while (Math.pow(16, width) < shards) width++;
    while (hex.length < width) hex = '0' + hex;
    return 't/' + hex + '.bin';
  }

  /* Decodes the wanted terms of a term shard: Map term -> {ids, scores, passages}. */
  function parseShard(buffer, wanted) {
    var b = new Uint8Array(buffer);
    var view = new DataView(buffer);
    var dec = new TextDecoder();
    var pos = 0;
    function varint() {
      var v = 0;
      var mul = 1;
      for (;;) {
        var x = b[pos++];
        v += (x & 0x7f) * mul;
        if ((x & 0x80) === 0) return v;
        mul *= 128;
      }
    }
    var out = new Map();
    var n = varint();
    for (var t = 0; t < n; t++) {
      var len = varint();
      var term = dec.decode(b.subarray(pos, pos + len));
      pos += len;
      var max = view.getFloat32(pos, true);
      pos += 4;
      var count = varint();
      if (wanted && !wanted.has(term)) {
        for (var s = 0; s < count; s++) { varint(); pos++; varint(); }
        continue;
      }
      var ids = new Array(count);
      var scores = new Array(count);
      var passages = new Array(count);
      var prev = 0;
      for (var i = 0; i < count; i++) {
        prev += varint();
        ids[i] = prev;
        scores[i] = b[pos++] / 255 * max;
        passages[i] = varint();
      }
      out.set(term, { ids: ids, scores: scores, passages: passages });
    }
    return out;
  }

  /* Ranks documents: per variant sum * (c/n)^2, best variant wins (StaticSearcher.search). */
  function rank(variantList, postingsOf) {
    var best = new Map();
    variantList.forEach(function (variant) {
      var acc = new Map();
      variant.forEach(function (term) {
        var p = postingsOf(term);
        if (!p) return;
        for (var i = 0; i < p.ids.length; i++) {
          var a = acc.get(p.ids[i]);
          if (!a) { a = [0, 0]; acc.set(p.ids[i], a); }
          a[0] += p.scores[i];
          a[1] += 1;
        }
      });
      var n = variant.length;
      acc.forEach(function (a, id) {
        var cov = a[1] / n;
        var v = a[0] * cov * cov;
        var old = best.get(id);
        if (old === undefined || v > old) best.set(id, v);
      });
    });
    var ranked = [];
    best.forEach(function (score, id) { ranked.push({ id: id, score: score }); });
    ranked.sort(function (x, y) { return y.score - x.score || x.id - y.id; });
    return ranked;
  }

  /* The passage value most terms give (0 = none; tie -> smallest), as Passages.choose. */
  function choosePassage(values) {
    var best = 0;
    var bestCount = 0;
    values.forEach(function (v) {
      if (v <= 0) return;
      var count = 0;
      values.forEach(function (w) { if (w === v) count++; });
      if (count > bestCount || (count === bestCount && v < best)) { best = v; bestCount = count; }
    });
    return best;
  }

  /* The passage value of a document in a term's postings, or -1 (binary search over ids). */
  function passageOf(p, id) {
    var lo = 0, hi = p.ids.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (p.ids[mid] < id) lo = mid + 1;
      else if (p.ids[mid] > id) hi = mid - 1;
      else return p.passages ? p.passages[mid] : 0;
    }
    return -1;
  }

  /*
   * Where a document's passage is stored: given its doc-table row (row[7] passage key, row[8] its
   * stored passage numbers, ascending), {path: 'p/KEY-C.json', index} with j the passage's index in
   * row[8], C = floor(j / perChunk), index = j % perChunk; null if the passage is not stored.
   */
  function passageLocation(row, passage, perChunk) {
    var stored = row[8] || [];
    var lo = 0, hi = stored.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (stored[mid] < passage) lo = mid + 1;
      else if (stored[mid] > passage) hi = mid - 1;
      else return { path: 'p/' + row[7] + '-' + Math.floor(mid / perChunk) + '.json', index: mid % perChunk };
    }
    return null;
  }

  function isBigram(t) {
    var cps = Array.from(t);
    return cps.length === 2 && charClass(cps[0].codePointAt(0)) === 'cjk';
  }

  /* Ranges [start, end) of text to mark for the query's variants, merged (Passages.marks). */
  function marks(text, variantList) {
    var m = normalizeMapped(text);
    var s = m.text;
    var ranges = [];
    variantList.forEach(function (v) {
      var occ = [];
      var starts = new Set();
      var nexts = new Set();
      v.forEach(function (t) {
        if (!t) return;
        var bigram = isBigram(t);
        var first = t.codePointAt(0) > 0xffff ? 2 : 1;
        for (var i = s.indexOf(t); i >= 0; i = s.indexOf(t, i + 1)) {
          occ.push([i, i + t.length, bigram, i + first]);
          if (bigram) { starts.add(i); nexts.add(i + first); }
        }
      });
      occ.forEach(function (o) {
        if (!o[2] || v.length === 1 || starts.has(o[3]) || nexts.has(o[0])) {
          var end = m.to[o[1] - 1];
          // the folding drops long vowels: mark the ー that ends サーバー as well
          while (end < text.length && (text.charCodeAt(end) === 0x30fc || text.charCodeAt(end) === 0xff70)) end++;
          ranges.push([m.from[o[0]], end]);
        }
      });
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  var api = {
    normalize: normalize, normalizeMapped: normalizeMapped, charClass: charClass, terms: terms,
    synonymTable: synonymTable, matches: matches, analyze: analyze, fnv1a32: fnv1a32,
    termShardPath: termShardPath, parseShard: parseShard, rank: rank, choosePassage: choosePassage,
    passageOf: passageOf, passageLocation: passageLocation, marks: marks
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = api;
    return;
  }

  /* ---------------------------------------------------------------- page */

  var script = document.currentScript;

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  var cache = new Map();
  function fetchFile(url, type) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + url);
        return type === 'bin' ? r.arrayBuffer() : r.json();
      }));
    }
    return cache.get(url);
  }

  function formatDate(iso) {
    if (!iso) return '';
    var p = iso.split('-');
    return p[0] + '年' + Number(p[1]) + '月' + Number(p[2]) + '日';
  }

  /* Text with the query's matches in <mark> elements, as a DocumentFragment (text nodes only). */
  function highlight(text, variantList) {
    var frag = document.createDocumentFragment();
    var pos = 0;
    marks(text, variantList).forEach(function (r) {
      if (r[0] > pos) frag.appendChild(document.createTextNode(text.slice(pos, r[0])));
      frag.appendChild(el('mark', null, text.slice(r[0], r[1])));
      pos = r[1];
    });
    if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }

  function fillSelect(select, values, current) {
    if (!select) return;
    values.forEach(function (v) {
      var o = el('option', null, v);
      o.value = v;
      if (v === current) o.selected = true;
      select.appendChild(o);
    });
  }

  function init() {
    var indexAttr = script && script.getAttribute('data-index');
    var form = $('search-form');
    var input = $('search-q');
    var status = $('search-status');
    var list = $('search-results');
    var more = $('search-more');
    if (!indexAttr || !input || !status || !list) return;
    var manifestUrl = new URL(indexAttr, document.baseURI);
    var siteRoot = new URL('../', manifestUrl);
    var params = new URLSearchParams(location.search);
    var q = (params.get('q') || '').trim();
    var filter = { kind: params.get('kind') || '', org: params.get('org') || '', year: params.get('year') || '' };
    input.value = q;

    fetchFile(manifestUrl.href, 'json').then(function (manifest) {
      var base = new URL(manifest.base, manifestUrl);
      var table = synonymTable(manifest.synonyms);
      fillSelect($('search-kind'), manifest.kinds, filter.kind);
      fillSelect($('search-year'), manifest.years, filter.year);
      setupOrgs(base, filter.org);
      setupSuggestions(input, base);
      if (!q) {
        status.textContent = '検索語を入力してください。';
        return;
      }
      run(manifest, base, table, q, filter, status, list, more, siteRoot);
    }).catch(function () {
      status.textContent = '検索索引を読み込めませんでした。評価書一覧からお探しください。';
    });
    if (form) {
      form.addEventListener('submit', function () {
        // drop empty filters from the URL
        ['search-kind', 'search-org', 'search-year'].forEach(function (id) {
          var s = $(id);
          if (s && !s.value) s.disabled = true;
        });
      });
    }

    function setupOrgs(base, current) {
      var select = $('search-org');
      if (!select) return;
      var loaded = false;
      function load() {
        if (loaded) return;
        loaded = true;
        fetchFile(new URL('orgs.json', base).href, 'json').then(function (orgs) {
          fillSelect(select, orgs, current);
        });
      }
      if (current) {
        // keep the chosen value visible before the list arrives
        load();
      } else {
        select.addEventListener('focus', load);
        select.addEventListener('pointerdown', load);
      }
    }
  }

  function run(manifest, base, table, q, filter, status, list, more, siteRoot) {
    var vs = analyze(q, table, manifest.maxVariants);
    var all = [];
    vs.forEach(function (v) { v.forEach(function (t) { if (all.indexOf(t) < 0) all.push(t); }); });
    var byShard = new Map();
    all.forEach(function (t) {
      var p = termShardPath(t, manifest.termShards);
      if (!byShard.has(p)) byShard.set(p, new Set());
      byShard.get(p).add(t);
    });
    var postings = new Map();
    var loads = [];
    byShard.forEach(function (wanted, path) {
      loads.push(fetchFile(new URL(path, base).href, 'bin').then(function (buf) {
        parseShard(buf, wanted).forEach(function (p, t) { postings.set(t, p); });
      }));
    });
    // one facet column per filter in use (f/kind.bin, f/year.bin: 1 byte a document; f/org.bin: 2)
    var kinds = null, years = null, orgIds = null, orgs = null;
    if (filter.kind) loads.push(fetchFile(new URL('f/kind.bin', base).href, 'bin').then(function (b) { kinds = new Uint8Array(b); }));
    if (filter.year) loads.push(fetchFile(new URL('f/year.bin', base).href, 'bin').then(function (b) { years = new Uint8Array(b); }));
    if (filter.org) {
      loads.push(fetchFile(new URL('f/org.bin', base).href, 'bin').then(function (b) { orgIds = new DataView(b); }));
      loads.push(fetchFile(new URL('orgs.json', base).href, 'json').then(function (o) { orgs = o; }));
    }
    status.textContent = '検索しています…';
    Promise.all(loads).then(function () {
      var ranked = rank(vs, function (t) { return postings.get(t); });
      if (filter.kind || filter.org || filter.year) {
        ranked = ranked.filter(function (r) {
          var year = years ? years[r.id] : 0;
          return (!filter.kind || manifest.kinds[kinds[r.id]] === filter.kind) &&
            (!filter.year || (year > 0 && manifest.years[year - 1] === filter.year)) &&
            (!filter.org || orgs[orgIds.getUint16(r.id * 2, true)] === filter.org);
        });
      }
      status.textContent = ranked.length
        ? '「' + q + '」の検索結果は' + ranked.length + '件です。'
        : '「' + q + '」に一致する評価書は見つかりませんでした。';
      var shown = 0;
      /* The row of a result and its snippet: the passage most query terms point to (format 4). */
      function load(r) {
        var per = manifest.docsPerShard;
        var values = [];
        all.forEach(function (t) {
          var p = postings.get(t);
          var v = p ? passageOf(p, r.id) : -1;
          if (v >= 0) values.push(v);
        });
        var chosen = choosePassage(values);
        var passage = chosen === 0 ? 0 : chosen - 1;
        return fetchFile(new URL('d/' + Math.floor(r.id / per) + '.json', base).href, 'json').then(function (rows) {
          var row = rows[r.id % per];
          var at = passageLocation(row, passage, manifest.passagesPerChunk);
          if (!at) return { row: row, snippet: '', passage: passage };
          return fetchFile(new URL(at.path, base).href, 'json').then(function (chunk) {
            return { row: row, snippet: chunk[at.index] || '', passage: passage };
          }, function () {
            return { row: row, snippet: '', passage: passage };
          });
        });
      }
      function page() {
        var slice = ranked.slice(shown, shown + PAGE);
        return Promise.all(slice.map(load)).then(function (loaded) {
          var firstLink = null;
          loaded.forEach(function (item) {
            var row = item.row;
            var li = el('li', 'search-result');
            var h = el('h2', 'search-result-title');
            var a = el('a');
            a.href = new URL(row[0], siteRoot).href;
            a.appendChild(highlight(row[1], vs));
            h.appendChild(a);
            li.appendChild(h);
            var meta = [manifest.kinds[row[3]], row[4] + (row[5] ? ' ' + row[5] : '')];
            if (row[6]) meta.push('公表日 ' + formatDate(row[6]));
            li.appendChild(el('p', 'search-result-meta', meta.join('・')));
            if (row[2] && row[2] !== row[1]) {
              var af = el('p', 'search-result-affair', '事務名: ');
              af.appendChild(highlight(row[2], vs));
              li.appendChild(af);
            }
            if (item.snippet) {
              var sn = el('p', 'search-result-snippet');
              // a passage from inside the document is shown as an excerpt
              if (item.passage > 0) sn.appendChild(document.createTextNode('…'));
              sn.appendChild(highlight(item.snippet, vs));
              li.appendChild(sn);
            }
            list.appendChild(li);
            if (!firstLink) firstLink = a;
          });
          shown += slice.length;
          if (more) more.hidden = shown >= ranked.length;
          return firstLink;
        });
      }
      list.textContent = '';
      page();
      if (more) {
        more.addEventListener('click', function () {
          page().then(function (link) { if (link) link.focus(); });
        });
      }
    }).catch(function () {
      status.textContent = '検索索引を読み込めませんでした。評価書一覧からお探しください。';
    });
  }

  /* 事務名 suggestions: an ARIA 1.2 combobox with a listbox popup. */
  function setupSuggestions(input, base) {
    var box = document.getElementById('search-suggestions');
    if (!box) return;
    var affairs = null;
    var active = -1;
    var items = [];
    function close() {
      box.hidden = true;
      box.textContent = '';
      items = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function choose(i) {
      input.value = items[i];
      close();
    }
    function setActive(i) {
      var opts = box.children;
      if (active >= 0 && opts[active]) opts[active].setAttribute('aria-selected', 'false');
      active = i;
      if (active >= 0 && opts[active]) {
        opts[active].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', opts[active].id);
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function show() {
      var n = normalize(input.value).trim();
      if (!n || !affairs) { close(); return; }
      var found = affairs.filter(function (a) {
        return normalize(a[0]).indexOf(n) >= 0 || a[1].indexOf(n) >= 0;
      }).slice(0, 8);
      box.textContent = '';
      items = found.map(function (a) { return a[0]; });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      items.forEach(function (name, i) {
        var li = el('li', 'search-suggestion', name);
        li.id = 'search-suggestion-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        box.appendChild(li);
      });
      box.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    }
    input.addEventListener('input', function () {
      if (affairs) { show(); return; }
      fetchFile(new URL('affairs.json', base).href, 'json').then(function (a) { affairs = a; show(); });
    });
    input.addEventListener('keydown', function (e) {
      if (box.hidden || !items.length) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); setActive((active + 1) % items.length); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === 'Escape') { e.preventDefault(); close(); }
    });
    input.addEventListener('blur', close);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
