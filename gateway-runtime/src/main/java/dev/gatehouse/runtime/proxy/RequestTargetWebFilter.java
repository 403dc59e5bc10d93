package dev.gatehouse.runtime.proxy;

import java.util.List;
import java.util.Locale;

import dev.gatehouse.config.CanonicalPath;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.node.ServerPorts;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every proxy-port request one meaning before anything reads it. The path is replaced by its
 * {@link CanonicalPath canonical form} (query untouched), so the call log, route matching, prefix stripping, path
 * rewrites and the upstream URL all see the same spelling, the one the upstream receives. A request whose path has
 * no canonical form, that carries two {@code Host} headers, or whose absolute-form target ({@code GET http://a/x})
 * names another authority than its {@code Host} is marked refused ({@link #REFUSED}); the handler mapping answers
 * it 400, inside the call log so that such attempts are recorded.
 *
 * <p>An already canonical path (the common case) costs one scan and no allocation.
 */
@Component
public class RequestTargetWebFilter implements WebFilter, Ordered {

    /** Exchange attribute: the {@link GatewayProblem} a refused request is answered with. */
    public static final String REFUSED = RequestTargetWebFilter.class.getName() + ".refused";

    private final ServerPorts ports;

    public RequestTargetWebFilter(ServerPorts ports) {
        this.ports = ports;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (ports.isManagement(exchange)) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        if (!hostIsUnambiguous(request)) {
            exchange.getAttributes().put(REFUSED, GatewayProblem.ambiguousRequest());
            return chain.filter(exchange);
        }
        String rawPath = request.getURI().getRawPath();
        String path = CanonicalPath.canonicalize(rawPath);
        if (path == null) {
            exchange.getAttributes().put(REFUSED, GatewayProblem.invalidPath());
            return chain.filter(exchange);
        }
        if (path == rawPath) {
            return chain.filter(exchange);
        }
        // the builder keeps the raw query as it came
        return chain.filter(exchange.mutate().request(builder -> builder.path(path)).build());
    }

    /** One Host header at most, and an absolute-form target's authority equal to it. */
    static boolean hostIsUnambiguous(ServerHttpRequest request) {
        List<String> hosts = request.getHeaders().get(HttpHeaders.HOST);
        String host = null;
        if (hosts != null && !hosts.isEmpty()) {
            host = hosts.get(0);
            if (hosts.size() > 1 || host.indexOf(',') >= 0) {
                return false;
            }
        }
        String target = requestTarget(request);
        return target == null || authorityMatches(target, host);
    }

    /** The request target as written on the request line, when the request came from Reactor Netty. */
    private static String requestTarget(ServerHttpRequest request) {
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalStateException noServer) {
            // only test requests (MockServerHttpRequest) have no native request
            return null;
        }
        return nativeRequest instanceof HttpServerRequest netty ? netty.uri() : null;
    }

    /**
     * True for an origin-form target ({@code /x}), or an absolute-form target ({@code http://a.example/x}) whose
     * authority is the Host header's value (case and the scheme's default port aside). RFC 9112 tells a server to
     * prefer the target's authority, the gateway routes on Host: when they differ, which one the upstream believes
     * is anyone's guess, so the request is refused.
     */
    static boolean authorityMatches(String target, String host) {
        if (target.isEmpty() || target.charAt(0) == '/') {
            return true;
        }
        int schemeEnd = target.indexOf("://");
        if (schemeEnd <= 0) {
            // asterisk-form (OPTIONS *) or something unparseable: its path is refused as not canonical
            return true;
        }
        int start = schemeEnd + 3;
        int end = start;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        String authority = target.substring(start, end);
        if (host == null || authority.indexOf('@') >= 0) {
            return false;
        }
        String scheme = target.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        return withoutDefaultPort(authority, scheme).equals(withoutDefaultPort(host.trim(), scheme));
    }

    private static String withoutDefaultPort(String authority, String scheme) {
        String lower = authority.toLowerCase(Locale.ROOT);
        String defaultPort = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : null;
        if (defaultPort != null && lower.endsWith(defaultPort)) {
            return lower.substring(0, lower.length() - defaultPort.length());
        }
        return lower;
    }

    @Override
    public int getOrder() {
        return FilterOrder.REQUEST_TARGET;
    }
}
