package org.kohyo.work;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * 並列処理（順序どおり） — runs per-item work (a document's validation or rendering, a file's
 * compression for the zip) on worker threads and hands the results to the caller in the items'
 * order, so that whatever consumes them (the search index, the list of documents, the zip) sees the
 * same order every build. At most a few results per thread are in flight, and optionally at most a
 * budget of their weight (bytes), so memory stays bounded whatever the number of items.
 */
public final class OrderedWork {
    /** Per-item work that may throw. */
    public interface Work<T, R> {
        R apply(T item) throws Exception;
    }

    /** Consumer of results, in order. */
    public interface Sink<R> {
        void accept(R result) throws Exception;
    }

    private OrderedWork() {}

    /** Worker threads for a build: the processors, at most 8. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs {@code work} over the items on {@code threads} threads; {@code sink} gets the results in order. */
    public static <T, R> void run(List<T> items, int threads, Work<T, R> work, Sink<R> sink) throws Exception {
        run(items, threads, 4, item -> 1, Long.MAX_VALUE, work, sink);
    }

    /**
     * {@link #run(List, int, Work, Sink)} with {@code perThread} results in flight per thread (4
     * there) and a bound on the weight in flight: an item is started
     * only while the weights of the items started and not yet consumed stay within {@code budget}
     * (one item alone may exceed it). An item of weight 0 is worked on the calling thread, in turn:
     * its work is too small to hand to a worker (handing over costs more than it).
     */
    public static <T, R> void run(List<T> items, int threads, int perThread, ToLongFunction<T> weight, long budget, Work<T, R> work,
            Sink<R> sink) throws Exception {
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
        int window = threads * perThread;
        Deque<Future<R>> inFlight = new ArrayDeque<>();
        Deque<Long> weights = new ArrayDeque<>();
        long weighing = 0;
        try {
            int next = 0;
            while (next < items.size() || !inFlight.isEmpty()) {
                while (next < items.size() && inFlight.size() < window
                        && (inFlight.isEmpty() || weighing + weight.applyAsLong(items.get(next)) <= budget)) {
                    T item = items.get(next++);
                    long w = weight.applyAsLong(item);
                    weighing += w;
                    weights.add(w);
                    inFlight.add(w == 0 ? CompletableFuture.completedFuture(work.apply(item)) : pool.submit(() -> work.apply(item)));
                }
                Future<R> head = inFlight.poll();
                weighing -= weights.poll();
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
            // the work may read or write files the caller deletes next (a staging directory)
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
