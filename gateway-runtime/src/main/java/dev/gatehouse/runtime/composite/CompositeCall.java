package dev.gatehouse.runtime.composite;

import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.routing.UpstreamTarget;
import dev.gatehouse.runtime.tracing.TraceContextHeaders;
import dev.gatehouse.runtime.tracing.Tracing;
import dev.gatehouse.runtime.tracing.UpstreamSpan;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.config.composite.Placement;
import dev.gatehouse.runtime.calllog.StepCall;
import dev.gatehouse.runtime.calllog.StepRecords;
import dev.gatehouse.runtime.composite.StepCaller.Attempts;
import dev.gatehouse.runtime.composite.StepOutcome.Kind;
import dev.gatehouse.runtime.policy.resilience.CircuitBreakers;
import dev.gatehouse.runtime.policy.resilience.RetryRules;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

/**
 * One composite call in flight: runs its steps ({@link StepRunner}), each expanded from the request and earlier
 * answers, sent with its service's retry rules and breaker, within its own timeout and what is left of the route's
 * deadline; keeps their answers for later steps and for the {@link Assembly}; and writes each started step's call
 * record. Stops at the first required step that fails (the steps still running are cancelled).
 */
final class CompositeCall {

    /** A status a step's record gets when it was cancelled because the call ended first. */
    private static final int CANCELLED = 499;

    private final CompiledComposite composite;
    private final ServerWebExchange exchange;
    private final RequestInputs inputs;
    private final byte[] body;
    private final HttpHeaders identity;
    private final StepRecords records;
    private final Tracing tracing;
    private final GatehouseCall call;
    private final long deadlineAt;
    private final JsonNode[] answers;
    private final StepOutcome[] outcomes;
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
    private volatile StepOutcome requiredFailure;

    /**
     * @param body     the client's body for the step that receives it, or null
     * @param identity headers every step sends: the request id and the caller's identity
     * @param records  where step records go, or null when the call log is off
     * @param tracing  the node's tracing: every attempt of a step is a client span of the call's trace
     */
    CompositeCall(CompiledComposite composite, ServerWebExchange exchange, RequestInputs inputs, byte[] body,
                  HttpHeaders identity, StepRecords records, Tracing tracing, long startNanos) {
        this.composite = composite;
        this.exchange = exchange;
        this.inputs = inputs;
        this.body = body;
        this.identity = identity;
        this.records = records;
        this.tracing = tracing;
        this.call = GatehouseCall.of(exchange);
        this.deadlineAt = startNanos + composite.deadline().toNanos();
        this.answers = new JsonNode[composite.steps().size()];
        this.outcomes = new StepOutcome[composite.steps().size()];
    }

    /** Runs the steps; completes with every outcome known, by index, when they end or a required step fails. */
    Mono<StepOutcome[]> run() {
        return StepRunner.run(composite.dependsOn(), composite.order(), this::step, StepOutcome::isFailure,
                        (step, failed) -> StepOutcome.failed(step, Kind.SKIPPED, 0, "depends on failed step '"
                                + composite.step(failed).name() + "'"))
                .doOnNext(outcome -> {
                    outcomes[outcome.index()] = outcome;
                    if (outcome.isFailure() && composite.step(outcome.index()).required() && requiredFailure == null) {
                        requiredFailure = outcome;
                    }
                })
                .takeUntil(outcome -> outcome.isFailure() && composite.step(outcome.index()).required())
                .then(Mono.fromSupplier(() -> outcomes));
    }

