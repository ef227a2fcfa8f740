package org.kohyo.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kohyo.model.Problems;
import org.kohyo.text.TextNormalizer;

/**
 * 様式の一覧 — the forms a build knows: the built-in ones, overridden or extended by the site's
 * own {@code forms/} directory (a file of the same name replaces the built-in one).
 */
public final class FormLibrary {
    /** Built-in form ids, in the order they are offered in messages. */
    public static final List<String> BUILT_IN = List.of("kiso", "juten", "zenkomoku", "gaiyo", "shinkyu");
    private static final String RESOURCE_DIR = "/org/kohyo/forms/";

    private final Map<String, FormDefinition> byId;
    /** Forms by the label key of their name, id and aliases; the first form in order wins a shared key. */
    private final Map<String, FormDefinition> byKey = new HashMap<>();

    private FormLibrary(Map<String, FormDefinition> byId) {
        this.byId = byId;
        for (FormDefinition f : byId.values()) {
            byKey.putIfAbsent(TextNormalizer.labelKey(f.name()), f);
            byKey.putIfAbsent(TextNormalizer.labelKey(f.id()), f);
            for (String a : f.aliases()) {
                byKey.putIfAbsent(TextNormalizer.labelKey(a), f);
            }
        }
    }

    /** Loads the built-in forms and those in {@code siteForms} (may be null or missing). */
    public static FormLibrary load(Path siteForms, Problems problems) {
        FormLoader loader = new FormLoader();
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        String choicesText = resource("choices.yml");
        String choicesOrigin = "(kohyo)/forms/choices.yml";
        for (String id : BUILT_IN) {
            String text = resource(id + ".yml");
            if (text != null) {
                sources.put(id, text);
                origins.put(id, "(kohyo)/forms/" + id + ".yml");
            }
        }
        if (siteForms != null && Files.isDirectory(siteForms)) {
            try (Stream<Path> files = Files.list(siteForms)) {
                for (Path p : files.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (!name.endsWith(".yml")) {
                        continue;
                    }
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    if (name.equals("choices.yml")) {
                        choicesText = text;
                        choicesOrigin = "forms/choices.yml";
                    } else {
                        String id = name.substring(0, name.length() - 4);
                        sources.put(id, text);
                        origins.put(id, "forms/" + name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, List<String>> choices = choicesText == null ? Map.of()
                : loader.readChoices(choicesOrigin, choicesText, problems);
        Map<String, FormDefinition> byId = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            FormDefinition f = loader.read(origins.get(e.getKey()), e.getValue(), choices, problems);
            if (f != null) {
                byId.put(f.id(), f);
            }
        }
        return new FormLibrary(byId);
    }

    /** Finds a form by its name (全項目評価書), id (zenkomoku) or alias (様式4), or null. */
    public FormDefinition find(String nameOrAlias) {
        return byKey.get(TextNormalizer.labelKey(nameOrAlias));
    }

    /** The names a source may give in 「様式:」, for messages. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        byId.values().forEach(f -> out.add(f.name()));
        return out;
    }

    /** Every form of the library, built-in and the site's own. */
    public List<FormDefinition> all() {
        return List.copyOf(byId.values());
    }

    public FormDefinition byId(String id) {
        return byId.get(id);
    }

    private static String resource(String name) {
        try (InputStream in = FormLibrary.class.getResourceAsStream(RESOURCE_DIR + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
