package dev.gatehouse.admin.node;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.publish.RevisionView;
import java.util.List;
import java.util.Objects;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The nodes page: which runtime nodes report in and whether they run the current configuration. */
@ConsoleController
class NodeConsoleController {

    private final NodeService nodes;

    NodeConsoleController(NodeService nodes) {
        this.nodes = nodes;
    }

    @GetMapping("/nodes")
    String list(@ModelAttribute(name = "currentRevision", binding = false) RevisionView current, Model model) {
        List<NodeView> all = nodes.list();
        model.addAttribute("nodes", all);
        model.addAttribute("counts", NodeCounts.of(all, current));
        return "nodes/list";
    }

    /**
     * Figures for the summary strip.
     *
     * @param connected    nodes with a recent heartbeat
     * @param stale        nodes whose heartbeat is late
     * @param disconnected nodes that stopped reporting
     * @param behind       nodes not running the current revision and hash
     */
    record NodeCounts(long connected, long stale, long disconnected, long behind) {

        static NodeCounts of(List<NodeView> nodes, RevisionView current) {
            long behind = current == null ? 0 : nodes.stream()
                    .filter(n -> n.appliedRevision() != current.revision()
                            || !Objects.equals(n.configHash(), current.hash()))
                    .count();
            return new NodeCounts(count(nodes, "connected"), count(nodes, "stale"), count(nodes, "disconnected"),
                    behind);
        }

        private static long count(List<NodeView> nodes, String status) {
            return nodes.stream().filter(n -> status.equals(n.status())).count();
        }
    }
}
