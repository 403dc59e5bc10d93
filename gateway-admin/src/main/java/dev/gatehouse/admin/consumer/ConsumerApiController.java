package dev.gatehouse.admin.consumer;

import dev.gatehouse.admin.web.IfMatch;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST API for consumers: {@code /api/v1/consumers}, addressed by id or name. */
@RestController
@RequestMapping("/api/v1/consumers")
class ConsumerApiController {

    private final ConsumerService consumers;

    ConsumerApiController(ConsumerService consumers) {
        this.consumers = consumers;
    }

    @GetMapping
    List<ConsumerView> list(@RequestParam(required = false) String search,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) String group) {
        return consumers.list(new ConsumerQuery(search, status, group));
    }

    @GetMapping("/{consumer}")
    ResponseEntity<ConsumerView> get(@PathVariable String consumer) {
        return tagged(consumers.get(consumer));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ConsumerView> create(@RequestBody ConsumerRequest request) {
        ConsumerView created = consumers.create(request);
        return ResponseEntity.created(URI.create("/api/v1/consumers/" + created.id()))
                .eTag(IfMatch.etag(created.id(), created.version())).body(created);
    }

    @PutMapping(path = "/{consumer}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ConsumerView> update(@PathVariable String consumer,
                                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                        @RequestBody ConsumerRequest request) {
        return tagged(consumers.update(consumer, request, IfMatch.parse(ifMatch)));
    }

    @PatchMapping(path = "/{consumer}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    ResponseEntity<ConsumerView> patch(@PathVariable String consumer,
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                       @RequestBody ConsumerPatch patch) {
        return tagged(consumers.patch(consumer, patch, IfMatch.parse(ifMatch)));
    }

    @DeleteMapping("/{consumer}")
    ResponseEntity<Void> delete(@PathVariable String consumer,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        consumers.delete(consumer, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ConsumerView> tagged(ConsumerView consumer) {
        return ResponseEntity.ok().eTag(IfMatch.etag(consumer.id(), consumer.version())).body(consumer);
    }
}
