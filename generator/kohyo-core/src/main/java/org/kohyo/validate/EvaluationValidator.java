package org.kohyo.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohyo.form.CheckOption;
import org.kohyo.form.FormDefinition;
import org.kohyo.form.FormItem;
import org.kohyo.form.FormLibrary;
import org.kohyo.form.ItemType;
import org.kohyo.load.ContentLoader;
import org.kohyo.load.ContentRoot;
import org.kohyo.load.YNode;
import org.kohyo.model.Evaluation;
import org.kohyo.model.Location;
import org.kohyo.model.Problems;
import org.kohyo.model.RichText;
import org.kohyo.model.Value;
import org.kohyo.model.Withholding;
import org.kohyo.redact.Sealed;
import org.kohyo.text.JapaneseDate;
import org.kohyo.text.Markdown;
import org.kohyo.text.TextNormalizer;
import org.kohyo.validate.FormKeys.ItemKeys;

/**
 * 検証 — checks one evaluation source against its form and builds the validated model. Every
 * problem names file, line, column and the item's printed label, in Japanese, and says what is
 * allowed. Withheld parts are sealed here, right after they are read.
 */
public final class EvaluationValidator {
    /** Keys of a source that are not items of the form. */
    public static final List<String> META_KEYS = List.of("様式", "状態", "関連", "出典", "未収録", "転記注記");
    static final String WITHHELD_KEY = "非公表";
    static final String CONTENT_KEY = "内容";
    static final String FILE_KEY = "ファイル";
    static final String CHOICE_KEY = "選択";
    static final String NAME_KEY = "名称";
    private static final Pattern OPTION_DETAIL = Pattern.compile("^(.*?)[ \\u3000]*[（(](.*)[）)][ \\u3000]*$");
    /** A printed list number in front of a choice: 「2) 」「２）」. */
    private static final Pattern LIST_NUMBER = Pattern.compile("^\\s*[0-9０-９]+[)）]\\s*");
    /** What a single check box accepts for checked and unchecked, as label keys. */
    private static final List<String> CHECKED = List.of("true", "はい", "○", "〇", "o", "O", "✓", "レ");
    private static final List<String> UNCHECKED = List.of("false", "いいえ", "");

    private final FormLibrary forms;
    private final ContentRoot content;
    private final Markdown markdown;
    private final boolean markdownChecks;
    private final FormKeys keys;

    public EvaluationValidator(FormLibrary forms, ContentRoot content, Markdown markdown) {
        this(forms, content, markdown, true, new FormKeys(forms));
    }

    private EvaluationValidator(FormLibrary forms, ContentRoot content, Markdown markdown, boolean markdownChecks, FormKeys keys) {
        this.forms = forms;
        this.content = content;
        this.markdown = markdown;
        this.markdownChecks = markdownChecks;
        this.keys = keys;
    }

    /**
     * A validator that skips the Markdown safety checks (raw HTML, links): for rebuilding the model
     * of sources that were already validated in full in the same build.
     */
    public EvaluationValidator withoutMarkdownChecks() {
        return new EvaluationValidator(forms, content, markdown, false, keys);
    }

