package dev.gatehouse.admin.node;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.publish.ClusterIdentity;
import dev.gatehouse.admin.publish.RevisionView;
import dev.gatehouse.admin.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The nodes page: which runtime nodes report in, whether they run the current configuration, and which refuse it
 * (with the way out: the right database, or a typed force restore on the page behind it, ADMINs only).
 */
@ConsoleController
class NodeConsoleController {

    private final NodeService nodes;
    private final ForceRestore restore;

    NodeConsoleController(NodeService nodes, ForceRestore restore) {
        this.nodes = nodes;
        this.restore = restore;
    }

    @GetMapping("/nodes")
    String list(@ModelAttribute(name = "currentRevision", binding = false) RevisionView current, Model model) {
        List<NodeView> all = nodes.list();
        model.addAttribute("nodes", all);
        model.addAttribute("counts", NodeCounts.of(all, current));
        model.addAttribute("refusing", all.stream().filter(NodeView::refusing).toList());
        model.addAttribute("cluster", restore.current());
        return "nodes/list";
    }

    /** The confirmation step of a force restore. */
    @GetMapping("/nodes/force-restore")
    String confirmRestore(Model model) {
        return restoreForm(model, new ForceRestoreRequest("", ""), Map.of());
    }

    @PostMapping("/nodes/force-restore")
    String forceRestore(@RequestParam(defaultValue = "") String confirm, @RequestParam(defaultValue = "") String reason,
                        Principal user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        ForceRestoreRequest request = new ForceRestoreRequest(confirm, reason);
        try {
            ClusterIdentity after = restore.restore(request, user == null ? "(unknown)" : user.getName());
            FlashMessage.success(redirect, "flash.cluster.restored", after.id(), after.epoch());
            return "redirect:/nodes";
        } catch (InvalidInputException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.merge(v.field(), v.message(), (a, b) -> a + "; " + b));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return restoreForm(model, request, errors);
        }
    }

    private String restoreForm(Model model, ForceRestoreRequest form, Map<String, String> errors) {
        List<NodeView> all = nodes.list();
        ClusterIdentity cluster = restore.current();
        model.addAttribute("cluster", cluster);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("nodeClusters", all.stream().map(NodeView::clusterId).filter(Objects::nonNull)
                .filter(id -> !id.equals(cluster.id())).distinct().sorted().toList());
        model.addAttribute("refusing", all.stream().filter(NodeView::refusing).toList());
        return "nodes/force-restore";
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
