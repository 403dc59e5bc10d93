package dev.gatehouse.runtime.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import io.netty.channel.ChannelOption;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The JWK sets that routes name by URL ({@code jwt.jwksUrl}), one {@link RemoteJwks} per URL shared by every route
 * that names it. A set is fetched when a configuration first names its URL, again every
 * {@code gatehouse.auth.jwks.refresh-interval}, and when a token names a key id the set does not hold (at most once
 * per {@code min-refresh-interval}). Fetches use WebClient on a small pool of their own: never a blocking call.
 */
@Component
public class JwksCache implements SmartLifecycle {

    private final AuthProperties.Jwks settings;
    private final WebClient client;
    private final ConcurrentHashMap<String, RemoteJwks> sources = new ConcurrentHashMap<>();
    private volatile Disposable refresher;

    public JwksCache(AuthProperties properties) {
        this.settings = properties.jwks();
        HttpClient http = HttpClient.create(ConnectionProvider.builder("gatehouse-jwks").maxConnections(8).build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
                .responseTimeout(settings.timeout());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(settings.maxSize()))
                .build();
    }

    /** The cached set behind {@code url}; the first call starts fetching it. */
    RemoteJwks source(String url) {
        RemoteJwks known = sources.get(url);
        if (known != null) {
            return known;
        }
        RemoteJwks created = new RemoteJwks(url, this::fetch, settings.minRefreshInterval().toMillis(),
                System::currentTimeMillis);
        RemoteJwks raced = sources.putIfAbsent(url, created);
        if (raced != null) {
            return raced;
        }
        created.refresh(true);
        return created;
    }

    /** Forgets the sets of URLs no route names any more. */
    public void retainOnly(Set<String> urls) {
        sources.keySet().retainAll(urls);
    }

    private Mono<JWKSet> fetch(String url) {
        return client.get()
                .uri(URI.create(url))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(settings.timeout())
                // only public keys count: a JWKS URL that also served a shared secret must not enable HS256
                .flatMap(body -> Mono.fromCallable(() -> JWKSet.parse(body).toPublicJWKSet()));
    }

    @Override
    public synchronized void start() {
        Duration every = settings.refreshInterval();
        refresher = Flux.interval(every, every)
                .subscribe(tick -> sources.values().forEach(source -> source.refresh(true)));
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.dispose();
            refresher = null;
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
