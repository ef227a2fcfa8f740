package org.kohyo.build;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 並列処理（順序どおり） — runs the per-document work on worker threads and hands the results to
 * the caller in source order, so that whatever consumes them (the search index, the list of
 * documents) sees the same order every build. At most {@code window} results are in flight, so
 * memory stays bounded whatever the number of documents.
 */
final class OrderedWork {
    /** Per-item work that may throw. */
    interface Work<T, R> {
        R apply(T item) throws Exception;
    }

    /** Consumer of results, in order. */
    interface Sink<R> {
        void accept(R result) throws Exception;
    }

    private OrderedWork() {}

    static int defaultThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    static <T, R> void run(List<T> items, int threads, Work<T, R> work, Sink<R> sink) throws Exception {
        if (threads <= 1 || items.size() < 2) {
            for (T item : items) {
                sink.accept(work.apply(item));
            }
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "kohyo-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
        int window = threads * 4;
        Deque<Future<R>> inFlight = new ArrayDeque<>();
        try {
            int next = 0;
            while (next < items.size() || !inFlight.isEmpty()) {
                while (next < items.size() && inFlight.size() < window) {
                    T item = items.get(next++);
                    inFlight.add(pool.submit(() -> work.apply(item)));
                }
                Future<R> head = inFlight.poll();
                R result;
                try {
                    result = head.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Exception ex) {
                        throw ex;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
                sink.accept(result);
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }
}
