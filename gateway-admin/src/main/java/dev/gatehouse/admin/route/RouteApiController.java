package dev.gatehouse.admin.route;

import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for routes: {@code /api/v1/routes}, addressed by id or name. */
@RestController
@RequestMapping("/api/v1/routes")
class RouteApiController {

    private final RouteService routes;

    RouteApiController(RouteService routes) {
        this.routes = routes;
    }

    @GetMapping
    List<RouteView> list() {
        return routes.list();
    }

    @GetMapping("/{idOrName}")
    RouteView get(@PathVariable String idOrName) {
        return routes.get(idOrName);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RouteView> create(@RequestBody RouteRequest request) {
        RouteView created = routes.create(request);
        return ResponseEntity.created(URI.create("/api/v1/routes/" + created.id())).body(created);
    }

    @PutMapping(path = "/{idOrName}", consumes = MediaType.APPLICATION_JSON_VALUE)
    RouteView update(@PathVariable String idOrName, @RequestBody RouteRequest request) {
        return routes.update(idOrName, request);
    }

    @DeleteMapping("/{idOrName}")
    ResponseEntity<Void> delete(@PathVariable String idOrName) {
        routes.delete(idOrName);
        return ResponseEntity.noContent().build();
    }
}
