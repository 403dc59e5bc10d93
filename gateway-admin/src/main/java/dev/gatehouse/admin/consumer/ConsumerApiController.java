package dev.gatehouse.admin.consumer;

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
    ConsumerView get(@PathVariable String consumer) {
        return consumers.get(consumer);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ConsumerView> create(@RequestBody ConsumerRequest request) {
        ConsumerView created = consumers.create(request);
        return ResponseEntity.created(URI.create("/api/v1/consumers/" + created.id())).body(created);
    }

    @PutMapping(path = "/{consumer}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ConsumerView update(@PathVariable String consumer, @RequestBody ConsumerRequest request) {
        return consumers.update(consumer, request);
    }

    @PatchMapping(path = "/{consumer}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    ConsumerView patch(@PathVariable String consumer, @RequestBody ConsumerPatch patch) {
        return consumers.patch(consumer, patch);
    }

    @DeleteMapping("/{consumer}")
    ResponseEntity<Void> delete(@PathVariable String consumer) {
        consumers.delete(consumer);
        return ResponseEntity.noContent().build();
    }
}
