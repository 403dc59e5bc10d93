package dev.gatehouse.runtime.error;

import java.net.URI;

import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.runtime.node.ServerPorts;
import dev.gatehouse.runtime.requestid.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

    /** Exchange attribute: the {@code code} of the problem answered (String), for the call log. */
    public static final String CODE_ATTRIBUTE = ProblemWebExceptionHandler.class.getName() + ".code";

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
        if (ports.isManagement(exchange) || response.isCommitted()) {
            // a committed response can only be cut short; the connection is closed by the server
            return Mono.error(ex);
        }
        GatewayProblem problem = mapper.map(ex);
        exchange.getAttributes().put(CODE_ATTRIBUTE, problem.code());
        if (problem.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getURI().getRawPath(), ex);
        } else if (GatewayProblem.isUpstreamFailure(problem.code())) {
            // one line per failed upstream call, as nginx logs it: the stack trace tells nothing about the upstream
            log.warn("{} {} answered {} {}: upstream {} failed: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getURI().getRawPath(), problem.status().value(), problem.code(),
                    upstream(exchange), rootCause(ex));
        } else if (log.isDebugEnabled()) {
            log.debug("{} {} answered {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getURI().getRawPath(), problem.code(), ex.toString());
        }
        byte[] body = json.write(Problem.of(problem, RequestIds.of(exchange)));
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

    /** The upstream's {@code host:port} the call was sent to, or "-" before a target was picked. */
    private static String upstream(ServerWebExchange exchange) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
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
