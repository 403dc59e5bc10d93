package dev.gatehouse.runtime.proxy;

import java.util.Map;

import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.error.Problem;
import dev.gatehouse.runtime.error.ProblemMapper;
import dev.gatehouse.runtime.requestid.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The answers to requests the node refuses before Spring sees them ({@link MalformedRequestHandler}): a request
 * target that is not a URI, or a request line or head Netty could not decode. Each is
 * {@code application/problem+json} like every other answer of the node, and counted in
 * {@code gatehouse_requests_refused_total{code}}: these requests have no exchange, so they are not in the call log.
 */
@Component
final class MalformedRequests {

    static final GatewayProblem URI_TOO_LONG = new GatewayProblem(HttpStatus.URI_TOO_LONG,
            ProblemMapper.codeOf(HttpStatus.URI_TOO_LONG),
            "URI too long", "The request line is longer than this gateway accepts.");
    static final GatewayProblem HEADERS_TOO_LARGE = new GatewayProblem(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            ProblemMapper.codeOf(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE), "Request headers too large",
            "A request header, or all of them together, is larger than this gateway accepts.");
    static final GatewayProblem BAD_REQUEST = new GatewayProblem(HttpStatus.BAD_REQUEST,
            ProblemMapper.codeOf(HttpStatus.BAD_REQUEST),
            "Bad request", "The request line or headers are not valid HTTP/1.1.");
    private static final GatewayProblem INVALID_PATH = GatewayProblem.invalidPath();

    private final ConfigJson json;
    private final Map<String, Counter> refused;

    MalformedRequests(ConfigJson json, MeterRegistry registry) {
        this.json = json;
        this.refused = Map.of(
                INVALID_PATH.code(), counter(registry, INVALID_PATH.code()),
                URI_TOO_LONG.code(), counter(registry, URI_TOO_LONG.code()),
                HEADERS_TOO_LARGE.code(), counter(registry, HEADERS_TOO_LARGE.code()),
                BAD_REQUEST.code(), counter(registry, BAD_REQUEST.code()));
    }

    private static Counter counter(MeterRegistry registry, String code) {
        return Counter.builder("gatehouse.requests.refused").tag("code", code)
                .description("Proxy-port requests refused before routing (malformed request line, target or head);"
                        + " these are not in the call log")
                .register(registry);
    }

    /** The problem {@code request} is refused with, or null when it may go on (one scan of its target). */
    static GatewayProblem problemOf(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return URI_TOO_LONG;
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return HEADERS_TOO_LARGE;
            }
            return BAD_REQUEST;
        }
        return RequestTargetSyntax.isValid(request.uri()) ? null : INVALID_PATH;
    }

    /** The response to {@code request}, refused with {@code problem}; counts it. The connection closes after it. */
    FullHttpResponse answer(HttpRequest request, GatewayProblem problem) {
        refused.get(problem.code()).increment();
        // the head of a request Netty could not decode is empty or partial: its id is not trusted
        String offered = request.decoderResult().isFailure() ? null : request.headers().get(RequestIds.HEADER);
        String requestId = RequestIds.acceptOrGenerate(offered);
        byte[] body = json.write(Problem.of(problem, requestId));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(problem.status().value()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(RequestIds.HEADER, requestId)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
