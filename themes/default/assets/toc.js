// 目次 (table of contents) of a document page. The page works without this script: the 目次 is an
// open <details> and its links are plain anchors. The script only adds:
//  - on narrow screens, the 目次 starts closed and closes again after an entry is chosen;
//  - choosing an entry moves keyboard focus to the heading, so screen readers read it and the next
//    Tab continues from there;
//  - on wide screens, the entry of the section being read is marked (aria-current="location").
(function () {
  'use strict';
  var nav = document.getElementById('toc');
  var details = nav && nav.querySelector('details');
  if (!nav || !details) { return; }
  var narrow = window.matchMedia ? window.matchMedia('(max-width: 63.99em)') : { matches: false };
  if (narrow.matches) { details.removeAttribute('open'); }

  function target(a) {
    var id = decodeURIComponent((a.getAttribute('href') || '').slice(1));
    return id ? document.getElementById(id) : null;
  }

  nav.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[href^="#"]') : null;
    if (!a) { return; }
    var t = target(a);
    if (!t) { return; }
    if (narrow.matches) { details.removeAttribute('open'); }
    if (!t.hasAttribute('tabindex')) { t.setAttribute('tabindex', '-1'); }
    // let the browser follow the link (history, :target), then move focus without a second jump
    window.setTimeout(function () {
      t.focus({ preventScroll: true });
    }, 0);
  });

  if (!('IntersectionObserver' in window)) { return; }
  var links = Array.prototype.slice.call(nav.querySelectorAll('a[href^="#"]'));
  var byId = {};
  var headings = [];
  links.forEach(function (a) {
    var t = target(a);
    if (t) { byId[t.id] = a; headings.push(t); }
  });
  var visible = {};
  function mark() {
    var current = null;
    for (var i = 0; i < headings.length; i++) {
      if (visible[headings[i].id]) { current = headings[i].id; break; }
    }
    if (!current) { return; }
    links.forEach(function (a) { a.removeAttribute('aria-current'); });
    byId[current].setAttribute('aria-current', 'location');
  }
  var io = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
    mark();
  }, { rootMargin: '0px 0px -60% 0px' });
  headings.forEach(function (h) { io.observe(h); });
}());
