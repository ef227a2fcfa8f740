package org.kohyo.redact;

/** 版 — which edition a build produces. */
public enum Edition {
    /** 公開版: every 非公表 part replaced by a notice. */
    PUBLIC,
    /** 全体版（委員会・第三者点検用）: withheld parts shown, highlighted with their reasons; never public. */
    FULL;

    public static Edition parse(String s) {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("public") || s.equals("公開")) {
            return PUBLIC;
        }
        if (s.equalsIgnoreCase("full") || s.equals("全体")) {
            return FULL;
        }
        throw new IllegalArgumentException("edition must be 'public' or 'full', not '" + s + "'");
    }
}
