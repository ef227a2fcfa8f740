package org.kohyo.redact;

import java.util.Objects;

/**
 * 封印された非公表部分 — withheld content and its reason (理由), sealed.
 *
 * <p>Anyone may seal; only the redaction stage (this package) can open. Renderers, the indexer and
 * every later output receive the model after {@link Redactor} has replaced each sealed part, so no
 * code path outside this package can read withheld text: this is enforced by Java's access rules,
 * not by discipline. {@link #toString()} never shows the content, so it cannot leak into a log.
 */
public final class Sealed<T> {
    private final T content;
    private final String reason;

    private Sealed(T content, String reason) {
        this.content = Objects.requireNonNull(content);
        this.reason = reason == null ? "" : reason;
    }

    public static <T> Sealed<T> of(T content, String reason) {
        return new Sealed<>(content, reason);
    }

    T open() {
        return content;
    }

    String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "Sealed[非公表]";
    }
}
