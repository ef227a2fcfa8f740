package org.kohyo.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Results come in the items' order; the weight in flight stays within its budget; weightless work stays on the caller. */
class OrderedWorkTest {
    @Test
    void resultsComeInTheItemsOrder() throws Exception {
        List<Integer> items = IntStream.range(0, 500).boxed().toList();
        List<Integer> out = new ArrayList<>();
        OrderedWork.run(items, 3, i -> {
            Thread.sleep(i % 7 == 0 ? 2 : 0);
            return i * 2;
        }, out::add);
        assertEquals(items.stream().map(i -> i * 2).toList(), out);
    }

    @Test
    void theWeightInFlightStaysWithinTheBudgetButOneHeavyItemPasses() throws Exception {
        // weights 10, 10, 10, … and one item of 100 (over the budget of 30 on its own)
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        AtomicLong inFlight = new AtomicLong();
        AtomicLong most = new AtomicLong();
        List<Integer> out = new ArrayList<>();
        OrderedWork.run(items, 4, 8, i -> i == 50 ? 100 : 10, 30, i -> {
            long now = inFlight.addAndGet(i == 50 ? 100 : 10);
            most.accumulateAndGet(now, Math::max);
            Thread.sleep(1);
            return i;
        }, i -> {
            inFlight.addAndGet(i == 50 ? -100 : -10);
            out.add(i);
        });
        assertEquals(items, out);
        assertEquals(100, most.get(), "the heavy item alone; otherwise at most 30 at once");
    }

    @Test
    void weightlessWorkRunsOnTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        List<Boolean> onCaller = new ArrayList<>();
        OrderedWork.run(IntStream.range(0, 100).boxed().toList(), 2, 4, i -> i % 2 == 0 ? 0 : 1, 1000,
                i -> Thread.currentThread() == caller, onCaller::add);
        for (int i = 0; i < 100; i++) {
            assertEquals(i % 2 == 0, onCaller.get(i), "item " + i);
        }
    }

    @Test
    void aFailureOfTheWorkIsThrownAsItWasThrown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OrderedWork.run(
                IntStream.range(0, 50).boxed().toList(), 2, i -> {
                    if (i == 17) {
                        throw new IllegalStateException("item 17");
                    }
                    return i;
                }, i -> { }));
        assertTrue(e.getMessage().contains("17"));
    }
}
