package dev.gatehouse.runtime.requestid;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.web.server.ServerWebExchange;

/**
 * Request ids: a client's {@code X-Request-Id} is kept when it is 1 to 128 characters of {@code [A-Za-z0-9._-]};
 * otherwise (absent, too long, or anything that could smuggle text into logs or headers) a new UUID replaces it.
 */
public final class RequestIds {

    /** The header carrying the id to the upstream and back to the client. */
    public static final String HEADER = "X-Request-Id";
    /** Exchange attribute holding the id chosen for the request. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    private static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** The id to use for a request that came with {@code offered} (may be null). */
    public static String acceptOrGenerate(String offered) {
        return isValid(offered) ? offered : generate();
    }

    /** True when {@code id} may be passed on as it is. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random (version 4) UUID. Request ids need to be unique, not unguessable, so this draws from
     * {@link ThreadLocalRandom} instead of {@code UUID.randomUUID()}'s shared SecureRandom, which contends under load.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(most, least).toString();
    }

    /** The id chosen for this exchange; one is made if the request id filter did not run. */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(HEADER));
            exchange.getAttributes().put(ATTRIBUTE, id);
        }
        return id;
    }
}
