package org.kohyo.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohyo.form.CheckOption;
import org.kohyo.form.FormDefinition;
import org.kohyo.form.FormItem;
import org.kohyo.form.FormLibrary;
import org.kohyo.text.TextNormalizer;

/**
 * 様式の見出しの鍵 — the label keys ({@link TextNormalizer#labelKey}) of every form, item, choice,
 * check option and table column, computed once per validator instead of once per source value;
 * and the keys of what sources write (見出し, 選択肢, チェック欄の選択肢), remembered as they come.
 * Validations on several threads share it.
 */
final class FormKeys {
    /** How many written texts are remembered, and how long one may be: headings and choices are short. */
    static final int WRITTEN = 20_000;
    static final int WRITTEN_LENGTH = 80;

    /**
     * The keys of one form item.
     *
     * @param names   every way a source may name the item: label, printed label, number + label, each
     *                also with the mark
     * @param label   the key of the label alone
     * @param printed the key of the printed label (with numbering)
     * @param choices the keys of the choices, in the form's order
     * @param options the keys of the check options' labels, in the form's order
     * @param columns the keys of the table columns, in the form's order
     */
    record ItemKeys(List<String> names, String label, String printed, List<String> choices, List<String> options,
                    List<String> columns) {

        static ItemKeys of(FormItem i) {
            List<String> names = new ArrayList<>();
            names.add(TextNormalizer.labelKey(i.label()));
            names.add(TextNormalizer.labelKey(i.printedLabel()));
            if (i.number() != null) {
                names.add(TextNormalizer.labelKey(i.number() + i.label()));
            }
            if (i.mark() != null) {
                names.add(TextNormalizer.labelKey(i.label() + i.mark()));
                if (i.number() != null) {
                    names.add(TextNormalizer.labelKey(i.number() + i.label() + i.mark()));
                }
            }
            List<String> options = new ArrayList<>();
            for (CheckOption o : i.options()) {
                options.add(TextNormalizer.labelKey(o.label()));
            }
            return new ItemKeys(List.copyOf(names), names.get(0), names.get(1), keys(i.choices()), List.copyOf(options),
                    keys(i.columns()));
        }

        private static List<String> keys(List<String> labels) {
            List<String> out = new ArrayList<>(labels.size());
            for (String l : labels) {
                out.add(TextNormalizer.labelKey(l));
            }
            return List.copyOf(out);
        }
    }

    /** By identity: records of whole forms hash their whole item tree. */
    private final Map<FormItem, ItemKeys> items = new IdentityHashMap<>();
    private final Map<FormDefinition, Set<String>> forms = new IdentityHashMap<>();
    /** Label keys of texts from sources: the same few hundred headings and choices recur in every source. */
    private final Map<String, String> written = new ConcurrentHashMap<>();

    FormKeys(FormLibrary library) {
        for (FormDefinition f : library.all()) {
            addItems(f.items());
        }
        for (FormDefinition f : library.all()) {
            forms.put(f, known(f.items(), new HashSet<>()));
        }
    }

    private void addItems(List<FormItem> list) {
        for (FormItem i : list) {
            items.computeIfAbsent(i, ItemKeys::of);
            addItems(i.items());
        }
    }

    /** The label key of a text a source wrote, as {@link TextNormalizer#labelKey}. */
    String written(String text) {
        if (text == null) {
            return TextNormalizer.labelKey(null);
        }
        String k = written.get(text);
        if (k == null) {
            k = TextNormalizer.labelKey(text);
            if (text.length() <= WRITTEN_LENGTH && written.size() < WRITTEN) {
                written.put(text, k);
            }
        }
        return k;
    }

    /** The keys of an item (computed on the spot for an item of no form in the library). */
    ItemKeys of(FormItem item) {
        ItemKeys k = items.get(item);
        return k != null ? k : ItemKeys.of(item);
    }

    /**
     * Every label, printed label and numbered label of a form, at any depth, for checking the
     * names in 「未収録:」.
     */
    Set<String> of(FormDefinition form) {
        Set<String> known = forms.get(form);
        return known != null ? known : known(form.items(), new HashSet<>());
    }

    private Set<String> known(List<FormItem> list, Set<String> out) {
        for (FormItem i : list) {
            ItemKeys k = of(i);
            out.add(k.label());
            out.add(k.printed());
            if (i.number() != null) {
                out.add(k.names().get(2));
            }
            known(i.items(), out);
        }
        return out;
    }
}
