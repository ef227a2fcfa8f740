package org.kohyo.index;

/**
 * What {@link SearchIndexBuilder#finish} wrote.
 *
 * @param manifest   site-relative path of the manifest, e.g. "search/manifest-0123abcd4567ef89.json"
 * @param generation site-relative directory of the static index files, e.g. "search/i-…/"
 * @param lucene     site-relative directory of the Lucene index ("search/lucene/", one index per partition)
 * @param documents  documents indexed
 * @param terms      distinct terms in the static index
 * @param termShards term shard files
 * @param docShards  doc table shard files
 * @param staticBytes bytes of the static browser index (manifest included, Lucene excluded)
 * @param luceneBytes bytes of the Lucene index
 */
public record SearchIndexResult(String manifest, String generation, String lucene, int documents, long terms,
        int termShards, int docShards, long staticBytes, long luceneBytes, boolean local) {}