    /**
     * Validates one source; returns null when it has errors (all of them added to {@code problems}).
     * Success is judged by the errors added to {@code problems} during the call, so each concurrent
     * validation needs its own {@link Problems}. The validator itself may be shared between threads.
     */
    public Evaluation validate(String relativePath, YNode root, Problems problems) {
        int before = problems.errorCount();
        if (!(root instanceof YNode.Map map)) {
            problems.error(root.location(), null, "評価書ファイルは「見出し: 値」の形で書いてください。");
            return null;
        }
        YNode.Entry formEntry = map.get("様式");
        if (formEntry == null || !(formEntry.value() instanceof YNode.Scalar fs) || fs.isBlank()) {
            problems.error(map.location(), "様式", "「様式:」がありません。使えるのは " + String.join("、", forms.names()) + " です（様式2〜4 でも可）。");
            return null;
        }
        FormDefinition form = forms.find(fs.text());
        if (form == null) {
            problems.error(fs.location(), "様式", "「" + fs.text() + "」という様式はありません。使えるのは " + String.join("、", forms.names()) + " です。");
            return null;
        }
        Doc doc = new Doc(relativePath, problems, 1);
        doc.missing = stringList(map.get("未収録"), problems);
        Set<String> missingKeys = new HashSet<>();
        doc.missing.forEach(m -> missingKeys.add(TextNormalizer.labelKey(m)));
        doc.missingKeys = missingKeys;
        checkMissingNames(form, map.get("未収録"), doc);

        YNode.Entry whole = map.get(WITHHELD_KEY);
        if (whole != null) {
            problems.error(whole.key().location(), WITHHELD_KEY, "評価書全体を非公表にすることはできません。非公表にできるのは、セキュリティ上のリスクがある項目・章・文だけです（特定個人情報保護評価指針）。その部分に「非公表:」を付けてください。");
        }
        List<YNode.Entry> itemEntries = new ArrayList<>();
        for (YNode.Entry e : map.entries()) {
            if (!META_KEYS.contains(e.key().text())) {
                itemEntries.add(e);
            }
        }
        Value.Group body = group(form.items(), new YNode.Map(itemEntries, map.location()), null, doc);
        String status = plainField(map.get("状態"), doc);
        String related = plainField(map.get("関連"), doc);
        for (String m : doc.missing) {
            rejectMarkers(m, map.get("未収録").value().location(), "未収録", doc);
        }
        RichText origin = map.get("出典") == null ? null : metaText(map.get("出典"), doc);
        RichText note = map.get("転記注記") == null ? null : metaText(map.get("転記注記"), doc);
        if (problems.errorCount() > before) {
            return null;
        }
        String slug = slugOf(relativePath);
        return new Evaluation(slug, Location.of(relativePath), form, status, related, origin, doc.missing, note, body,
                new Evaluation.WithheldCount(doc.counter.items, doc.counter.blocks, doc.counter.spans));
    }

