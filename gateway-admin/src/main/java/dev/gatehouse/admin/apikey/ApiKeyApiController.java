package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.web.IfMatch;
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
import org.springframework.web.bind.annotation.RequestHeader;
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
    ResponseEntity<ApiKeyView> get(@PathVariable String consumer, @PathVariable String id) {
        ApiKeyView key = keys.get(consumer, id);
        return ResponseEntity.ok().eTag(IfMatch.etag(key.id(), key.version())).body(key);
    }

    @PostMapping
    ResponseEntity<IssuedKey> issue(@PathVariable String consumer,
                                    @RequestBody(required = false) IssueKeyRequest request) {
        return created(consumer, keys.issue(consumer, request));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String consumer, @PathVariable String id,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        keys.revoke(consumer, id, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate")
    ResponseEntity<IssuedKey> rotate(@PathVariable String consumer, @PathVariable String id,
                                     @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                     @RequestBody(required = false) RotateKeyRequest request) {
        return created(consumer, keys.rotate(consumer, id, request, IfMatch.parse(ifMatch)));
    }

    private static ResponseEntity<IssuedKey> created(String consumer, IssuedKey key) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/consumers/" + consumer + "/keys/" + key.id()))
                .cacheControl(CacheControl.noStore())
                .eTag(IfMatch.etag(key.id(), 0)) // a new key's first version
                .body(key);
    }
}
