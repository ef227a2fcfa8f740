package org.kohyo.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * テーマ — templates (.ftlh) and assets. The default theme ships inside kohyo; a site's own theme
 * directory overrides any template or asset by giving a file of the same name (Hugo-style lookup:
 * the site's file first, then the default).
 */
public final class Theme {
    static final String DEFAULT = "/org/kohyo/theme/default/";
    private final Configuration freemarker;
    private final Path siteTheme;
    private final Map<String, Asset> assets;

    /** A theme asset, with its content-hashed output path. */
    public record Asset(String name, String path, byte[] bytes) {}

    public Theme(Path siteTheme) {
        this.siteTheme = siteTheme;
        try {
            List<TemplateLoader> loaders = new ArrayList<>();
            if (siteTheme != null && Files.isDirectory(siteTheme.resolve("templates"))) {
                loaders.add(new FileTemplateLoader(siteTheme.resolve("templates").toFile()));
            }
            loaders.add(new ClassTemplateLoader(Theme.class, DEFAULT + "templates"));
            Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
            cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(new TemplateLoader[0])));
            cfg.setDefaultEncoding("UTF-8");
            cfg.setOutputEncoding("UTF-8");
            cfg.setLocale(Locale.JAPAN);
            cfg.setTimeZone(TimeZone.getTimeZone("Asia/Tokyo"));
            cfg.setNumberFormat("computer");
            cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            cfg.setLogTemplateExceptions(false);
            cfg.setWrapUncheckedExceptions(true);
            cfg.setFallbackOnNullLoopVariable(false);
            cfg.setAPIBuiltinEnabled(false);
            cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
            cfg.setRecognizeStandardFileExtensions(true);
            DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
            // view models are records: let templates write doc.title for doc.title()
            wrapper.setRecordZeroArgumentNonVoidMethodPolicy(ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
            cfg.setObjectWrapper(wrapper.build());
            this.freemarker = cfg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.assets = loadAssets();
    }

    /** Renders a template by name (e.g. "evaluation.ftlh"). */
    public String render(String template, Map<String, Object> model) {
        try {
            Template t = freemarker.getTemplate(template);
            StringWriter w = new StringWriter(16 * 1024);
            t.process(model, w);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new ThemeException("テンプレート " + template + " の処理に失敗しました: " + e.getMessageWithoutStackTop(), e);
        }
    }

    /** Assets by name (kohyo.css → assets/kohyo.1a2b3c4d.css). */
    public Map<String, Asset> assets() {
        return assets;
    }

    /** The output path of an asset, for templates. */
    public String assetPath(String name) {
        Asset a = assets.get(name);
        if (a == null) {
            throw new ThemeException("テーマに " + name + " がありません。", null);
        }
        return a.path();
    }

    private Map<String, Asset> loadAssets() {
        Map<String, byte[]> raw = new TreeMap<>();
        String list = resourceText(DEFAULT + "assets.txt");
        if (list != null) {
            for (String name : list.split("\n")) {
                name = name.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    byte[] b = resource(DEFAULT + "assets/" + name);
                    if (b != null) {
                        raw.put(name, b);
                    }
                }
            }
        }
        if (siteTheme != null && Files.isDirectory(siteTheme.resolve("assets"))) {
            try (Stream<Path> s = Files.list(siteTheme.resolve("assets"))) {
                for (Path p : s.sorted().toList()) {
                    if (Files.isRegularFile(p)) {
                        raw.put(p.getFileName().toString(), Files.readAllBytes(p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Asset> out = new TreeMap<>();
        raw.forEach((name, bytes) -> out.put(name, new Asset(name, "assets/" + hashedName(name, bytes), bytes)));
        return out;
    }

    /** kohyo.css + content → kohyo.1a2b3c4d5e.css. */
    public static String hashedName(String name, byte[] bytes) {
        int dot = name.lastIndexOf('.');
        String hash = sha256(bytes).substring(0, 10);
        return dot < 0 ? name + "." + hash : name.substring(0, dot) + "." + hash + name.substring(dot);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = Theme.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resourceText(String path) {
        byte[] b = resource(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A template or asset problem, reported without a stack trace. */
    public static final class ThemeException extends RuntimeException {
        public ThemeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
