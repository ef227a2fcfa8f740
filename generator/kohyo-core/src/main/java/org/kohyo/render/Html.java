package org.kohyo.render;

import java.util.regex.Pattern;

/** HTML の文字の置き換え. */
public final class Html {
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern SPACED_BREAK = Pattern.compile(" ?\n ?");
    private static final Pattern BREAKS = Pattern.compile("\n{2,}");

    private Html() {}

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Plain text of an HTML fragment (tags dropped, common entities decoded), for meta descriptions and search. */
    public static String text(String html) {
        String t = TAG.matcher(html).replaceAll(" ");
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        t = SPACES.matcher(t).replaceAll(" ");
        t = SPACED_BREAK.matcher(t).replaceAll("\n");
        return BREAKS.matcher(t).replaceAll("\n").strip();
    }
}
