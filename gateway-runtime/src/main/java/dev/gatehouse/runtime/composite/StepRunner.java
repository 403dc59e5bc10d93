package dev.gatehouse.runtime.composite;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs steps that may depend on each other: each starts as soon as every step it depends on has an outcome (not
 * level by level), steps without a path between them run at the same time, and a step one of whose dependencies
 * failed is not started (its outcome is made by {@code skipped}). Each step is started once, however many steps
 * depend on it. Cancelling the returned flux (the caller stops at a failure, or the client leaves) cancels every
 * step still running.
 */
final class StepRunner {

    private StepRunner() {
    }

    /**
     * @param dependsOn indexes of the steps each step depends on; {@code order} lists every dependency before its
     *                  dependants
     * @param order     step indexes, dependencies first (such as dependency levels, flattened)
     * @param start     starts step {@code i}; never fails (failures are outcomes)
     * @param failed    whether an outcome is a failure
     * @param skipped   the outcome of step {@code i} not run because its dependency {@code j} failed
     * @return each step's outcome as it becomes known
     */
    static <O> Flux<O> run(int[][] dependsOn, int[] order, IntFunction<Mono<O>> start, Predicate<O> failed,
                           BiFunction<Integer, Integer, O> skipped) {
        return Flux.defer(() -> {
            Sinks.Empty<Void> stop = Sinks.empty();
            @SuppressWarnings("unchecked")
            Mono<O>[] outcomes = new Mono[dependsOn.length];
            for (int i : order) {
                int step = i;
                int[] dependencies = dependsOn[i];
                Mono<O> outcome;
                if (dependencies.length == 0) {
                    outcome = Mono.defer(() -> start.apply(step));
                } else {
                    List<Mono<O>> before = new ArrayList<>(dependencies.length);
                    for (int d : dependencies) {
                        before.add(outcomes[d]);
                    }
                    outcome = Mono.zip(before, results -> results).flatMap(results -> {
                        for (int k = 0; k < results.length; k++) {
                            @SuppressWarnings("unchecked")
                            O result = (O) results[k];
                            if (failed.test(result)) {
                                return Mono.just(skipped.apply(step, dependencies[k]));
                            }
                        }
                        return start.apply(step);
                    });
                }
                // shared by its dependants and the result; cut short when the caller stops
                outcomes[i] = outcome.takeUntilOther(stop.asMono()).cache();
            }
            return Flux.merge(outcomes).doFinally(signal -> stop.tryEmitEmpty());
        });
    }
}
