package dev.gatehouse.admin.apikey;

import java.net.URI;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for a consumer's API keys: {@code /api/v1/consumers/{consumer}/keys}. Bodies of issue and rotate are
 * optional. Their answers carry the key itself and are marked {@code Cache-Control: no-store} so that no cache
 * keeps it.
 */
@RestController
@RequestMapping("/api/v1/consumers/{consumer}/keys")
class ApiKeyApiController {

    private final ApiKeyService keys;

    ApiKeyApiController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    List<ApiKeyView> list(@PathVariable String consumer) {
        return keys.list(consumer);
    }

    @GetMapping("/{id}")
    ApiKeyView get(@PathVariable String consumer, @PathVariable String id) {
        return keys.get(consumer, id);
    }

    @PostMapping
    ResponseEntity<IssuedKey> issue(@PathVariable String consumer,
                                    @RequestBody(required = false) IssueKeyRequest request) {
        return created(consumer, keys.issue(consumer, request));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String consumer, @PathVariable String id) {
        keys.revoke(consumer, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate")
    ResponseEntity<IssuedKey> rotate(@PathVariable String consumer, @PathVariable String id,
                                     @RequestBody(required = false) RotateKeyRequest request) {
        return created(consumer, keys.rotate(consumer, id, request));
    }

    private static ResponseEntity<IssuedKey> created(String consumer, IssuedKey key) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/consumers/" + consumer + "/keys/" + key.id()))
                .cacheControl(CacheControl.noStore())
                .body(key);
    }
}
