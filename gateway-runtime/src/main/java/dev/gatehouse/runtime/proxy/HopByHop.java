package dev.gatehouse.runtime.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.http.HttpHeaders;

/**
 * Hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection and are never forwarded, in either
 * direction. The fixed set plus every header the {@code Connection} header names.
 */
final class HopByHop {

    /**
     * Names never forwarded: SCG's own list ({@link RemoveHopByHopHeadersFilter#HEADERS_REMOVED_ON_REQUEST}, whose bean
     * {@link UpstreamHeaderFilters} removes), kept as a list to compare ignoring case without lower-casing each name.
     */
    static final List<String> ALWAYS = List.copyOf(RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST);

    private HopByHop() {
    }

    /** The lower-case names {@code headers}' {@code Connection} header lists; empty when it lists none. */
    static Set<String> namedByConnection(HttpHeaders headers) {
        List<String> values = headers.get(HttpHeaders.CONNECTION);
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        Set<String> named = new HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    named.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return named;
    }

    /**
     * A copy of {@code headers} without hop-by-hop headers and without those {@code alsoDropped} names, in one pass.
     */
    static HttpHeaders forwardable(HttpHeaders headers, Predicate<String> alsoDropped) {
        Set<String> named = namedByConnection(headers);
        HttpHeaders out = new HttpHeaders();
        // the backing map, not HttpHeaders.forEach, which first copies every name into a case-insensitive set; a
        // case-sensitive backing map (Netty's) lists a header sent in two spellings twice, each time with all its
        // values: put, not add, keeps them once
        headers.asMultiValueMap().forEach((name, values) -> {
            if (!isHopByHop(name, named) && !alsoDropped.test(name)) {
                out.put(name, new ArrayList<>(values));
            }
        });
        return out;
    }

    /** True when the header {@code name} ends at this hop. */
    static boolean isHopByHop(String name, Set<String> namedByConnection) {
        for (String hop : ALWAYS) {
            if (hop.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return !namedByConnection.isEmpty() && namedByConnection.contains(name.toLowerCase(Locale.ROOT));
    }
}
