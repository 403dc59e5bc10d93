package dev.gatehouse.runtime;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of a runtime node, bound from {@code gatehouse.*} (environment variables {@code GATEHOUSE_*}).
 *
 * @param adminUrl          base URL of the admin's cluster API ({@code GATEHOUSE_ADMIN_URL})
 * @param clusterToken      shared secret the admin expects from nodes ({@code GATEHOUSE_CLUSTER_TOKEN}); required
 * @param nodeId            stable node id ({@code GATEHOUSE_NODE_ID}); defaults to the host name
 * @param nodeDataDir       where the last known good configuration is kept ({@code GATEHOUSE_NODE_DATA_DIR});
 *                          defaults to {@code ./.gatehouse/node-<id>}
 * @param nodeAddress       {@code host:port} the admin shows for this node ({@code GATEHOUSE_NODE_ADDRESS});
 *                          empty means host name and the proxy port actually bound
 * @param version           Gatehouse version reported in heartbeats
 * @param heartbeatInterval time between heartbeats
 * @param reconnectMaxDelay longest wait between attempts to reach the admin
 * @param maxEventSize      largest configuration event accepted from the admin (a snapshot is one event)
 * @param lkgWriteInterval  shortest time between two writes of the last known good file (default 5 s); with a
 *                          million keys the file is about 80 MB, so changes arriving faster are coalesced
 */
@Validated
@ConfigurationProperties("gatehouse")
public record GatehouseProperties(
        @NotNull URI adminUrl,
        @NotBlank(message = "is required: set GATEHOUSE_CLUSTER_TOKEN to the cluster token configured on the admin")
        String clusterToken,
        String nodeId,
        Path nodeDataDir,
        String nodeAddress,
        String version,
        Duration heartbeatInterval,
        Duration reconnectMaxDelay,
        DataSize maxEventSize,
        Duration lkgWriteInterval) {

    public GatehouseProperties {
        adminUrl = adminUrl == null ? URI.create("http://127.0.0.1:8000") : adminUrl;
        if (!"http".equalsIgnoreCase(adminUrl.getScheme()) && !"https".equalsIgnoreCase(adminUrl.getScheme())
                || adminUrl.getHost() == null) {
            throw new IllegalArgumentException("GATEHOUSE_ADMIN_URL must be an http(s) URL such as "
                    + "http://127.0.0.1:8000, not '" + adminUrl + "'");
        }
        if (adminUrl.toString().endsWith("/")) {
            // the cluster paths are appended to it and start with '/'
            String text = adminUrl.toString();
            adminUrl = URI.create(text.substring(0, text.length() - 1));
        }
        nodeId = StringUtils.hasText(nodeId) ? nodeId.trim() : hostName();
        nodeDataDir = nodeDataDir == null || nodeDataDir.toString().isBlank()
                ? Path.of(".gatehouse", "node-" + nodeId) : nodeDataDir;
        nodeAddress = nodeAddress == null ? "" : nodeAddress.trim();
        version = StringUtils.hasText(version) ? version : "unknown";
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
        reconnectMaxDelay = reconnectMaxDelay == null ? Duration.ofSeconds(10) : reconnectMaxDelay;
        maxEventSize = maxEventSize == null ? DataSize.ofMegabytes(64) : maxEventSize;
        lkgWriteInterval = lkgWriteInterval == null ? Duration.ofSeconds(5) : lkgWriteInterval;
    }

    /** The local host name, or {@code localhost} when the resolver cannot tell. */
    public static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (StringUtils.hasText(fromEnv)) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
