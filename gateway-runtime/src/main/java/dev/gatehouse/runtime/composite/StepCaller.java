package dev.gatehouse.runtime.composite;

import java.util.concurrent.TimeoutException;

import dev.gatehouse.runtime.composite.StepOutcome.Kind;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.error.ProblemMapper;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Sends one attempt of a step with the node's upstream HTTP client (Spring Cloud Gateway's, whose connections pass
 * the target guard and share the forwarding filter's pools) and reads its answer without blocking and without ever
 * holding more than the route's step limit: a declared length over the limit is refused before reading, and a body
 * that passes the limit while streaming stops the read and closes the connection at once. Only a 2xx answer with a
 * JSON media type is read and parsed (Jackson, from the bounded bytes); any other answer's connection is closed
 * unread, so it never returns to the pool with a body pending.
 */
final class StepCaller {

    /** The node's reader of step answers: a document with trailing content is not JSON. */
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** Stops the read of an answer that passed its limit; never leaves this class. */
    private static final RuntimeException TOO_LONG = new RuntimeException("answer too long", null, false, false) {
    };

    private static final ProblemMapper PROBLEMS = new ProblemMapper();

    private StepCaller() {
    }

    /** What the attempts of one step saw, for its call record: written by the attempt in flight. */
    static final class Attempts {
        volatile int status;
        volatile long upstreamNanos = -1;
        volatile long bytesOut;
    }

    /**
     * One attempt: sends {@code body} (null: none) with {@code headers} to {@code url} and reads the answer.
     *
     * @param maxBytes most answer bytes read
     */
    static Mono<StepAnswer> send(CompiledStep step, String url, HttpHeaders headers, byte[] body, int maxBytes,
                                 Attempts seen) {
        return Mono.defer(() -> {
            long sent = System.nanoTime();
            return step.client().request(step.method()).uri(url)
                    .send((request, out) -> {
                        request.responseTimeout(step.responseTimeout());
                        headers.forEach((name, values) -> request.header(name, values.get(0)));
                        return body == null ? out : out.sendByteArray(Mono.just(body));
                    })
                    .responseConnection((response, connection) -> {
                        seen.upstreamNanos = System.nanoTime() - sent;
                        seen.status = response.status().code();
                        seen.bytesOut = 0;
                        return read(response, connection, maxBytes, seen);
                    })
                    .next();
        });
    }

    private static Mono<StepAnswer> read(HttpClientResponse response, Connection connection, int maxBytes,
                                         Attempts seen) {
        int status = response.status().code();
        if (status < 200 || status > 299) {
            connection.dispose();
            return Mono.just(StepAnswer.ofStatus(status));
        }
        String type = response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        if (!isJson(type)) {
            connection.dispose();
            return Mono.just(StepAnswer.unusable(status, Kind.FAILED, "answer is not JSON (Content-Type: "
                    + (type == null ? "none" : type) + ")"));
        }
        String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        long declared = declaredLength(length);
        if (declared > maxBytes) {
            connection.dispose();
            return Mono.just(tooLong(status, maxBytes));
        }
        BoundedBytes bytes = new BoundedBytes(maxBytes, declared);
        return connection.inbound().receive()
                .handle((buffer, sink) -> {
                    if (!bytes.append(buffer)) {
                        sink.error(TOO_LONG);
                    }
                })
                .then(Mono.fromSupplier(() -> {
                    seen.bytesOut = bytes.size();
                    return parse(status, bytes);
                }))
                .onErrorResume(error -> error == TOO_LONG, error -> {
                    connection.dispose();
                    seen.bytesOut = bytes.size();
                    return Mono.just(tooLong(status, maxBytes));
                });
    }

    private static StepAnswer tooLong(int status, int maxBytes) {
        return StepAnswer.unusable(status, Kind.TOO_LARGE, "answer is longer than the " + maxBytes
                + " bytes allowed");
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a {@code Content-Type} names JSON: {@code application/json} or {@code application/*+json}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equalsIgnoreCase(type.getType())
                    && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static StepAnswer parse(int status, BoundedBytes bytes) {
        try {
            JsonNode node = JSON.readTree(bytes.array(), 0, bytes.size());
            if (node == null || node.isMissingNode()) {
                return StepAnswer.unusable(status, Kind.FAILED, "answer is not JSON (empty)");
            }
            return StepAnswer.json(status, node);
        } catch (JacksonException e) {
            return StepAnswer.unusable(status, Kind.FAILED, "answer is not JSON (it does not parse)");
        }
    }

    /**
     * The failure of a step whose attempts ended in {@code error}.
     *
     * @param limitMs       the time limit the step ran under
     * @param limitDeadline whether that limit was what was left of the route's deadline (else the step's own)
     */
    static StepOutcome failure(CompiledStep step, Throwable error, long limitMs, boolean limitDeadline) {
        int index = step.index();
        if (error instanceof TimeoutException) {
            return StepOutcome.failed(index, Kind.TIMEOUT, 0, limitDeadline
                    ? "the route's deadline passed (" + limitMs + " ms were left for it)"
                    : "no answer within its timeout of " + limitMs + " ms");
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ReadTimeoutException) {
                return StepOutcome.failed(index, Kind.TIMEOUT, 0, "no response within the service's response "
                        + "timeout of " + step.responseTimeout().toMillis() + " ms");
            }
            if (t instanceof ConnectTimeoutException) {
                return StepOutcome.failed(index, Kind.TIMEOUT, 0, "could not connect within the service's connect "
                        + "timeout");
            }
            if (t instanceof GatewayProblem problem) {
                return StepOutcome.failed(index, Kind.FAILED, problem.status().value(), problem.code() + ": "
                        + sentence(problem.detail()));
            }
        }
        GatewayProblem mapped = PROBLEMS.map(error);
        Kind kind = mapped.status().value() == 504 ? Kind.TIMEOUT : Kind.FAILED;
        return StepOutcome.failed(index, kind, 0, sentence(mapped.detail()));
    }

    /** A detail sentence as a clause: without its final full stop. */
    private static String sentence(String detail) {
        return detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail;
    }
}
