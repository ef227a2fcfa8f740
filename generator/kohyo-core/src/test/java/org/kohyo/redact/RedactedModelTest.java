package org.kohyo.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.model.Evaluation;
import org.kohyo.model.FreePage;
import org.kohyo.model.RichText;
import org.kohyo.model.Value;
import org.kohyo.model.Withholding;

/** (a) The redaction stage: the public model holds no sealed part and no withheld string. */
class RedactedModelTest {
    @TempDir
    static Path dir;
    static WithheldSite.Sources sources;

    @BeforeAll
    static void load() {
        sources = WithheldSite.load(WithheldSite.copyTo(dir));
    }

    private static Evaluation zenkomoku() {
        return sources.evaluations().stream().filter(e -> e.slug().equals("test-zenkomoku")).findFirst().orElseThrow();
    }

    @Test
    void theSourceModelSealsEveryWithheldTextAndCountsEachGranularity() {
        Evaluation e = zenkomoku();
        assertEquals(new Evaluation.WithheldCount(5, 2, 2), e.withheld());
        List<String> sealed = new ArrayList<>();
        List<Withholding> kinds = new ArrayList<>();
        WithheldSite.walk(e, (p, o) -> {
            if (o instanceof Value.Withheld w) {
                kinds.add(Withholding.ITEM);
                WithheldSite.strings(w.content().open()).values().forEach(sealed::add);
            } else if (o instanceof RichText.Segment.Secret s) {
                kinds.add(s.kind());
                WithheldSite.strings(s.content().open()).values().forEach(sealed::add);
            }
        });
        assertEquals(5, kinds.stream().filter(k -> k == Withholding.ITEM).count());
        assertEquals(2, kinds.stream().filter(k -> k == Withholding.BLOCK).count());
        assertEquals(2, kinds.stream().filter(k -> k == Withholding.SPAN).count());
        String all = String.join("\n", sealed);
        for (String w : WithheldSite.WITHHELD) {
            if (!w.startsWith("鮪鰤")) { // the free page's span
                assertTrue(all.contains(w), () -> "the fixture seals: " + w);
            }
        }
        // the source model outside sealed parts has no rare character: the fixture is sound
        WithheldSite.walk(e, (p, o) -> {
            if (o instanceof String s && !p.contains("/sealed") && WithheldSite.rareIndex(s) >= 0) {
                fail("withheld text outside a sealed part at " + p);
            }
        });
    }

    @Test
    void sealedNeverShowsItsContent() {
        Sealed<String> s = Sealed.of("鰐鮫データセンター", "理由");
        assertEquals("Sealed[非公表]", s.toString());
        WithheldSite.walk(zenkomoku(), (p, o) -> {
            if (o instanceof Value.Withheld || o instanceof RichText.Segment.Secret) {
                assertEquals(-1, WithheldSite.rareIndex(o.toString()), () -> "toString() shows withheld text: " + p);
            }
        });
    }

    @Test
    void thePublicModelHasNoSealedNodeAndNoWithheldString() {
        Redactor redactor = new Redactor(Edition.PUBLIC, new WithheldCatalog());
        List<Object> published = new ArrayList<>();
        for (Evaluation e : sources.evaluations()) {
            published.add(redactor.redact(e).evaluation());
        }
        for (FreePage p : sources.pages()) {
            published.add(redactor.redact(p).page());
        }
        int[] notices = {0};
        for (Object model : published) {
            WithheldSite.walk(model, (p, o) -> {
                if (o instanceof Sealed<?> || o instanceof Value.Withheld || o instanceof RichText.Segment.Secret) {
                    fail("sealed content after redaction at " + p + " (" + o.getClass().getSimpleName() + ")");
                }
                if (o instanceof Value.Revealed || o instanceof RichText.Segment.Revealed) {
                    fail("revealed content in the public edition at " + p);
                }
                if (o instanceof Value.Notice || o instanceof RichText.Segment.Notice) {
                    notices[0]++;
                }
            });
            for (Map.Entry<String, String> s : WithheldSite.strings(model).entrySet()) {
                int i = WithheldSite.rareIndex(s.getValue());
                assertEquals(-1, i, () -> "withheld character in the public model at " + s.getKey());
                String folded = WithheldSite.fold(s.getValue());
                for (String w : WithheldSite.WITHHELD) {
                    assertFalse(folded.contains(WithheldSite.fold(w)), () -> "withheld text in the public model at " + s.getKey());
                }
            }
        }
        assertEquals(10, notices[0], "9 notices in the evaluation, 1 in the free page");
    }

    @Test
    void theFullModelRevealsEveryPartWithItsReason() {
        Redactor redactor = new Redactor(Edition.FULL, null);
        Evaluation full = redactor.redact(zenkomoku()).evaluation();
        List<String> reasons = new ArrayList<>();
        WithheldSite.walk(full, (p, o) -> {
            if (o instanceof Sealed<?> || o instanceof Value.Withheld || o instanceof RichText.Segment.Secret) {
                fail("sealed content survives in the full edition at " + p);
            }
            if (o instanceof Value.Revealed r) {
                reasons.add(r.reason());
            } else if (o instanceof RichText.Segment.Revealed r) {
                reasons.add(r.reason());
            }
        });
        assertEquals(9, reasons.size());
        assertTrue(reasons.contains("設置場所の特定につながるため"), reasons::toString);
        assertTrue(reasons.contains("技術的細目のため"), reasons::toString);
        assertTrue(reasons.contains("回数のため"), reasons::toString);
        String all = String.join("\n", WithheldSite.strings(full).values());
        assertTrue(all.contains("鰐鮫データセンター"));
    }

    @Test
    void theCatalogKnowsEveryPartButNeverPrintsIt() {
        WithheldCatalog catalog = new WithheldCatalog();
        Redactor redactor = new Redactor(Edition.PUBLIC, catalog);
        sources.evaluations().forEach(redactor::redact);
        sources.pages().forEach(redactor::redact);
        assertEquals(10, catalog.size());
        assertEquals(-1, WithheldSite.rareIndex(catalog.toString()));
    }
}
