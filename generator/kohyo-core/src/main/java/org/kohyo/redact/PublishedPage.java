package org.kohyo.redact;

import org.kohyo.model.FreePage;

/** 公表用の自由なページ — a free page after redaction (it may contain withheld spans too). */
public final class PublishedPage {
    private final FreePage page;
    private final Edition edition;

    PublishedPage(FreePage page, Edition edition) {
        this.page = page;
        this.edition = edition;
    }

    public FreePage page() {
        return page;
    }

    public Edition edition() {
        return edition;
    }
}
