#!/usr/bin/env python3
"""Deterministic benchmark corpus for kohyo, Hugo and JBake (issue 6).

    python3 bench/gencorpus.py N OUTDIR [--seed S] [--repo /work/main]

writes
    OUTDIR/kohyo/site-config.yml, OUTDIR/kohyo/themes (copy), OUTDIR/kohyo/content/evaluations/*.yml
    OUTDIR/hugo/{hugo.toml,layouts/,content/evaluations/*.md}
    OUTDIR/jbake/{jbake.properties,templates/post.ftl,content/evaluations/*.md}
    OUTDIR/corpus.json  (summary: counts per kind, bytes, withheld parts)

The N documents are 基礎項目評価書 alone, or 基礎項目評価書 + 重点項目評価書 / 全項目評価書 pairs that
share 評価実施機関名 and 評価書番号.  The 重点/全項目 documents are built from the seed transcriptions
(content/evaluations/fujimino-15-yobosesshu-juten.yml, sample-jidoteate-zenkomoku.yml) and the
基礎 documents from sample-jidoteate-kiso.yml: same keys and choices (so they validate against the
forms), with the body, the 事務名 and the prose varied from a sentence pool drawn from all seeds,
padded to a target size of 20–40 KB.  About a third of the 全項目 documents keep the template's
非公表 parts (項目まるごと, ブロック, 文中); a third of the 重点 documents and a tenth of the 基礎
documents get generated ones.  Same N and seed → byte-identical output.
"""
import argparse, json, os, random, re, shutil, sys
import yaml

JIMU = [  # (事務名, short form used in prose)
    ("住民基本台帳に関する事務", "住民基本台帳"),
    ("地方税の賦課徴収に関する事務", "地方税"),
    ("個人住民税の賦課に関する事務", "個人住民税"),
    ("固定資産税の賦課に関する事務", "固定資産税"),
    ("軽自動車税の賦課に関する事務", "軽自動車税"),
    ("国民健康保険に関する事務", "国民健康保険"),
    ("国民年金関係事務", "国民年金"),
    ("後期高齢者医療に関する事務", "後期高齢者医療"),
    ("介護保険に関する事務", "介護保険"),
    ("児童手当の支給に関する事務", "児童手当"),
    ("予防接種に関する事務", "予防接種"),
    ("健康管理に関する事務", "健康管理"),
    ("生活保護に関する事務", "生活保護"),
    ("障害者福祉に関する事務", "障害者福祉"),
    ("障害児通所給付費等支給事務", "障害児通所給付費"),
    ("保育の実施に関する事務", "保育の実施"),
    ("小児慢性特定疾病医療費等支給事務", "小児慢性特定疾病医療費"),
    ("子ども医療費の助成に関する事務", "子ども医療費"),
    ("母子保健に関する事務", "母子保健"),
    ("母子父子寡婦福祉資金貸付事務", "母子父子寡婦福祉資金"),
    ("被災者台帳の作成に関する事務", "被災者台帳"),
    ("住基ネットに係る本人確認情報の管理及び提供等に関する事務", "本人確認情報"),
]
PREFS = ["北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
         "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
         "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
         "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
         "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"]
NAME_A = list("北南東西上下中大小新古高本若久美富豊長松竹桜青白黒赤金銀花鶴亀岩石川山野原田島浜")
NAME_B = ["山", "川", "野", "原", "田", "沢", "浜", "崎", "瀬", "岡", "谷", "里", "見", "津", "尾", "森", "江", "根", "宮", "丘"]
DEPTS = ["市民部 市民課", "健康福祉部 健康づくり課", "こども未来部 こども支援課", "福祉部 福祉総務課",
         "総務部 税務課", "保険年金部 保険年金課", "長寿福祉部 介護保険課", "危機管理部 防災課",
         "福祉部 障害福祉課", "こども部 保育課", "保健部 保健センター", "税務部 市民税課"]
REASONS = ["期間・回数等の具体的な数値のため", "技術的細目に及ぶ具体的な方法のため",
           "ネットワーク構成に関する記載のため", "サーバーの設置場所の特定につながるため"]
