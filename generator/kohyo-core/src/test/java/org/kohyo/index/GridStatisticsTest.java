package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class GridStatisticsTest {

    @Test
    void levelIsEightStepsPerDoublingOfTheAverage() {
        assertEquals(0, GridStatistics.level(5, 5));
        assertEquals(24, GridStatistics.level(800, 100)); // average 8 = 2^3
        assertEquals(27, GridStatistics.level(100, 10)); // 8 · log2(10) = 26.58
        assertEquals(26, GridStatistics.level(990, 100)); // 8 · log2(9.9) = 26.46
    }

    @Test
    void gridValues() {
        assertEquals(800, GridStatistics.griddedSumTotalTermFreq(800, 100)); // on the grid already
        assertEquals(104, GridStatistics.griddedSumTotalTermFreq(100, 10)); // 2^(27/8) · 10 = 103.7
        assertEquals(1037, GridStatistics.griddedSumTotalTermFreq(1050, 100)); // rounds down
        assertEquals(951, GridStatistics.griddedSumTotalTermFreq(990, 100));
        assertEquals(5, GridStatistics.griddedSumTotalTermFreq(5, 5)); // never below docCount
        assertThrows(IllegalArgumentException.class, () -> GridStatistics.level(0, 5));
        assertThrows(IllegalArgumentException.class, () -> GridStatistics.level(5, 0));
    }

    @Test
    void smallLengthChangesStayOnTheSameStep() {
        // average 10: the step reaches from 2^(26.5/8) = 9.90 to 2^(27.5/8) = 10.80
        for (long sum = 100_000; sum <= 107_000; sum += 7) {
            assertEquals(103_747, GridStatistics.griddedSumTotalTermFreq(sum, 10_000), "sum " + sum);
        }
        assertEquals(95_137, GridStatistics.griddedSumTotalTermFreq(98_900, 10_000));
    }

    @Test
    void griddedAverageStaysWithinHalfAStep() {
        double halfStep = Math.pow(2, 1.0 / 16);
        for (long docCount : new long[] {1, 3, 17, 2000, 123_457}) {
            for (long sum = docCount; sum < docCount * 5000; sum = sum * 9 / 8 + 1) {
                double exact = (double) sum / docCount;
                double grid = (double) GridStatistics.griddedSumTotalTermFreq(sum, docCount) / docCount;
                assertTrue(grid >= 1, sum + "/" + docCount);
                // rounding to a whole sum adds at most 0.5 / docCount
                assertTrue(grid <= exact * halfStep + 0.5 / docCount + 1e-9, sum + "/" + docCount + " → " + grid);
                assertTrue(grid >= exact / halfStep - 0.5 / docCount - 1e-9, sum + "/" + docCount + " → " + grid);
            }
        }
    }

    @Test
    void statisticsKeepEverythingButTheTotalAndStayValidForLucene() {
        CollectionStatistics exact = new CollectionStatistics("g_title", 120, 100, 1050, 1050);
        CollectionStatistics grid = GridStatistics.of(exact);
        assertEquals("g_title", grid.field());
        assertEquals(120, grid.maxDoc());
        assertEquals(100, grid.docCount());
        assertEquals(1037, grid.sumTotalTermFreq());
        // Lucene requires sumDocFreq <= sumTotalTermFreq; BM25 does not read sumDocFreq
        assertEquals(1037, grid.sumDocFreq());
        CollectionStatistics roomy = GridStatistics.of(new CollectionStatistics("g_body", 120, 100, 1050, 700));
        assertEquals(700, roomy.sumDocFreq());
        Similarity.SimScorer scorer = new BM25Similarity().scorer(1f, grid, new TermStatistics(new BytesRef("ab"), 10, 20));
        assertTrue(scorer.score(2, 12) > 0);
    }

    @Test
    void bm25SeesTheGriddedAverage() {
        // BM25 with the gridded statistics scores as with exact statistics whose average is the grid's
        CollectionStatistics exact = new CollectionStatistics("g_body", 100_000, 100_000, 1_050_000, 900_000);
        CollectionStatistics onGrid = new CollectionStatistics("g_body", 100_000, 100_000, 1_037_472, 900_000);
        TermStatistics ts = new TermStatistics(new BytesRef("ab"), 10, 30);
        BM25Similarity bm25 = new BM25Similarity();
        assertEquals(1_037_472, GridStatistics.of(exact).sumTotalTermFreq());
        for (long norm = 1; norm < 256; norm += 17) {
            assertEquals(bm25.scorer(1f, onGrid, ts).score(3, norm), bm25.scorer(1f, GridStatistics.of(exact), ts).score(3, norm));
        }
        assertTrue(bm25.scorer(1f, exact, ts).score(3, 100) != bm25.scorer(1f, GridStatistics.of(exact), ts).score(3, 100));
    }
}
