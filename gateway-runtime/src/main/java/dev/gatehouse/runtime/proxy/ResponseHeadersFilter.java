package dev.gatehouse.runtime.proxy;

import dev.gatehouse.runtime.FilterOrder;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The upstream response's headers as the client gets them: everything but hop-by-hop headers ({@link HopByHop}),
 * copied in one pass. Together with {@link ProxyHeadersFilter} it replaces SCG's chain of header filters
 * ({@link UpstreamHeaderFilters}).
 */
@Component
public class ResponseHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        return HopByHop.forwardable(input, name -> false);
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public int getOrder() {
        return FilterOrder.HEADERS;
    }
}