    /**
     * The step's headers with the trace context of its attempt: the attempt's own {@code traceparent} when the call
     * is traced, else the client's trace context headers unchanged (as a routed call forwards them).
     */
    private HttpHeaders traced(HttpHeaders headers, UpstreamSpan span) {
        String traceparent = span.traceparent();
        HttpHeaders client = exchange.getRequest().getHeaders();
        if (traceparent == null && !client.containsHeader(TraceContextHeaders.TRACEPARENT)) {
            return headers;
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        if (traceparent != null) {
            out.set(TraceContextHeaders.TRACEPARENT, traceparent);
            if (span.tracestate() != null) {
                out.set(TraceContextHeaders.TRACESTATE, span.tracestate());
            }
        } else {
            out.set(TraceContextHeaders.TRACEPARENT, client.getFirst(TraceContextHeaders.TRACEPARENT));
            String state = client.getFirst(TraceContextHeaders.TRACESTATE);
            if (state != null) {
                out.set(TraceContextHeaders.TRACESTATE, state);
            }
        }
        return out;
    }

    /** The first required step that failed, or null. */
    StepOutcome requiredFailure() {
        return requiredFailure;
    }

    /** From the first step's start to the last step's end (the time spent on upstreams), or -1 when none started. */
    long upstreamNanos() {
        long first = firstStart.get();
        return first == Long.MAX_VALUE ? -1 : Math.max(0, lastEnd.get() - first);
    }

    private Mono<StepOutcome> step(int index) {
        CompiledStep step = composite.step(index);
        long start = System.nanoTime();
        firstStart.accumulateAndGet(start, Math::min);
        String path;
        String target;
        HttpHeaders headers;
        try {
            StringBuilder out = new StringBuilder(64).append(step.basePath());
            step.path().expand(inputs, answers, out);
            path = out.toString();
            char separator = '?';
            for (CompiledStep.Param param : step.query()) {
                out.append(separator).append(param.name()).append('=');
                param.value().expand(inputs, answers, out);
                separator = '&';
            }
            target = out.toString();
            headers = headers(step, index);
        } catch (StepInputException | ClientInputException e) {
            return Mono.just(finish(step, start, StepOutcome.failed(index, Kind.FAILED, 0, e.getMessage()),
                    step.basePath() + step.path().text(), new Attempts()));
        }
        long left = deadlineAt - start;
        if (left <= 0) {
            return Mono.just(finish(step, start, StepOutcome.failed(index, Kind.TIMEOUT, 0,
                    "the route's deadline passed before it could start"), path, new Attempts()));
        }
        boolean byDeadline = step.timeout().isZero() || step.timeout().toNanos() >= left;
        long limit = byDeadline ? left : step.timeout().toNanos();
        byte[] sent = index == composite.bodyStep() ? body : null;
        Attempts seen = new Attempts();
        Mono<StepAnswer> attempt = Mono.defer(() -> {
            UpstreamTarget picked = step.targets().pick(exchange);
            String url = picked.origin() + target;
            // no URI parsed and no span made for a call that is not traced
            UpstreamSpan span = call.trace() == null ? UpstreamSpan.OFF
                    : tracing.startUpstream(call, step.name(), step.service().name(), URI.create(url));
            boolean counted = step.targets().countsCalls();
            return StepCaller.send(step, url, traced(headers, span), sent, composite.maxStepBytes(), seen)
                    .doOnNext(answer -> span.status(answer.status()))
                    .doOnError(span::failed)
                    .doFinally(signal -> {
                        span.close();
                        if (counted) {
                            picked.release();
                        }
                    });
        });
        if (step.breaker() != null) {
            attempt = CircuitBreakers.guard(step.breaker(), attempt, answer -> answer == null ? 200 : answer.status());
        }
        RetryRules retry = step.retry();
        if (retry != null && retry.appliesTo(step.method().name(), sent == null ? -1 : sent.length)) {
            attempt = attempt
                    .flatMap(answer -> retry.retriesStatus(answer.status())
                            ? Mono.<StepAnswer>error(new RetriedStatus(answer)) : Mono.just(answer))
                    .retryWhen(retry.retrySpec(RetriedStatus.class::isInstance))
                    .onErrorResume(RetriedStatus.class, retried -> Mono.just(retried.answer));
        }
        AtomicBoolean recorded = new AtomicBoolean();
        return attempt
                .timeout(Duration.ofNanos(limit))
                .map(answer -> outcome(step, answer))
                .onErrorResume(error -> Mono.just(StepCaller.failure(step, error,
                        TimeUnit.NANOSECONDS.toMillis(limit), byDeadline)))
                .map(outcome -> recorded.compareAndSet(false, true) ? finish(step, start, outcome, path, seen)
                        : outcome)
                .doOnCancel(() -> {
                    if (recorded.compareAndSet(false, true)) {
                        record(step, start, path, CANCELLED, seen, CompositeProblems.STEP_CANCELLED, sent);
                    }
                });
    }

    /** The headers step {@code index} sends: its own, then the request id and the caller's identity. */
    private HttpHeaders headers(CompiledStep step, int index) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        StringBuilder value = new StringBuilder();
        for (CompiledStep.Param param : step.headers()) {
            value.setLength(0);
            param.value().expand(inputs, answers, value);
            headers.set(param.name(), value.toString());
        }
        if (index == composite.bodyStep() && body != null) {
            String type = exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
            if (type != null) {
                headers.set(HttpHeaders.CONTENT_TYPE, type);
            }
        }
        headers.putAll(identity);
        return headers;
    }

    /** The outcome of a step whose (last) attempt got {@code answer}; keeps a usable answer for later steps. */
    private StepOutcome outcome(CompiledStep step, StepAnswer answer) {
        int index = step.index();
        if (!answer.isSuccessStatus()) {
            return StepOutcome.failed(index, Kind.FAILED, answer.status(), "answered " + answer.status());
        }
        if (answer.problem() != null) {
            return StepOutcome.failed(index, answer.kind(), 0, answer.problem());
        }
        if (step.placement() == Placement.MERGE && step.fields().isEmpty() && !answer.body().isObject()) {
            return StepOutcome.failed(index, Kind.FAILED, 0, "answer is not a JSON object, so it cannot be merged");
        }
        answers[index] = answer.body();
        return StepOutcome.answered(index, answer.body());
    }

    private StepOutcome finish(CompiledStep step, long start, StepOutcome outcome, String path, Attempts seen) {
        StepOutcome.Failure failure = outcome.failure();
        int status = failure == null ? seen.status
                : failure.kind() != Kind.TIMEOUT && seen.status > 0 ? seen.status : failure.status();
        record(step, start, path, status, seen, failure == null ? null : failure.kind().recordCode(),
                step.index() == composite.bodyStep() ? body : null);
        return outcome;
    }

    private void record(CompiledStep step, long start, String path, int status, Attempts seen, String errorCode,
                        byte[] sent) {
        long end = System.nanoTime();
        lastEnd.accumulateAndGet(end, Math::max);
        if (records != null) {
            records.record(exchange, new StepCall(step.name(), step.service().id(), step.service().name(),
                    step.method().name(), path, status, start, end - start, seen.upstreamNanos,
                    sent == null ? 0 : sent.length, seen.bytesOut, errorCode));
        }
    }

    /** Marks an attempt whose status the retry rules retry; carries its answer for when attempts run out. */
    private static final class RetriedStatus extends RuntimeException {

        private final transient StepAnswer answer;

        RetriedStatus(StepAnswer answer) {
            super("retried status " + answer.status(), null, false, false);
            this.answer = answer;
        }
    }
}
