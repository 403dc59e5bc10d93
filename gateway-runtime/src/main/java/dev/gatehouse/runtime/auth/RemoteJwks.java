package dev.gatehouse.runtime.auth;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The JWK set behind one URL as the node last fetched it. Verification reads the cached set only, never the
 * network; {@link #refresh} fetches it again without blocking (one fetch at a time, shared by everyone waiting).
 * A failed fetch keeps the previous keys (served stale), so an identity provider outage does not log everyone out.
 */
final class RemoteJwks implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);

    private final String url;
    private final Function<String, Mono<JWKSet>> fetcher;
    private final long minIntervalMillis;
    private final LongSupplier clock;
    private final AtomicReference<Mono<Void>> inflight = new AtomicReference<>();
    private volatile JWKSet keys = new JWKSet();
    private volatile long lastAttempt = Long.MIN_VALUE;
    private volatile boolean failing;

    RemoteJwks(String url, Function<String, Mono<JWKSet>> fetcher, long minIntervalMillis, LongSupplier clock) {
        this.url = url;
        this.fetcher = fetcher;
        this.minIntervalMillis = minIntervalMillis;
        this.clock = clock;
    }

    String url() {
        return url;
    }

    JWKSet keys() {
        return keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(keys);
    }

    /** True when the cached set holds a key that can verify a token with this header (its kid, alg, type). */
    boolean hasKeyFor(JWSHeader header) {
        return !new JWKSelector(JWKMatcher.forJWSHeader(header)).select(keys).isEmpty();
    }

    /**
     * Fetches the set again. Requests that met an unknown key id call it with {@code scheduled} false and are
     * held to one fetch per minimum interval; they then get the fetch in progress, or an empty Mono at once.
     */
    Mono<Void> refresh(boolean scheduled) {
        Mono<Void> running = inflight.get();
        if (running != null) {
            return running;
        }
        long now = clock.getAsLong();
        long last = lastAttempt;
        if (!scheduled && last != Long.MIN_VALUE && now - last < minIntervalMillis) {
            return Mono.empty();
        }
        Mono<Void> fetch = Mono.defer(() -> fetcher.apply(url))
                .doOnNext(this::accept)
                .doOnError(this::failed)
                .onErrorResume(error -> Mono.empty())
                .then()
                .doFinally(signal -> inflight.set(null))
                .cache();
        if (!inflight.compareAndSet(null, fetch)) {
            Mono<Void> other = inflight.get();
            return other != null ? other : Mono.empty();
        }
        lastAttempt = now;
        fetch.subscribe();
        return fetch;
    }

    private void accept(JWKSet fetched) {
        keys = fetched;
        if (failing) {
            failing = false;
            log.info("Fetched the JWK set at {} again ({} keys)", url, fetched.size());
        }
    }

    private void failed(Throwable error) {
        if (!failing) {
            failing = true;
            log.warn("Could not fetch the JWK set at {} ({}); keeping the {} keys fetched before", url,
                    error.toString(), keys.size());
        }
    }
}