WITHHELD_SENT = [  # generated withheld content: concrete figures, methods, network details
    "操作ログは{a}年間保存し、{b}か月ごとに{dept}が抽出して監査する。",
    "バックアップは{site}の{f}階にある保管庫へ毎日{h}時に転送している。",
    "端末の操作が{m}分間ない場合は画面をロックし、{n}回の認証失敗でIDを停止する。",
    "{sys}と宛名システムとの間は、庁内基幹系ネットワークの第{v}VLANに限定し、{p}番ポート以外の通信を遮断している。",
    "サーバーは{site}{f}階の第{v}電算室に設置し、入退室は生体認証と{n}桁の暗証番号で管理している。",
    "パスワードは{m}文字以上とし、{a}0日ごとの変更をシステムで強制している。",
]
SITES = ["本庁舎東館", "本庁舎西館", "第二庁舎", "北部防災センター", "南部行政センター", "情報センター"]


def reiwa(y, m, d):
    if y >= 2020:
        return f"令和{y - 2018}年{m}月{d}日"
    return f"平成{y - 1988}年{m}月{d}日"


def literal_str(dumper, data):
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(str, literal_str)


def dump(doc):
    return yaml.dump(doc, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100000,
                     default_flow_style=False)


SENT_SPLIT = re.compile(r"(?<=。)")
WH_INLINE = re.compile(r"\{非公表:[^}]*\}(.*?)\{/非公表\}", re.S)
WH_BLOCK = re.compile(r"^[ \t]*:::非公表[^\n]*\n(.*?)^[ \t]*:::[ \t]*$\n?", re.S | re.M)


def is_prose(s):
    return isinstance(s, str) and len(s) > 30 and "。" in s


def walk_strings(node, fn, key=None):
    """Applies fn(key, str) -> str to every string value (not keys)."""
    if isinstance(node, dict):
        for k in list(node.keys()):
            v = node[k]
            if isinstance(v, str):
                node[k] = fn(k, v)
            else:
                walk_strings(v, fn, k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, str):
                node[i] = fn(key, v)
            else:
                walk_strings(v, fn, key)


def strip_withheld(node):
    """Turns every 非公表 part into ordinary text (the template's marks removed, content kept)."""
    if isinstance(node, dict):
        if "非公表" in node:
            del node["非公表"]
            if list(node.keys()) == ["内容"]:
                return strip_withheld(node["内容"])
        for k in list(node.keys()):
            node[k] = strip_withheld(node[k])
        return node
    if isinstance(node, list):
        return [strip_withheld(v) for v in node]
    if isinstance(node, str):
        s = WH_BLOCK.sub(lambda m: m.group(1), node)
        return WH_INLINE.sub(lambda m: m.group(1), s)
    return node


def public_text(node, notice):
    """The public version of a value, for the Markdown export (withheld parts → notice)."""
    if isinstance(node, dict):
        if "非公表" in node:
            return notice
        return {k: public_text(v, notice) for k, v in node.items()}
    if isinstance(node, list):
        return [public_text(v, notice) for v in node]
    if isinstance(node, str):
        s = WH_BLOCK.sub(notice + "\n", node)
        return WH_INLINE.sub(notice, s)
    return node


def count_withheld(node):
    n = 0
    if isinstance(node, dict):
        if "非公表" in node:
            n += 1
        for v in node.values():
            n += count_withheld(v)
    elif isinstance(node, list):
        for v in node:
            n += count_withheld(v)
    elif isinstance(node, str):
        n += len(WH_BLOCK.findall(node)) + len(WH_INLINE.findall(node))
    return n