    /** The page name of a source: its path without the extension. */
    public static String slugOf(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static int depth(String relativePath) {
        int n = 0;
        for (char c : relativePath.toCharArray()) {
            if (c == '/') {
                n++;
            }
        }
        return n;
    }

    /** Per-document state while validating. */
    private final class Doc {
        final String file;
        final Problems problems;
        final int depth;
        final WithholdingParser.Counter counter = new WithholdingParser.Counter();
        List<String> missing = List.of();
        Set<String> missingKeys = Set.of();
        /** How deep inside withheld items the validation is: values there are never echoed in messages. */
        int withheldDepth;
        final WithholdingParser withholding;
        final MarkdownChecker checker;

        Doc(String file, Problems problems, int depth) {
            this.file = file;
            this.problems = problems;
            this.depth = depth;
            this.withholding = new WithholdingParser(problems, counter);
            this.checker = new MarkdownChecker(markdown, problems);
        }
    }

    private void checkMissingNames(FormDefinition form, YNode.Entry missingEntry, Doc doc) {
        if (missingEntry == null || !(missingEntry.value() instanceof YNode.Seq seq)) {
            return;
        }
        Set<String> known = keys.of(form);
        for (YNode n : seq.items()) {
            if (n instanceof YNode.Scalar s && !s.isBlank() && !WithholdingParser.hasMarker(s.text())
                    && !mentionsKnown(TextNormalizer.labelKey(s.text()), known)) {
                doc.problems.warning(s.location(), "未収録", "「" + s.text() + "」は様式「" + form.name() + "」の見出しにありません（表示はされます）。");
            }
        }
    }

    /** An entry such as 「I 基本情報 1. 特定個人情報ファイルを取り扱う事務」 names a known part when it contains its label. */
    private static boolean mentionsKnown(String entry, Set<String> known) {
        if (known.contains(entry)) {
            return true;
        }
        for (String k : known) {
            if (k.length() >= 4 && entry.contains(k)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- groups

    private Value.Group group(List<FormItem> items, YNode.Map map, String name, Doc doc) {
        // items of one list are distinct records (their ids differ), so identity is equality here
        Map<FormItem, YNode.Entry> given = new IdentityHashMap<>();
        for (YNode.Entry e : map.entries()) {
            String key = e.key().text();
            if (key.equals(WITHHELD_KEY)) {
                continue;
            }
            FormItem item = match(items, key);
            if (item == null && key.equals(NAME_KEY) && name != null) {
                continue;
            }
            if (item == null) {
                doc.problems.error(e.key().location(), key, "この位置に「" + key + "」という項目はありません。ここに書けるのは "
                        + printedList(items) + " です。");
                continue;
            }
            if (given.containsKey(item)) {
                doc.problems.error(e.key().location(), item.printedLabel(), "同じ項目が2回書かれています（「"
                        + given.get(item).key().text() + "」と「" + key + "」）。1つにまとめてください。");
                continue;
            }
            given.put(item, e);
        }
        List<Value.Field> fields = new ArrayList<>();
        for (FormItem item : items) {
            YNode.Entry e = given.get(item);
            if (e == null) {
                if (item.required() && !isMissing(item, doc)) {
                    doc.problems.error(map.location(), item.printedLabel(), "必須の項目「" + item.printedLabel()
                            + "」がありません。原本に無い場合は「未収録:」にこの見出しを書いてください。");
                }
                fields.add(new Value.Field(item, new Value.Empty(), map.location()));
                continue;
            }
            int errorsBefore = doc.problems.errorCount();
            Value v = value(item, e.value(), doc);
            if (item.required() && v instanceof Value.Empty && doc.problems.errorCount() == errorsBefore && !isMissing(item, doc)) {
                doc.problems.error(e.key().location(), item.printedLabel(), "必須の項目「" + item.printedLabel() + "」が空欄です。");
            }
            fields.add(new Value.Field(item, v, e.key().location()));
        }
        return new Value.Group(name, fields);
    }

    private boolean isMissing(FormItem item, Doc doc) {
        ItemKeys k = keys.of(item);
        return doc.missingKeys.contains(k.label()) || doc.missingKeys.contains(k.printed());
    }

    /** The item whose label, or number and label (with or without its mark), matches a source key. */
    FormItem match(List<FormItem> items, String key) {
        String k = keys.written(key);
        for (FormItem i : items) {
            if (keys.of(i).names().contains(k)) {
                return i;
            }
        }
        return null;
    }

    private static String printedList(List<FormItem> items) {
        List<String> names = new ArrayList<>();
        for (FormItem i : items) {
            names.add("「" + i.printedLabel() + "」");
        }
        return names.isEmpty() ? "（なし）" : String.join("", names);
    }

    // ---------------------------------------------------------------- values

    private Value value(FormItem item, YNode node, Doc doc) {
        if (node instanceof YNode.Map m && m.get(WITHHELD_KEY) != null) {
            return withheld(item, m, doc);
        }
        return plainValue(item, node, doc, false);
    }

    private Value withheld(FormItem item, YNode.Map m, Doc doc) {
        YNode.Entry mark = m.get(WITHHELD_KEY);
        String reason = "";
        if (mark.value() instanceof YNode.Scalar s && !s.isNull()) {
            reason = s.text().equals("true") ? "" : s.text().trim();
        } else if (!(mark.value() instanceof YNode.Scalar)) {
            doc.problems.error(mark.key().location(), item.printedLabel(), "「非公表:」には理由（文字列）か true を書いてください。");
        }
        YNode inner;
        YNode.Entry contentEntry = m.get(CONTENT_KEY);
        if (contentEntry != null) {
            inner = contentEntry.value();
            for (YNode.Entry e : m.entries()) {
                if (!e.key().text().equals(WITHHELD_KEY) && !e.key().text().equals(CONTENT_KEY)) {
                    doc.problems.error(e.key().location(), item.printedLabel(), "「非公表:」と「内容:」の横に「" + e.key().text() + "」は書けません。");
                }
            }
        } else if (item.type().hasChildren() && item.type() != ItemType.REPEAT || item.type() == ItemType.CHOICE && !item.items().isEmpty()
                || item.type() == ItemType.TEXT && m.get(FILE_KEY) != null) {
            List<YNode.Entry> rest = new ArrayList<>();
            for (YNode.Entry e : m.entries()) {
                if (!e.key().text().equals(WITHHELD_KEY)) {
                    rest.add(e);
                }
            }
            inner = new YNode.Map(rest, m.location());
        } else {
            doc.problems.error(m.location(), item.printedLabel(), "非公表にする値は「内容:」に書いてください（例: 「非公表: 理由」「内容: …」）。");
            return new Value.Empty();
        }
        int number = doc.counter.take(Withholding.ITEM);
        doc.withheldDepth++;
        Value content;
        try {
            content = plainValue(item, inner, doc, true);
        } finally {
            doc.withheldDepth--;
        }
        return new Value.Withheld(number, Sealed.of(content, reason));
    }

    private Value plainValue(FormItem item, YNode node, Doc doc, boolean insideWithheld) {
        String label = item.printedLabel();
        if (item.type() != ItemType.TEXT && node instanceof YNode.Scalar sc && rejectMarkers(sc.text(), sc.location(), label, doc)) {
            return new Value.Empty();
        }
        if (node instanceof YNode.Map m && m.get(WITHHELD_KEY) != null) {
            doc.problems.error(m.location(), label, "非公表の中に非公表があります（入れ子はできません）。外側の「非公表:」だけで足ります。");
            return new Value.Empty();
        }
        switch (item.type()) {
            case SECTION, GROUP -> {
                if (node instanceof YNode.Scalar s && s.isBlank()) {
                    return new Value.Group(null, emptyFields(item.items(), node.location()));
                }
                if (!(node instanceof YNode.Map m)) {
                    doc.problems.error(node.location(), label, "「" + label + "」の下には項目を「見出し: 値」の形で書いてください。");
                    return new Value.Empty();
                }
                return group(item.items(), m, null, doc);
            }
            case REPEAT -> {
                return repeat(item, node, doc, insideWithheld);
            }
            case TEXT -> {
                return text(item, node, doc);
            }
            case CHOICE -> {
                return choice(item, node, doc);
            }
            case CHECKS -> {
                return checks(item, node, doc);
            }
            case CHECK -> {
                if (!(node instanceof YNode.Scalar s)) {
                    doc.problems.error(node.location(), label, "チェック欄には true（チェックあり）か false（なし）を書いてください。");
                    return new Value.Empty();
                }
                if (s.isBlank()) {
                    return new Value.Check(false);
                }
                String t = keys.written(s.text());
                if (CHECKED.contains(t)) {
                    return new Value.Check(true);
                }
                if (UNCHECKED.contains(t)) {
                    return new Value.Check(false);
                }
                doc.problems.error(s.location(), label, "「" + shown(s.text(), doc) + "」は使えません。チェック欄には true（チェックあり）か false（なし）を書いてください。");
                return new Value.Empty();
            }
            case DATE -> {
                if (!(node instanceof YNode.Scalar s)) {
                    doc.problems.error(node.location(), label, "日付は " + JapaneseDate.ALLOWED + " で書いてください。");
                    return new Value.Empty();
                }
                if (s.isBlank()) {
                    return new Value.Empty();
                }
                LocalDate d = JapaneseDate.parse(s.text());
                if (d == null) {
                    doc.problems.error(s.location(), label, "「" + shown(s.text(), doc) + "」は日付として読めません。" + JapaneseDate.ALLOWED + " で書いてください（存在しない日付や、元号の期間外の日付も不可）。");
                    return new Value.Empty();
                }
                return new Value.Date(d, s.text());
            }
            case NUMBER -> {
                if (!(node instanceof YNode.Scalar s)) {
                    doc.problems.error(node.location(), label, "数は半角の整数で書いてください。");
                    return new Value.Empty();
                }
                if (s.isBlank()) {
                    return new Value.Empty();
                }
                try {
                    return new Value.Number(Long.parseLong(TextNormalizer.labelKey(s.text()).replace(",", "")));
                } catch (NumberFormatException e) {
                    doc.problems.error(s.location(), label, "「" + shown(s.text(), doc) + "」は数として読めません。整数で書いてください（例: 3）。");
                    return new Value.Empty();
                }
            }
            case TABLE -> {
                return table(item, node, doc);
            }
            default -> throw new IllegalStateException(item.type().toString());
        }
    }

    private static List<Value.Field> emptyFields(List<FormItem> items, Location at) {
        List<Value.Field> out = new ArrayList<>();
        for (FormItem i : items) {
            out.add(new Value.Field(i, new Value.Empty(), at));
        }
        return out;
    }

    private Value repeat(FormItem item, YNode node, Doc doc, boolean insideWithheld) {
        String label = item.printedLabel();
        if (node instanceof YNode.Scalar s && s.isBlank()) {
            return new Value.Repeat(List.of());
        }
        if (!(node instanceof YNode.Seq seq)) {
            doc.problems.error(node.location(), label, "「" + label + "」は繰り返す項目です。1件ずつ「- 」で始まるリストで書いてください。");
            return new Value.Empty();
        }
        List<Value> entries = new ArrayList<>();
        for (YNode n : seq.items()) {
            if (!(n instanceof YNode.Map m)) {
                doc.problems.error(n.location(), label, "「" + label + "」の1件は「見出し: 値」のマップで書いてください。");
                continue;
            }
            YNode.Entry w = m.get(WITHHELD_KEY);
            if (w != null && !insideWithheld) {
                String reason = w.value() instanceof YNode.Scalar s && !s.isNull() && !s.text().equals("true") ? s.text().trim() : "";
                int number = doc.counter.take(Withholding.ITEM);
                doc.withheldDepth++;
                try {
                    Value.Group g = group(item.items(), m, entryName(m, doc), doc);
                    entries.add(new Value.Withheld(number, Sealed.of(g, reason)));
                } finally {
                    doc.withheldDepth--;
                }
            } else {
                if (w != null) {
                    doc.problems.error(w.key().location(), label, "非公表の中に非公表があります（入れ子はできません）。");
                }
                entries.add(group(item.items(), m, entryName(m, doc), doc));
            }
        }
        return new Value.Repeat(entries);
    }

    private String entryName(YNode.Map m, Doc doc) {
        YNode.Entry e = m.get(NAME_KEY);
        if (e == null || !(e.value() instanceof YNode.Scalar s) || s.isBlank()) {
            return "";
        }
        rejectMarkers(s.text(), s.location(), NAME_KEY, doc);
        return s.text().trim();
    }

    private Value text(FormItem item, YNode node, Doc doc) {
        String label = item.printedLabel();
        if (node instanceof YNode.Scalar s) {
            if (s.isBlank()) {
                return new Value.Empty();
            }
            return new Value.Text(richText(s.text(), TextContext.of(s, label), s.location(), doc));
        }
        if (node instanceof YNode.Map m && m.get(FILE_KEY) != null && m.entries().size() == 1
                && m.get(FILE_KEY).value() instanceof YNode.Scalar ref) {
            Path file = content.resolveInside(doc.file, ref.text());
            if (file == null) {
                doc.problems.error(ref.location(), label, "ファイル「" + shown(ref.text(), doc) + "」は content/ の外を指しています。content/ の中のファイルを、評価書ファイルからの相対パスで指定してください。");
                return new Value.Empty();
            }
            if (!Files.isRegularFile(file)) {
                doc.problems.error(ref.location(), label, "ファイル「" + shown(ref.text(), doc) + "」がありません。");
                return new Value.Empty();
            }
            String included = content.relative(file);
            if (included.startsWith("evaluations/") && (included.endsWith(".yml") || included.endsWith(".yaml"))) {
                doc.problems.error(ref.location(), label, "ファイル「" + shown(ref.text(), doc) + "」は評価書ファイルです。評価書ファイルを別の評価書に取り込むことはできません。取り込む文章は content/ の別のフォルダ（たとえば content/texts/）に置いてください。");
                return new Value.Empty();
            }
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
                String rel = content.relative(file);
                return new Value.Text(richText(text, TextContext.ofFile(ContentLoader.shown(rel), 1, label), Location.of(ContentLoader.shown(rel)), doc));
            } catch (java.nio.charset.CharacterCodingException e) {
                doc.problems.error(ref.location(), label, "ファイル「" + shown(ref.text(), doc) + "」の文字コードが UTF-8 ではありません。UTF-8 で保存し直してください（Shift_JIS は使えません）。");
                return new Value.Empty();
            } catch (IOException e) {
                doc.problems.error(ref.location(), label, "ファイル「" + shown(ref.text(), doc) + "」を読めません（" + e.getMessage() + "）。");
                return new Value.Empty();
            }
        }
        doc.problems.error(node.location(), label, "「" + label + "」は文章の項目です。文字列（複数行は「|」）か「ファイル: 相対パス」で書いてください。");
        return new Value.Empty();
    }

    private RichText richText(String raw, TextContext ctx, Location location, Doc doc) {
        String text = WithholdingParser.normalizeBreaks(raw);
        int bad = WithholdingParser.reservedCharacter(text);
        if (bad >= 0) {
            doc.problems.error(ctx.atOffset(text, bad), ctx.label(), String.format("使えない文字（U+%04X）があります。文字化けや、別のソフトからの貼り付けで紛れ込んだ文字です。消してください。", (int) text.charAt(bad)));
            return RichText.plain("", location);
        }
        RichText parsed = doc.withholding.parse(text, ctx, location);
        if (doc.withheldDepth > 0 && parsed.segments().stream().anyMatch(x -> !(x instanceof RichText.Segment.Plain))) {
            doc.problems.error(ctx.at(0, 0), ctx.label(), "非公表にした項目の中で、さらに「:::非公表」や「{非公表}」は使えません（項目全体がすでに非公表です）。記法を外してください。");
        }
        int deep = MarkdownChecker.tooDeep(text);
        if (deep >= 0) {
            doc.problems.error(ctx.atOffset(text, deep), ctx.label(), "引用（>）やリストの入れ子が深すぎます（" + MarkdownChecker.MAX_NESTING + "段まで）。");
            return RichText.plain("", location);
        }
        if (markdownChecks) {
            if (doc.withheldDepth > 0) {
                doc.checker.quiet().check(WithholdingParser.withoutMarkers(text), ctx, doc.depth);
            } else {
                doc.checker.checkWithheldAware(text, ctx, doc.depth);
            }
        }
        return parsed;
    }


    private RichText metaText(YNode.Entry e, Doc doc) {
        if (e.value() instanceof YNode.Scalar s) {
            return richText(s.text(), TextContext.of(s, e.key().text()), s.location(), doc);
        }
        doc.problems.error(e.value().location(), e.key().text(), "「" + e.key().text() + "」は文字列で書いてください。");
        return null;
    }

    private Value choice(FormItem item, YNode node, Doc doc) {
        String label = item.printedLabel();
        YNode selectedNode = node;
        List<Value.Field> details = List.of();
        if (node instanceof YNode.Map m) {
            if (item.items().isEmpty()) {
                doc.problems.error(node.location(), label, "「" + label + "」は選択の項目です。選択肢を1つ、文字列で書いてください。選択肢：" + String.join("／", item.choices()));
                return new Value.Empty();
            }
            YNode.Entry sel = m.get(CHOICE_KEY);
            List<YNode.Entry> rest = new ArrayList<>();
            for (YNode.Entry e : m.entries()) {
                if (e != sel) {
                    rest.add(e);
                }
            }
            details = group(item.items(), new YNode.Map(rest, m.location()), null, doc).fields();
            selectedNode = sel == null ? null : sel.value();
        } else if (!item.items().isEmpty()) {
            details = emptyFields(item.items(), node.location());
        }
        if (selectedNode == null || selectedNode instanceof YNode.Scalar s0 && s0.isBlank()) {
            return new Value.Choice(null, details);
        }
        if (!(selectedNode instanceof YNode.Scalar s)) {
            doc.problems.error(selectedNode.location(), label, "選択肢は1つだけ、文字列で書いてください。選択肢：" + String.join("／", item.choices()));
            return new Value.Empty();
        }
        String wanted = keys.written(stripListNumber(s.text()));
        List<String> choiceKeys = keys.of(item).choices();
        for (int i = 0; i < choiceKeys.size(); i++) {
            if (choiceKeys.get(i).equals(wanted)) {
                return new Value.Choice(item.choices().get(i), details);
            }
        }
        doc.problems.error(s.location(), label, "「" + shown(s.text(), doc) + "」は選択肢にありません。選べるのは：" + String.join("／", item.choices()) + "（空欄も可）");
        return new Value.Empty();
    }

    /** 「2) 十分である」→「十分である」: people copy the printed list numbers along. */
    private static String stripListNumber(String s) {
        return LIST_NUMBER.matcher(s).replaceFirst("");
    }

    private Value checks(FormItem item, YNode node, Doc doc) {
        String label = item.printedLabel();
        List<YNode> given;
        if (node instanceof YNode.Scalar s && s.isBlank()) {
            given = List.of();
        } else if (node instanceof YNode.Seq seq) {
            given = seq.items();
        } else if (node instanceof YNode.Scalar s) {
            given = List.of(s);
        } else {
            doc.problems.error(node.location(), label, "チェック欄は、チェックした選択肢をリストで書いてください。");
            return new Value.Empty();
        }
        Map<CheckOption, String> checked = new LinkedHashMap<>();
        for (YNode n : given) {
            if (!(n instanceof YNode.Scalar s) || s.isBlank()) {
                doc.problems.error(n.location(), label, "チェックした選択肢を文字列で書いてください。");
                continue;
            }
            String text = s.text().trim();
            if (rejectMarkers(text, s.location(), label, doc)) {
                continue;
            }
            String detail = null;
            CheckOption option = findOption(item, text);
            if (option == null) {
                Matcher m = OPTION_DETAIL.matcher(text);
                if (m.matches()) {
                    option = findOption(item, m.group(1));
                    detail = m.group(2).trim();
                }
            }
            if (option == null) {
                doc.problems.error(s.location(), label, "「" + shown(text, doc) + "」は選択肢にありません。選べるのは：" + optionList(item));
                continue;
            }
            if (detail != null && !option.detail()) {
                doc.problems.error(s.location(), label, "選択肢「" + option.label() + "」には括弧書きを付けられません。");
                continue;
            }
            if (checked.containsKey(option)) {
                doc.problems.error(s.location(), label, "選択肢「" + option.label() + "」が2回書かれています。");
                continue;
            }
            checked.put(option, detail == null || detail.isEmpty() ? null : detail);
        }
        List<Value.CheckState> states = new ArrayList<>();
        for (CheckOption o : item.options()) {
            states.add(new Value.CheckState(o.label(), o.group(), checked.containsKey(o), checked.get(o)));
        }
        return new Value.Checks(states);
    }

    private CheckOption findOption(FormItem item, String text) {
        String k = keys.written(text);
        List<String> optionKeys = keys.of(item).options();
        for (int i = 0; i < optionKeys.size(); i++) {
            if (optionKeys.get(i).equals(k)) {
                return item.options().get(i);
            }
        }
        return null;
    }

    private static String optionList(FormItem item) {
        List<String> names = new ArrayList<>();
        for (CheckOption o : item.options()) {
            names.add(o.detail() ? o.label() + "（…）" : o.label());
        }
        return String.join("／", names);
    }

    private Value table(FormItem item, YNode node, Doc doc) {
        String label = item.printedLabel();
        if (node instanceof YNode.Scalar s && s.isBlank()) {
            return new Value.Table(List.of());
        }
        if (!(node instanceof YNode.Seq seq)) {
            doc.problems.error(node.location(), label, "表は1行ずつ「- 」で始まるリストで書き、各行は列の見出しをキーにしてください。列：" + String.join("／", item.columns()));
            return new Value.Empty();
        }
        List<Value> rows = new ArrayList<>();
        for (YNode n : seq.items()) {
            if (!(n instanceof YNode.Map m)) {
                doc.problems.error(n.location(), label, "表の1行は、列の見出しをキーにしたマップで書いてください。列：" + String.join("／", item.columns()));
                continue;
            }
            YNode.Entry w = m.get(WITHHELD_KEY);
            if (w != null) {
                doc.withheldDepth++;
            }
            Value.Cells cells;
            try {
                cells = cells(item, m, doc);
            } finally {
                if (w != null) {
                    doc.withheldDepth--;
                }
            }
            if (w != null) {
                String reason = w.value() instanceof YNode.Scalar s && !s.isNull() && !s.text().equals("true") ? s.text().trim() : "";
                rows.add(new Value.Withheld(doc.counter.take(Withholding.ITEM), Sealed.of(cells, reason)));
            } else {
                rows.add(cells);
            }
        }
        return new Value.Table(rows);
    }

    private Value.Cells cells(FormItem item, YNode.Map m, Doc doc) {
        Map<String, YNode.Scalar> byColumn = new LinkedHashMap<>();
        for (YNode.Entry e : m.entries()) {
            if (e.key().text().equals(WITHHELD_KEY)) {
                continue;
            }
            String column = null;
            String wanted = keys.written(e.key().text());
            List<String> columnKeys = keys.of(item).columns();
            for (int i = 0; i < columnKeys.size(); i++) {
                if (columnKeys.get(i).equals(wanted)) {
                    column = item.columns().get(i);
                }
            }
            if (column == null) {
                doc.problems.error(e.key().location(), item.printedLabel(), "表に「" + e.key().text() + "」という列はありません。列：" + String.join("／", item.columns()));
                continue;
            }
            if (!(e.value() instanceof YNode.Scalar s)) {
                doc.problems.error(e.value().location(), column, "表のセルは文字列で書いてください。");
                continue;
            }
            byColumn.put(column, s);
        }
        List<RichText> cells = new ArrayList<>();
        for (String c : item.columns()) {
            YNode.Scalar s = byColumn.get(c);
            cells.add(s == null || s.isBlank() ? RichText.plain("", m.location())
                    : richText(s.text(), TextContext.of(s, c), s.location(), doc));
        }
        return new Value.Cells(cells);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * An error when a field that is not Markdown (状態, 関連, 未収録, 名称, choices, check boxes…)
     * holds a withholding marker: such a field cannot withhold part of itself, and publishing the
     * marked text would leak it. The message never repeats the text.
     *
     * @return whether there was a marker
     */
    private static boolean rejectMarkers(String text, Location at, String label, Doc doc) {
        if (!WithholdingParser.hasMarker(text)) {
            return false;
        }
        doc.problems.error(at, label, "「" + label + "」では「{非公表}」や「:::非公表」は使えません（文章の欄ではないため）。この欄全体を非公表にするには、「非公表: 理由」と「内容: …」の形で書いてください。");
        return true;
    }

    /** A value as it may be repeated in a message: never one that stands inside a withheld item. */
    private static String shown(String value, Doc doc) {
        return doc.withheldDepth > 0 ? "（非公表の値）" : value;
    }

    /** A plain meta field (状態, 関連): markers refused. */
    private static String plainField(YNode.Entry e, Doc doc) {
        String v = scalar(e);
        if (v != null && rejectMarkers(v, e.value().location(), e.key().text(), doc)) {
            return null;
        }
        return v;
    }

    private static String scalar(YNode.Entry e) {
        return e != null && e.value() instanceof YNode.Scalar s && !s.isBlank() ? s.text().trim() : null;
    }

    private static List<String> stringList(YNode.Entry e, Problems problems) {
        if (e == null) {
            return List.of();
        }
        if (e.value() instanceof YNode.Scalar s) {
            return s.isBlank() ? List.of() : List.of(s.text().trim());
        }
        List<String> out = new ArrayList<>();
        if (e.value() instanceof YNode.Seq seq) {
            for (YNode n : seq.items()) {
                if (n instanceof YNode.Scalar s && !s.isBlank()) {
                    out.add(s.text().trim());
                } else {
                    problems.error(n.location(), e.key().text(), "見出しを文字列で書いてください。");
                }
            }
        } else {
            problems.error(e.value().location(), e.key().text(), "見出しのリストで書いてください。");
        }
        return out;
    }
}
