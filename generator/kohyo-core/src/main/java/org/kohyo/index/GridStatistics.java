package org.kohyo.index;

import org.apache.lucene.search.CollectionStatistics;

/**
 * 平均文書長の格子 (average field length on a grid): the collection statistics that the static
 * index's BM25 scores use (format "kohyo-search-4"). BM25 normalises a document's field length by
 * the field's average length over the collection (avgdl = sumTotalTermFreq / docCount); with the exact
 * average, any edit that changes one document's length moves every score of the field, and with them
 * every term shard. On the grid, avgdl is rounded to one of {@value #STEPS_PER_DOUBLING} steps per
 * doubling (about ±4.4 %), so small length changes keep it where it is.
 *
 * <p>For a field, L = round({@value #STEPS_PER_DOUBLING} · log2(sumTotalTermFreq / docCount)), and the
 * gridded statistics have sumTotalTermFreq' = max(docCount, round(2^(L/{@value #STEPS_PER_DOUBLING}) ·
 * docCount)); maxDoc and docCount are unchanged. sumDocFreq is unchanged too, except that Lucene
 * requires sumDocFreq ≤ sumTotalTermFreq, so it is lowered to sumTotalTermFreq' where the grid rounds
 * below it (BM25 does not read sumDocFreq). The arithmetic uses {@link StrictMath}, so the grid is the
 * same on every JVM.
 */
public final class GridStatistics {

    /** Grid steps per doubling of the average field length. */
    public static final int STEPS_PER_DOUBLING = 8;

    private GridStatistics() {}

    /** The grid level L of a field with these totals: round(8 · log2(sumTotalTermFreq / docCount)). */
    public static long level(long sumTotalTermFreq, long docCount) {
        if (docCount < 1 || sumTotalTermFreq < 1) {
            throw new IllegalArgumentException("sumTotalTermFreq " + sumTotalTermFreq + ", docCount " + docCount);
        }
        double log2 = StrictMath.log((double) sumTotalTermFreq / docCount) / StrictMath.log(2);
        return StrictMath.round(STEPS_PER_DOUBLING * log2);
    }

    /** sumTotalTermFreq on the grid: max(docCount, round(2^(L/8) · docCount)). */
    public static long griddedSumTotalTermFreq(long sumTotalTermFreq, long docCount) {
        long level = level(sumTotalTermFreq, docCount);
        double avg = StrictMath.pow(2, (double) level / STEPS_PER_DOUBLING);
        return Math.max(docCount, StrictMath.round(avg * docCount));
    }

    /** The field's statistics with the average length on the grid, for BM25. */
    public static CollectionStatistics of(CollectionStatistics exact) {
        long sumTotalTermFreq = griddedSumTotalTermFreq(exact.sumTotalTermFreq(), exact.docCount());
        return new CollectionStatistics(exact.field(), exact.maxDoc(), exact.docCount(), sumTotalTermFreq,
                Math.min(exact.sumDocFreq(), sumTotalTermFreq));
    }
}