class Gen:
    def __init__(self, repo, seed):
        ev = os.path.join(repo, "content", "evaluations")
        load = lambda f: yaml.safe_load(open(os.path.join(ev, f), encoding="utf-8"))
        self.t_juten = load("fujimino-15-yobosesshu-juten.yml")
        self.t_zen = load("sample-jidoteate-zenkomoku.yml")
        self.t_kiso = load("sample-jidoteate-kiso.yml")
        for t in (self.t_juten, self.t_zen, self.t_kiso):
            for k in ("出典", "未収録", "転記注記", "状態", "関連"):
                t.pop(k, None)
        # inline the sample's external text file reference (a generated corpus is self-contained)
        md = open(os.path.join(repo, "content", "texts", "sample-jidoteate", "butsuriteki-taisaku.md"),
                  encoding="utf-8").read()

        def inline_files(node):
            if isinstance(node, dict):
                if list(node.keys()) == ["ファイル"]:
                    return md
                return {k: inline_files(v) for k, v in node.items()}
            if isinstance(node, list):
                return [inline_files(v) for v in node]
            return node
        self.t_zen = inline_files(self.t_zen)
        self.seed = seed
        # sentence pool: every public sentence of every seed transcription, names neutralised
        pool = []
        for f in sorted(os.listdir(ev)):
            if not f.endswith(".yml"):
                continue
            d = strip_withheld(public_text(load(f), ""))
            def collect(k, s):
                if is_prose(s):
                    for line in s.split("\n"):
                        for sent in SENT_SPLIT.split(line):
                            sent = sent.strip()
                            if 15 <= len(sent) <= 200 and sent.endswith("。"):
                                pool.append(self.neutral(sent))
                return s
            walk_strings(d, collect)
        self.pool = sorted(set(pool))

    @staticmethod
    def neutral(s):
        for a in ("【サンプル】", "（サンプル）", "（架空）", "（サンプル。架空の連絡先です）", "（架空の団体・サンプル）"):
            s = s.replace(a, "")
        s = s.replace("みほん市長", "{BODY}").replace("ふじみ野市長", "{BODY}")
        s = s.replace("みほん市", "{CITY}").replace("ふじみ野市", "{CITY}").replace("サンプル県", "{PREF}")
        s = s.replace("児童手当", "{JIMU}").replace("予防接種", "{JIMU}")
        return s

    def bodies(self, n_docs):
        rnd = random.Random(self.seed * 7919 + 1)
        count = max(12, n_docs // 9)
        seen, out = set(), []
        while len(out) < count:
            pref = rnd.choice(PREFS)
            city = rnd.choice(NAME_A) + rnd.choice(NAME_B) + rnd.choice(["市", "市", "市", "町", "村"])
            if (pref, city) in seen:
                continue
            seen.add((pref, city))
            head = rnd.choice(["長", "長", "長", "長", "教育委員会"])
            out.append({"pref": pref, "city": city, "body": f"{pref} {city}{head}",
                        "slug": f"b{len(out):05d}", "next": 1,
                        "jimu": rnd.sample(range(len(JIMU)), len(JIMU))})
        return out

    def subst(self, s, ctx):
        s = self.neutral(s)
        return (s.replace("{BODY}", ctx["city"] + "長").replace("{CITY}", ctx["city"])
                .replace("{PREF}", ctx["pref"]).replace("{JIMU}", ctx["short"]))

    def vary(self, doc, ctx, rnd, target_bytes):
        """Rewrites the prose: names, sentence order, extra sentences until the target size."""
        prose_slots = []

        def fn(k, s):
            s = self.subst(s, ctx)
            if is_prose(s) and "非公表" not in s:
                lines = s.split("\n")
                if len(lines) > 2 and rnd.random() < 0.5:
                    body = lines[:]
                    rnd.shuffle(body)
                    lines = body
                s = "\n".join(lines)
                if rnd.random() < 0.5:
                    s = s.rstrip("\n") + ("\n" if "\n" in s else "") + self.fill(rnd, ctx, 1)
            return s
        walk_strings(doc, fn)

        def collect(node, path):
            if isinstance(node, dict):
                for k, v in node.items():
                    if is_prose(v) and "非公表" not in v and k not in ("評価書名",):
                        prose_slots.append((node, k))
                    else:
                        collect(v, path + [k])
            elif isinstance(node, list):
                for v in node:
                    collect(v, path)
        collect(doc, [])
        size = len(dump(doc).encode())
        while target_bytes and size < target_bytes and prose_slots:
            node, k = rnd.choice(prose_slots)
            extra = self.fill(rnd, ctx, rnd.randint(1, 3))
            node[k] = node[k].rstrip("\n") + "\n" + extra
            size += len(extra.encode()) + 8
        return doc

    def fill(self, rnd, ctx, n):
        return "".join(self.subst(rnd.choice(self.pool), ctx) for _ in range(n))

    def withheld_sentence(self, rnd, ctx):
        t = rnd.choice(WITHHELD_SENT)
        return t.format(a=rnd.randint(2, 9), b=rnd.randint(1, 6), dept=rnd.choice(DEPTS), site=rnd.choice(SITES),
                        f=rnd.randint(1, 9), h=rnd.randint(0, 23), m=rnd.randint(5, 30), n=rnd.randint(3, 8),
                        sys=ctx["short"] + "システム", v=rnd.randint(2, 99), p=rnd.randint(1024, 65000))

    def inject_withheld(self, doc, rnd, ctx, inline, block, item):
        slots = []

        def collect(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    if is_prose(v) and "非公表" not in v and k not in ("評価書名", "個人のプライバシー等の権利利益の保護の宣言"):
                        slots.append((node, k))
                    else:
                        collect(v)
            elif isinstance(node, list):
                for v in node:
                    collect(v)
        # only below the cover: the cover's text is shown in lists and must stay whole
        for k, v in doc.items():
            if isinstance(v, (dict, list)):
                collect(v)
        rnd.shuffle(slots)
        used = 0
        for _ in range(inline):
            if used >= len(slots):
                break
            node, k = slots[used]; used += 1
            node[k] = node[k].rstrip("\n") + "{非公表:" + rnd.choice(REASONS) + "}" + self.withheld_sentence(rnd, ctx) + "{/非公表}"
        for _ in range(block):
            if used >= len(slots):
                break
            node, k = slots[used]; used += 1
            lines = "\n".join(self.withheld_sentence(rnd, ctx) for _ in range(rnd.randint(2, 3)))
            node[k] = node[k].rstrip("\n") + "\n\n:::非公表 " + rnd.choice(REASONS) + "\n" + lines + "\n:::\n"
        for _ in range(item):
            if used >= len(slots):
                break
            node, k = slots[used]; used += 1
            node[k] = {"非公表": rnd.choice(REASONS), "内容": node[k] + "\n" + self.withheld_sentence(rnd, ctx)}

    def make(self, kind, ctx, rnd, number, date, partner):
        tmpl = {"kiso": self.t_kiso, "juten": self.t_juten, "zen": self.t_zen}[kind]
        doc = json.loads(json.dumps(tmpl, ensure_ascii=False))  # deep copy
        keep_template_withheld = kind == "zen" and rnd.random() < 0.35
        if not keep_template_withheld:
            doc = strip_withheld(doc)
        suffix = {"kiso": "基礎項目評価書", "juten": "重点項目評価書", "zen": "全項目評価書"}[kind]
        target = 0 if kind == "kiso" else rnd.randint(20000, 40000)
        doc = self.vary(doc, ctx, rnd, target)
        doc["評価書番号"] = str(number)
        doc["評価書名"] = f"{ctx['jimu']} {suffix}"
        doc["評価実施機関名"] = ctx["body"]
        doc["公表日"] = date
        if rnd.random() < 0.04:
            doc = {"様式": doc["様式"], "状態": "素案", **{k: v for k, v in doc.items() if k != "様式"}}
        if kind == "kiso":
            res = {None: "基礎項目評価の実施が義務付けられる",
                   "juten": "基礎項目評価及び重点項目評価の実施が義務付けられる",
                   "zen": "基礎項目評価及び全項目評価の実施が義務付けられる"}[partner]
            doc["III しきい値判断結果"]["しきい値判断結果"] = res
            doc["IV リスク対策"]["1. 提出する特定個人情報保護評価書の種類"]["提出する特定個人情報保護評価書の種類"] = {
                None: "基礎項目評価書", "juten": "基礎項目評価書及び重点項目評価書", "zen": "基礎項目評価書及び全項目評価書"}[partner]
            doc["II しきい値判断項目"]["1. 対象人数"]["評価対象の事務の対象人数は何人か"] = {
                None: rnd.choice(["1,000人以上1万人未満", "1万人以上10万人未満"]),
                "juten": "10万人以上30万人未満", "zen": "30万人以上"}[partner]
            doc["I 関連情報"]["1. 特定個人情報ファイルを取り扱う事務"]["①事務の名称"] = ctx["jimu"]
            doc["I 関連情報"]["5. 評価実施機関における担当部署"]["①部署"] = ctx["dept"]
            if rnd.random() < 0.10:
                self.inject_withheld(doc, rnd, ctx, 1, 0, 0)
        elif kind == "juten":
            if rnd.random() < 0.35:
                self.inject_withheld(doc, rnd, ctx, rnd.randint(1, 3), rnd.randint(0, 2), rnd.randint(0, 1))
        else:
            if not keep_template_withheld and rnd.random() < 0.2:
                self.inject_withheld(doc, rnd, ctx, 1, 1, 0)
        return doc


def markdown(doc, notice):
    """Plain Markdown of the public version, for the peers."""
    pub = public_text(doc, notice)
    out = []

    def emit(node, depth):
        if isinstance(node, dict):
            for k, v in node.items():
                if isinstance(v, (dict, list)):
                    if depth <= 3:
                        out.append("\n" + "#" * (depth + 1) + " " + str(k) + "\n")
                    else:
                        out.append(f"\n**{k}**\n")
                    emit(v, depth + 1)
                else:
                    val = "" if v is None else str(v)
                    if "\n" in val:
                        out.append(f"\n**{k}**\n\n{val.strip()}\n")
                    else:
                        out.append(f"- **{k}**: {val}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                if isinstance(v, (dict, list)):
                    out.append("\n---\n")
                    emit(v, depth)
                else:
                    out.append(f"- {v}")
        else:
            out.append(str(node))
    emit({k: v for k, v in pub.items() if k not in ("評価書名", "様式")}, 1)
    return "\n".join(out) + "\n"


def iso_date(s):
    m = re.match(r"(令和|平成)(\d+|元)年(\d+)月(\d+)日", s)
    era, y, mo, d = m.groups()
    y = 1 if y == "元" else int(y)
    y = y + (2018 if era == "令和" else 1988)
    return f"{y:04d}-{int(mo):02d}-{int(d):02d}"


HUGO_TOML = '''baseURL = "http://127.0.0.1/"
languageCode = "ja"
defaultContentLanguage = "ja"
hasCJKLanguage = true
title = "特定個人情報保護評価書（ベンチマーク）"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
'''
HUGO_BASEOF = '''<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><form action="/search.html"><input name="q"></form></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
'''
HUGO_SINGLE = '''{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}</article>{{ end }}
'''
HUGO_LIST = '''{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>{{ end }}
'''
# Pagefind search page (JS API, 10 results with excerpts), used by search-bench.mjs
HUGO_SEARCH = '''<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>検索</title></head>
<body><main><h1>検索</h1><form><input name="q"></form><div id="status" role="status"></div><ol id="results"></ol></main>
<script type="module">
const q = new URLSearchParams(location.search).get('q') || '';
if (q) {
  const pf = await import('/pagefind/pagefind.js');
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  const ol = document.getElementById('results');
  for (const d of data) {
    const li = document.createElement('li');
    li.innerHTML = `<a href="${d.url}">${d.meta.title || d.url}</a><p>${d.excerpt}</p>`;
    ol.appendChild(li);
  }
  document.getElementById('status').textContent = r.results.length + ' 件';
  document.body.dataset.done = '1';
}
</script></body></html>
'''
JBAKE_PROPS = '''site.host=http://127.0.0.1
render.tags=false
render.feed=false
render.sitemap=false
render.archive=false
render.index=false
render.encoding=UTF-8
template.encoding=UTF-8
markdown.extensions=TABLES
date.format=yyyy-MM-dd
db.store=memory
'''
JBAKE_POST = '''<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>${content.title}</title></head>
<body><main><article><h1>${content.title}</h1><p>${content.date?string("yyyy-MM-dd")}</p>${content.body}</article></main></body></html>
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    a = ap.parse_args()
    gen = Gen(a.repo, a.seed)
    rnd = random.Random(a.seed)
    bodies = gen.bodies(a.n)
    notice = "（セキュリティ上のリスクがあるため非公表）"
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    kdir = os.path.join(a.out, "kohyo")
    write(os.path.join(kdir, "site-config.yml"),
          "サイト名: 特定個人情報保護評価書（ベンチマーク用の生成コーパス）\n"
          "運営者: kohyo ベンチマーク（生成データ。実在の団体の評価書ではありません）\n"
          f"非公表の表示: {notice}\n")
    shutil.copytree(os.path.join(a.repo, "themes"), os.path.join(kdir, "themes"))
    for f, t in (("hugo.toml", HUGO_TOML), ("layouts/_default/baseof.html", HUGO_BASEOF),
                 ("layouts/_default/single.html", HUGO_SINGLE), ("layouts/_default/list.html", HUGO_LIST),
                 ("layouts/index.html", HUGO_LIST), ("static/search.html", HUGO_SEARCH)):
        write(os.path.join(a.out, "hugo", f), t)
    write(os.path.join(a.out, "hugo", "content", "evaluations", "_index.md"), "---\ntitle: 評価書の一覧\n---\n")
    write(os.path.join(a.out, "jbake", "jbake.properties"), JBAKE_PROPS)
    write(os.path.join(a.out, "jbake", "templates", "post.ftl"), JBAKE_POST)
    stats = {"documents": 0, "kiso": 0, "juten": 0, "zen": 0, "bodies": len(bodies), "yaml_bytes": 0,
             "markdown_bytes": 0, "withheld_parts": 0, "documents_with_withheld": 0, "seed": a.seed}
    made = 0
    while made < a.n:
        b = rnd.choice(bodies)
        if b["next"] > len(JIMU):
            continue
        ji = b["jimu"][b["next"] - 1]
        number = b["next"]; b["next"] += 1
        jimu, short = JIMU[ji]
        ctx = {"pref": b["pref"], "city": b["city"], "body": b["body"], "jimu": jimu, "short": short,
               "dept": rnd.choice(DEPTS)}
        r = rnd.random()
        partner = None if r < 0.45 or a.n - made < 2 else ("juten" if r < 0.7 else "zen")
        y = rnd.randint(2015, 2025)
        if y == 2019:
            y = 2020
        date = reiwa(y, rnd.randint(1, 12), rnd.randint(1, 28))
        kinds = ["kiso"] + ([partner] if partner else [])
        for kind in kinds:
            drnd = random.Random(f"{a.seed}/{b['slug']}/{number}/{kind}")
            doc = gen.make(kind, ctx, drnd, number, date, partner)
            name = f"{b['slug']}-{number:02d}-{kind}"
            y_text = dump(doc)
            write(os.path.join(kdir, "content", "evaluations", name + ".yml"), y_text)
            md = markdown(doc, notice)
            title = doc["評価書名"] + " " + doc["評価実施機関名"]
            write(os.path.join(a.out, "hugo", "content", "evaluations", name + ".md"),
                  "---\ntitle: " + json.dumps(title, ensure_ascii=False) + "\ndate: " + iso_date(date) + "\n---\n" + md)
            write(os.path.join(a.out, "jbake", "content", "evaluations", name + ".md"),
                  f"title={title}\ndate={iso_date(date)}\ntype=post\nstatus=published\n~~~~~~\n" + md)
            w = count_withheld(doc)
            stats["documents"] += 1; stats[kind] += 1
            stats["yaml_bytes"] += len(y_text.encode()); stats["markdown_bytes"] += len(md.encode())
            stats["withheld_parts"] += w; stats["documents_with_withheld"] += 1 if w else 0
            made += 1
    write(os.path.join(a.out, "corpus.json"), json.dumps(stats, ensure_ascii=False, indent=1) + "\n")
    print(json.dumps(stats, ensure_ascii=False))


if __name__ == "__main__":
    main()
