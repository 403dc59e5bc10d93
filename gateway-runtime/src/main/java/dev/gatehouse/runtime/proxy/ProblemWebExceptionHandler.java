package dev.gatehouse.runtime.proxy;

import java.net.URI;

import dev.gatehouse.runtime.scg.Forwarding;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.error.Problem;
import dev.gatehouse.runtime.error.ProblemMapper;
import dev.gatehouse.runtime.node.ServerPorts;
import dev.gatehouse.runtime.requestid.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Answers every error on the proxy port as {@code application/problem+json} with a stable code and the request id.
 * Ordered right after SCG's observation-closing handler, ahead of Spring Boot's error handler, so that no HTML page
 * or stack trace can reach a client. Requests on the management port are left to Spring Boot.
 */
@Component
public class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final ProblemMapper mapper = new ProblemMapper();
    private final ConfigJson json;
    private final ServerPorts ports;

    public ProblemWebExceptionHandler(ConfigJson json, ServerPorts ports) {
        this.json = json;
        this.ports = ports;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (ports.isManagement(exchange)) {
            return Mono.error(ex);
        }
        if (response.isCommitted()) {
            GatewayProblem problem = mapper.map(ex);
            if (GatewayProblem.isUpstreamFailure(problem.code()) && abortClientConnection(exchange)) {
                GatehouseCall.of(exchange).problemCode(problem.code());
                logUpstreamFailure(exchange, response.getStatusCode() == null ? 200
                        : response.getStatusCode().value(), problem.code(), ex);
                return Mono.empty();
            }
            // a committed response can only be cut short; the connection is closed by the server
            return Mono.error(ex);
        }
        GatewayProblem problem = mapper.map(ex);
        GatehouseCall.of(exchange).problemCode(problem.code());
        if (problem.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getURI().getRawPath(), ex);
        } else if (GatewayProblem.isUpstreamFailure(problem.code())) {
            logUpstreamFailure(exchange, problem.status().value(), problem.code(), ex);
        } else if (log.isDebugEnabled()) {
            log.debug("{} {} answered {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getURI().getRawPath(), problem.code(), ex.toString());
        }
        byte[] body = json.write(Problem.body(problem, RequestIds.of(exchange)));
        response.setStatusCode(problem.status());
        HttpHeaders headers = response.getHeaders();
        // drop upstream headers that may have been copied before the failure
        headers.clear();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        headers.setCacheControl("no-store");
        headers.set(RequestIds.HEADER, RequestIds.of(exchange));
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        problem.headers().forEach(headers::put);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** One line per failed upstream call, as nginx logs it: the stack trace tells nothing about the upstream. */
    private static void logUpstreamFailure(ServerWebExchange exchange, int status, String code, Throwable ex) {
        log.warn("{} {} answered {} {}: upstream {} failed: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getURI().getRawPath(), status, code, upstream(exchange), rootCause(ex));
    }

    /**
     * Closes the client connection of a response whose status and part of whose body have gone out, so the client
     * sees the body cut short (fewer bytes than {@code Content-Length}, no final chunk) rather than a clean end; the
     * server then has nothing left to finish. False when the connection is not a Reactor Netty one (then the error
     * travels on to the server, which closes it itself).
     */
    private static boolean abortClientConnection(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            connection.channel().close();
            return true;
        }
        return false;
    }

    /** The upstream's {@code host:port} the call was sent to, or "-" before a target was picked. */
    private static String upstream(ServerWebExchange exchange) {
        URI url = Forwarding.targetUrl(exchange);
        return url == null ? "-" : url.getHost() + ":" + url.getPort();
    }

    /** The innermost cause, as its class name and message. */
    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    @Override
    public int getOrder() {
        // SCG's ObservationClosingWebExceptionHandler is HIGHEST_PRECEDENCE and passes the error on
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
