package dev.gatehouse.admin.node;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigFormatException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.NodeHeartbeat;
import dev.gatehouse.config.Violation;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /cluster/v1/heartbeat}: nodes report what they serve. The body is read with the contract's
 * lenient {@link ConfigJson}, not the API's strict mapper, so a newer node with extra fields is still heard.
 */
@RestController
class HeartbeatController {

    private final NodeService nodes;
    private final ConfigJson json;

    HeartbeatController(NodeService nodes, ConfigJson json) {
        this.nodes = nodes;
        this.json = json;
    }

    @PostMapping(ClusterProtocol.HEARTBEAT_PATH)
    ResponseEntity<Void> heartbeat(@RequestBody byte[] body,
                                   @RequestHeader(name = ClusterProtocol.NODE_ID_HEADER, required = false)
                                   String nodeIdHeader) {
        NodeHeartbeat heartbeat;
        try {
            heartbeat = json.read(body, NodeHeartbeat.class);
        } catch (ConfigFormatException e) {
            throw new InvalidInputException(List.of(new Violation("(body)", e.getMessage())));
        }
        if (heartbeat == null) {
            throw new InvalidInputException(List.of(new Violation("(body)", "is required")));
        }
        if (nodeIdHeader != null && heartbeat.nodeId() != null && !nodeIdHeader.equals(heartbeat.nodeId())) {
            throw new InvalidInputException(List.of(new Violation("nodeId",
                    "differs from the " + ClusterProtocol.NODE_ID_HEADER + " header")));
        }
        nodes.heartbeat(heartbeat);
        return ResponseEntity.noContent().build();
    }
}
