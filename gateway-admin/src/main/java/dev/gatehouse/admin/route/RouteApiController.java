package dev.gatehouse.admin.route;

import dev.gatehouse.admin.web.IfMatch;
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
import org.springframework.web.bind.annotation.RequestHeader;
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
    ResponseEntity<RouteView> get(@PathVariable String idOrName) {
        return tagged(routes.get(idOrName));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RouteView> create(@RequestBody RouteRequest request) {
        RouteView created = routes.create(request);
        return ResponseEntity.created(URI.create("/api/v1/routes/" + created.id()))
                .eTag(IfMatch.etag(created.id(), created.version())).body(created);
    }

    @PutMapping(path = "/{idOrName}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RouteView> update(@PathVariable String idOrName,
                                     @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                     @RequestBody RouteRequest request) {
        return tagged(routes.update(idOrName, request, IfMatch.parse(ifMatch)));
    }

    @DeleteMapping("/{idOrName}")
    ResponseEntity<Void> delete(@PathVariable String idOrName,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        routes.delete(idOrName, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<RouteView> tagged(RouteView route) {
        return ResponseEntity.ok().eTag(IfMatch.etag(route.id(), route.version())).body(route);
    }
}
