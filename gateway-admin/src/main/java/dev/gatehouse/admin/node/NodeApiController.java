package dev.gatehouse.admin.node;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for the node registry: {@code GET /api/v1/nodes}. */
@RestController
class NodeApiController {

    private final NodeService nodes;

    NodeApiController(NodeService nodes) {
        this.nodes = nodes;
    }

    @GetMapping("/api/v1/nodes")
    List<NodeView> list() {
        return nodes.list();
    }
}
