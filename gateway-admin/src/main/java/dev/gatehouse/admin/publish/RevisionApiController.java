package dev.gatehouse.admin.publish;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/config/revision}: the current revision and content hash. */
@RestController
class RevisionApiController {

    private final RevisionService revisions;

    RevisionApiController(RevisionService revisions) {
        this.revisions = revisions;
    }

    @GetMapping("/api/v1/config/revision")
    RevisionView current() {
        return revisions.current();
    }
}
