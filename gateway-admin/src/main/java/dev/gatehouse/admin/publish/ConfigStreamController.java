package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ClusterProtocol;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /cluster/v1/config/stream?revision=N&cluster=ID&epoch=E}: the server-sent configuration stream for
 * nodes; {@code cluster} and {@code epoch} (from nodes that know them) say which history the revision belongs to.
 */
@RestController
class ConfigStreamController {

    private final ConfigStream stream;

    ConfigStreamController(ConfigStream stream) {
        this.stream = stream;
    }

    @GetMapping(ClusterProtocol.STREAM_PATH)
    SseEmitter stream(@RequestParam(name = ClusterProtocol.REVISION_PARAM, defaultValue = "0") long revision,
                      @RequestParam(name = ClusterProtocol.CLUSTER_PARAM, required = false) String cluster,
                      @RequestParam(name = ClusterProtocol.EPOCH_PARAM, defaultValue = "0") long epoch,
                      @RequestHeader(name = ClusterProtocol.NODE_ID_HEADER, required = false) String nodeId) {
        return stream.open(nodeId, revision, cluster, epoch);
    }
}
