package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The route entity against the real schema: the {@code text[]} columns round-trip through Hibernate's array
 * mapping (including characters that are special in PostgreSQL array literals) and are stored as real arrays.
 */
@AdminIntegrationTest
class RouteStorageIntegrationTests {

    @Autowired
    RouteService routes;
    @Autowired
    UpstreamService services;

    @Test
    void arrayColumnsRoundTripAndAreStoredAsTextArrays() throws Exception {
        ServiceView service = services.create(new ServiceRequest(unique("arrays-svc"),
                List.of(new TargetRequest("127.0.0.1", 9000, null)), null, null, null, null));
        List<String> paths = List.of("/a,b", "/c%3Bd('e')", "/plain");
        RouteView created = routes.create(new RouteRequest(unique("arrays"), service.name(),
                List.of("API.example.com", "*.example.org"), paths, null, List.of("get", "POST"), null, null, null,
                null, null, null, null, null));

        // Read in a transaction of its own, so from the database rather than the writer's persistence context.
        RouteView read = routes.get(created.id());
        assertThat(read.hosts()).containsExactly("api.example.com", "*.example.org");
        assertThat(read.paths()).containsExactlyElementsOf(paths);
        assertThat(read.methods()).containsExactly("GET", "POST");
        assertThat(read.service()).isEqualTo(service.name());
        assertThat(routes.specs()).anySatisfy(spec -> assertThat(spec.paths()).containsExactlyElementsOf(paths));

        try (Connection c = TestDatabase.get().open();
             PreparedStatement s = c.prepareStatement("SELECT hosts, paths, methods, pg_typeof(paths)::text"
                     + " FROM routes WHERE id = ?")) {
            s.setObject(1, UUID.fromString(created.id()));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat((String[]) rs.getArray("hosts").getArray())
                        .containsExactly("api.example.com", "*.example.org");
                assertThat(Arrays.asList((String[]) rs.getArray("paths").getArray())).isEqualTo(paths);
                assertThat((String[]) rs.getArray("methods").getArray()).containsExactly("GET", "POST");
                assertThat(rs.getString(4)).isEqualTo("text[]");
            }
        }
    }

    @Test
    void emptyArraysStayEmptyAndUpdatesReplaceThem() {
        ServiceView service = services.create(new ServiceRequest(unique("arrays-svc"),
                List.of(new TargetRequest("127.0.0.1", 9000, null)), null, null, null, null));
        RouteView created = routes.create(new RouteRequest(unique("empty"), service.id(), null, List.of("/x"),
                null, null, null, null, null, null, null, null, null, null));
        assertThat(routes.get(created.id()).hosts()).isEmpty();
        assertThat(routes.get(created.id()).methods()).isEmpty();

        routes.update(created.id(), new RouteRequest(null, service.id(), List.of("a.example.com"),
                List.of("/y", "/z"), "exact", List.of("DELETE"), true, 5, false, null, null, null, null, null));

        RouteView read = routes.get(created.id());
        assertThat(read.name()).isEqualTo(created.name());
        assertThat(read.hosts()).containsExactly("a.example.com");
        assertThat(read.paths()).containsExactly("/y", "/z");
        assertThat(read.methods()).containsExactly("DELETE");
        assertThat(read.pathMatch()).isEqualTo("exact");
        assertThat(read.stripPrefix()).isTrue();
        assertThat(read.priority()).isEqualTo(5);
        assertThat(read.enabled()).isFalse();
        assertThat(read.createdAt()).isEqualTo(created.createdAt());
        assertThat(read.updatedAt()).isAfterOrEqualTo(created.updatedAt());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
