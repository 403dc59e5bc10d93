package dev.gatehouse.runtime.sync;

import java.time.Duration;

import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.NodeHeartbeat;
import dev.gatehouse.runtime.GatehouseProperties;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The node's side of the cluster API: the configuration event stream and heartbeats, both authenticated with the
 * cluster token and naming the node. Uses its own small connection pool so that proxy traffic cannot starve it.
 */
@Component
public class ClusterClient {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT_TYPE =
            new ParameterizedTypeReference<>() {
            };
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient client;
    private final ConfigJson json;
    private final String adminUrl;

    public ClusterClient(GatehouseProperties properties, ConfigJson json) {
        this.json = json;
        this.adminUrl = properties.adminUrl().toString();
        HttpClient http = HttpClient.create(ConnectionProvider.builder("gatehouse-cluster").maxConnections(4).build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(adminUrl)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.clusterToken())
                .defaultHeader(ClusterProtocol.NODE_ID_HEADER, properties.nodeId())
                // one SSE event may be a whole snapshot; Spring's default limit is 256 KB
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) Math.min(Integer.MAX_VALUE,
                        properties.maxEventSize().toBytes())))
                .build();
    }

    /** The admin's base URL, for log messages. */
    public String adminUrl() {
        return adminUrl;
    }

    /** Opens the configuration stream from {@code revision}; fails with {@link ClusterUnauthorizedException} on 401. */
    public Flux<ServerSentEvent<String>> stream(long revision) {
        return stream(revision, null, 0);
    }

    /**
     * Opens the configuration stream from {@code revision} of cluster {@code clusterId} at {@code epoch} (null: none
     * known), so that the admin sends a snapshot when the revision is not of its own history.
     */
    public Flux<ServerSentEvent<String>> stream(long revision, String clusterId, long epoch) {
        return client.get()
                .uri(uri -> {
                    uri.path(ClusterProtocol.STREAM_PATH).queryParam(ClusterProtocol.REVISION_PARAM, revision);
                    if (clusterId != null) {
                        uri.queryParam(ClusterProtocol.CLUSTER_PARAM, clusterId)
                                .queryParam(ClusterProtocol.EPOCH_PARAM, epoch);
                    }
                    return uri.build();
                })
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .onStatus(status -> status.value() == HttpStatus.UNAUTHORIZED.value(), this::unauthorized)
                .bodyToFlux(EVENT_TYPE);
    }

    /** Sends one heartbeat; fails with {@link ClusterUnauthorizedException} on 401. */
    public Mono<Void> heartbeat(NodeHeartbeat heartbeat) {
        return client.post()
                .uri(ClusterProtocol.HEARTBEAT_PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.write(heartbeat))
                .retrieve()
                .onStatus(status -> status.value() == HttpStatus.UNAUTHORIZED.value(), this::unauthorized)
                .toBodilessEntity()
                .timeout(HEARTBEAT_TIMEOUT)
                .then();
    }

    private Mono<Throwable> unauthorized(ClientResponse response) {
        return response.releaseBody().then(Mono.error(new ClusterUnauthorizedException(
                "the admin at " + adminUrl + " refused the cluster token (401)")));
    }
}
