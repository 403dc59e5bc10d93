package dev.gatehouse.runtime.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The dependency runner, driven by hand: each step's outcome is a sink the test completes, so what has started is
 * checked after each answer without any timing.
 */
class StepRunnerTests {

    // a and b independent; c depends on a; d on b and c
    private static final int[][] DEPENDS_ON = {{}, {}, {0}, {1, 2}};
    private static final int[] ORDER = {0, 1, 2, 3};

    private final List<Sinks.One<String>> sinks = new ArrayList<>();
    private final List<Integer> started = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();
    private final List<Boolean> cancelled = new ArrayList<>(List.of(false, false, false, false));

    {
        for (int i = 0; i < DEPENDS_ON.length; i++) {
            sinks.add(Sinks.one());
        }
    }

    private Disposable run() {
        return StepRunner.<String>run(DEPENDS_ON, ORDER, i -> {
                    started.add(i);
                    return sinks.get(i).asMono().doOnCancel(() -> cancelled.set(i, true));
                }, outcome -> outcome.startsWith("failed") || outcome.startsWith("skipped"),
                (step, failed) -> "skipped " + step + " after " + failed).subscribe(outcomes::add);
    }

    @Test
    void stepsWithoutDependenciesStartTogetherAndEachOtherStartsOnceItsDependenciesAnswered() {
        run();
        assertThat(started).containsExactly(0, 1);

        sinks.get(0).tryEmitValue("a");
        assertThat(started).as("c needs only a; it does not wait for b's level").containsExactly(0, 1, 2);

        sinks.get(2).tryEmitValue("c");
        assertThat(started).as("d still waits for b").containsExactly(0, 1, 2);

        sinks.get(1).tryEmitValue("b");
        assertThat(started).containsExactly(0, 1, 2, 3);
        sinks.get(3).tryEmitValue("d");
        assertThat(outcomes).containsExactly("a", "c", "b", "d");
    }

    @Test
    void aStepWhoseDependencyFailedIsNotStarted() {
        run();
        sinks.get(0).tryEmitValue("failed a");
        sinks.get(1).tryEmitValue("b");

        assertThat(started).containsExactly(0, 1);
        assertThat(outcomes).containsExactly("failed a", "skipped 2 after 0", "b", "skipped 3 after 2");
    }

    @Test
    void cancellingStopsTheStepsStillRunning() {
        Disposable running = run();
        sinks.get(0).tryEmitValue("a");
        assertThat(started).containsExactly(0, 1, 2);

        running.dispose();

        assertThat(cancelled).containsExactly(false, true, true, false);
        sinks.get(1).tryEmitValue("b");
        sinks.get(2).tryEmitValue("c");
        assertThat(started).as("nothing starts after the caller stopped").containsExactly(0, 1, 2);
    }

    @Test
    void aStepManyDependOnRunsOnce() {
        int[][] dependsOn = {{}, {0}, {0}, {0, 1, 2}};
        List<Integer> starts = new ArrayList<>();
        List<String> done = new ArrayList<>();
        StepRunner.<String>run(dependsOn, ORDER, i -> {
            starts.add(i);
            return Mono.just("s" + i);
        }, outcome -> false, (step, failed) -> "skipped").subscribe(done::add);

        assertThat(starts).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(done).containsExactlyInAnyOrder("s0", "s1", "s2", "s3");
    }
}
