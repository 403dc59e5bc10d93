package dev.gatehouse.runtime.routing;

import dev.gatehouse.config.upstream.Balancing;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

/** The value of a call that a consistent hash places on its ring, or null when the call has none. */
@FunctionalInterface
interface HashKey {

    /** The key of this call, or null. */
    String of(ServerWebExchange exchange);

    /** The key a service's balancing names. */
    static HashKey of(Balancing balancing) {
        String name = balancing.hashKey();
        return switch (balancing.hashOn()) {
            case HEADER -> exchange -> exchange.getRequest().getHeaders().getFirst(name);
            case COOKIE -> exchange -> {
                HttpCookie cookie = exchange.getRequest().getCookies().getFirst(name);
                return cookie == null ? null : cookie.getValue();
            };
            case CONSUMER -> exchange -> exchange.getAttribute(CallFacts.ATTRIBUTE) instanceof CallFacts facts
                    ? facts.consumerId() : null;
            case CLIENT_ADDRESS -> exchange -> exchange.getAttribute(CallFacts.ATTRIBUTE) instanceof CallFacts facts
                    ? facts.client().text() : null;
        };
    }
}
