package dev.gatehouse.runtime.composite;

import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.runtime.RequestBodies;
import dev.gatehouse.runtime.auth.ForwardedIdentity;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.calllog.StepRecords;
import dev.gatehouse.runtime.tracing.Tracing;
import dev.gatehouse.runtime.composite.CompiledComposite.ClientInput;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.requestid.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a call of a composite route, at the end of its chain (after authentication, limits and the other route
 * policies, which ran once for the whole call): checks every client variable the templates use (400 before any step
 * is sent), reads the client's body when a step receives it, runs the steps ({@link CompositeCall}), and answers the
 * assembled JSON, 200 (with {@code Gatehouse-Partial: true} and an {@code errors} member when optional steps
 * failed), or the problem of the first required step that failed, or 502 when the answer is too large.
 */
final class CompositeExecutor {

    /** Header marking an answer some optional steps are missing from. */
    static final String PARTIAL = "Gatehouse-Partial";

    /** Most client body bytes held for the step that receives them, when no request-size policy says less. */
    static final int MAX_BODY = CompositeSpec.MAX_BYTES;

    private static final byte[] NO_BODY = new byte[0];

    private final StepRecords records;
    private final Tracing tracing;

    /** @param records where step records go, or null when the call log is off */
    CompositeExecutor(StepRecords records, Tracing tracing) {
        this.records = records;
        this.tracing = tracing;
    }

    Mono<Void> execute(CompiledComposite composite, ServerWebExchange exchange) {
        long start = System.nanoTime();
        RequestInputs inputs = new RequestInputs(exchange.getRequest());
        for (ClientInput input : composite.inputs()) {
            try {
                Template.clientValue(input.part(), inputs, input.place());
            } catch (ClientInputException e) {
                return Mono.error(e.missing() ? CompositeProblems.missingInput(e.variable(), input.step())
                        : CompositeProblems.invalidInput(e.getMessage(), e.variable(), input.step()));
            }
        }
        return body(composite, exchange).flatMap(body -> {
            CompositeCall call = new CompositeCall(composite, exchange, inputs, body == NO_BODY ? null : body,
                    identity(exchange), records, tracing, start);
            return call.run().flatMap(outcomes -> answer(composite, exchange, call, outcomes));
        });
    }

    /** The client's body when a step receives it (through the size policy's limit, if any), else none. */
    private static Mono<byte[]> body(CompiledComposite composite, ServerWebExchange exchange) {
        if (composite.bodyStep() < 0) {
            return Mono.just(NO_BODY);
        }
        return RequestBodies.read(exchange.getRequest(), MAX_BODY)
                .map(body -> body.length == 0 ? NO_BODY : body)
                .onErrorMap(DataBufferLimitException.class, e -> GatewayProblem.requestTooLarge(MAX_BODY));
    }

    /** What every step sends besides its own headers: the request id and the caller's identity. */
    private static HttpHeaders identity(ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(RequestIds.HEADER, RequestIds.of(exchange));
        GatehouseCall call = GatehouseCall.of(exchange);
        if (call.consumer() != null) {
            new ForwardedIdentity(null, call.consumer()).write(headers);
        }
        return headers;
    }

    private static Mono<Void> answer(CompiledComposite composite, ServerWebExchange exchange, CompositeCall call,
                                     StepOutcome[] outcomes) {
        GatehouseCall.of(exchange).upstreamNanos(call.upstreamNanos());
        StepOutcome failed = call.requiredFailure();
        if (failed != null) {
            return Mono.error(CompositeProblems.stepFailed(composite.step(failed.index()).name(),
                    failed.failure().kind() == StepOutcome.Kind.TIMEOUT, failed.failure().reason()));
        }
        byte[] body = StepCaller.JSON.writeValueAsBytes(Assembly.assemble(composite, outcomes));
        if (body.length > composite.maxResponseBytes()) {
            return Mono.error(CompositeProblems.responseTooLarge(body.length, composite.maxResponseBytes()));
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(body.length);
        if (Assembly.isPartial(outcomes)) {
            headers.set(PARTIAL, "true");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
