// 目次: 狭い画面では最初は閉じておき、見出しへ移動したら閉じる。JavaScript が無くても目次は開いたまま使える。
(function () {
  'use strict';
  var toc = document.querySelector('.toc details');
  if (!toc || !window.matchMedia) { return; }
  var narrow = window.matchMedia('(max-width: 60em)');
  if (narrow.matches) { toc.removeAttribute('open'); }
  toc.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a') : null;
    if (a && narrow.matches) { toc.removeAttribute('open'); }
  });
}());
