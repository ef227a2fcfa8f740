package org.kohyo.redact;

import org.kohyo.model.Evaluation;

/**
 * 公表用の評価書 — an evaluation after the redaction stage. Only {@link Redactor} can make one, so a
 * renderer or indexer that takes this type can only ever see redacted content (public edition) or
 * content explicitly revealed for the full edition.
 */
public final class PublishedEvaluation {
    private final Evaluation evaluation;
    private final Edition edition;

    PublishedEvaluation(Evaluation evaluation, Edition edition) {
        this.evaluation = evaluation;
        this.edition = edition;
    }

    /** The model, in which every withheld part is a notice (public) or revealed (full). */
    public Evaluation evaluation() {
        return evaluation;
    }

    public Edition edition() {
        return edition;
    }
}
