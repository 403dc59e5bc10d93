package dev.gatehouse.admin.node;

import dev.gatehouse.admin.publish.ClusterIdentity;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for the cluster identity: {@code GET /api/v1/cluster} (readers) and
 * {@code POST /api/v1/cluster/force-restore} (ADMIN role only, see {@link ForceRestore}).
 */
@RestController
class ClusterApiController {

    /** The force-restore endpoint; the security configuration lets only ADMINs call it. */
    static final String FORCE_RESTORE_PATH = "/api/v1/cluster/force-restore";

    private final ForceRestore restore;

    ClusterApiController(ForceRestore restore) {
        this.restore = restore;
    }

    @GetMapping("/api/v1/cluster")
    ClusterIdentity current() {
        return restore.current();
    }

    @PostMapping(FORCE_RESTORE_PATH)
    ClusterIdentity forceRestore(@RequestBody ForceRestoreRequest request, Principal user) {
        return restore.restore(request, user == null ? "(unknown)" : user.getName());
    }
}
