package org.kohyo.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * 非公表部分の目録 — the text of every withheld part, kept only inside this package for the leak
 * verifier. It is never printed: reports name a part by document and number.
 */
public final class WithheldCatalog {
    /** One withheld part: where it is, and its text (package-private). */
    static final class Part {
        final String document;
        final int number;
        final String text;

        Part(String document, int number, String text) {
            this.document = document;
            this.number = number;
            this.text = text;
        }
    }

    private final List<Part> parts = new ArrayList<>();
    private final StringBuilder publicText = new StringBuilder();

    void add(String document, int number, String text) {
        parts.add(new Part(document, number, text));
    }

    void addPublic(String text) {
        publicText.append(text).append('\n');
    }

    List<Part> parts() {
        return parts;
    }

    String publicText() {
        return publicText.toString();
    }

    /** How many withheld parts the sources have. */
    public int size() {
        return parts.size();
    }
}
