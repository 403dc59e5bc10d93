package dev.gatehouse.runtime.calllog;

import java.time.Duration;

import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.runtime.GatehouseProperties;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Posts batches to {@link ClusterProtocol#CALLS_PATH} with the cluster token, on its own one-connection pool so
 * that neither proxy traffic nor the configuration stream competes with it. Called from the shipper thread only,
 * which may wait: it is never a request thread.
 */
final class AdminCallTransport implements CallTransport {

    private static final Logger log = LoggerFactory.getLogger(AdminCallTransport.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient client;
    private final String adminUrl;
    private volatile boolean failing;

    AdminCallTransport(GatehouseProperties properties) {
        this.adminUrl = properties.adminUrl().toString();
        HttpClient http = HttpClient.create(ConnectionProvider.builder("gatehouse-call-log").maxConnections(1).build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(adminUrl)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.clusterToken())
                .defaultHeader(ClusterProtocol.NODE_ID_HEADER, properties.nodeId())
                .build();
    }

    @Override
    public Outcome send(String batchId, byte[] gzip) {
        int status;
        try {
            Integer answered = client.post()
                    .uri(ClusterProtocol.CALLS_PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                    .bodyValue(gzip)
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                    .timeout(TIMEOUT)
                    .block();
            status = answered == null ? 0 : answered;
        } catch (RuntimeException e) {
            outage("failed: " + e.getMessage());
            return Outcome.FAILED;
        }
        if (status >= 200 && status < 300) {
            if (failing) {
                failing = false;
                log.info("Call logs reach the admin at {} again", adminUrl);
            }
            return Outcome.ACKNOWLEDGED;
        }
        if (status == 400 || status == 413 || status == 422) {
            log.error("The admin at {} refused call-log batch {} for good ({}); its records are dropped", adminUrl,
                    batchId, status);
            return Outcome.REJECTED;
        }
        outage("answered " + status);
        return Outcome.FAILED;
    }

    private void outage(String what) {
        // once per outage: while the admin is away this happens every retry
        if (!failing) {
            failing = true;
            log.warn("Shipping call logs to the admin at {} {}; spooling to disk and retrying", adminUrl, what);
        }
    }
}
