// アクセシビリティ試験の記録を作る: target/a11y-report.json（ブラウザーテストが書く）から
// content/accessibility.yml（アクセシビリティ方針のページが読む）を書き出します。
// 使い方（リポジトリの最上位で）: mvn -B verify の後に node tests/browser/record-accessibility.mjs
// This is a script, not a test: run it after the browser tests, review the diff, commit the record.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const report = JSON.parse(readFileSync(join(repo, 'target', 'a11y-report.json'), 'utf8'));
const q = (s) => JSON.stringify(String(s));
const lines = [
  '# アクセシビリティ試験の記録。tests/browser/record-accessibility.mjs が target/a11y-report.json から書き出します。',
  '# 手で書き換えないでください（試験をやり直して、このファイルを作り直します）。',
  `試験日: ${q(report.date)}`,
  `規格: ${q(report.standard)}`,
  `試験の方法: ${q(`${report.tool.name} ${report.tool.version} による自動試験（${report.tags.join('、')} の達成基準に対応する規則 ${report.rulesChecked.length} 件）。${report.browser}。${report.modes.join('、')} の各表示で全ページを試験`)}`,
  `試験したページ: ${q(`${report.pageCount} ページ（サイトのすべてのページ）`)}`,
  `結果: ${q(report.totalViolations === 0 ? 'すべてのページで、自動試験による問題は 0 件でした' : `自動試験で ${report.totalViolations} 件の問題が見つかっています`)}`,
  'キーボード操作と画面幅の試験: "スキップリンク、目次、検索をキーボードだけで操作できること、幅 320px で横スクロールが起きないことを、ブラウザーテストで毎回確かめています"',
  'ページの種類ごとの結果:',
  ...Object.values(report.kinds).map((k) => `  - [${q(k.label)}, ${q(k.pages.length)}, ${q(k.violations)}]`),
];
writeFileSync(join(repo, 'content', 'accessibility.yml'), lines.join('\n') + '\n');
console.log('wrote content/accessibility.yml from the report of ' + report.testedAt);
