package dev.gatehouse.admin.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.config.TargetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service entity against the real schema: targets keep their order in {@code service_targets.position}
 * as the list grows and shrinks, and a refused delete leaves entity rows and revision untouched.
 */
@AdminIntegrationTest
class ServiceStorageIntegrationTests {

    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;
    @Autowired
    RevisionService revisions;

    @Test
    void targetsKeepTheirOrderAsTheListGrowsAndShrinks() throws Exception {
        String name = "order-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceView created = services.create(request(name, target("c", 3), target("a", 1), target("b", 2)));
        assertThat(services.get(created.id()).targets())
                .containsExactly(new TargetSpec("c", 3, 5), new TargetSpec("a", 1, 5), new TargetSpec("b", 2, 5));

        services.update(created.id(), request(null, target("b", 2)));
        assertThat(services.get(created.id()).targets()).containsExactly(new TargetSpec("b", 2, 5));
        assertThat(rows(created.id())).containsExactly("0:b:2");

        services.update(created.id(), request(null, target("d", 4), target("b", 2), target("e", 5)));
        assertThat(services.get(name).targets()).extracting(TargetSpec::host).containsExactly("d", "b", "e");
        assertThat(rows(created.id())).containsExactly("0:d:4", "1:b:2", "2:e:5");
    }

    @Test
    void refusedDeleteOfAServiceInUseChangesNothing() throws Exception {
        String name = "used-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceView service = services.create(request(name, target("a", 1)));
        routes.create(new RouteRequest(name + "-route", name, null, List.of("/used"), null, null, null, null,
                null, null, null, null, null, null));
        long revision = revisions.current().revision();
        String fingerprint = AdminApi.fingerprint();

        assertThatThrownBy(() -> services.delete(service.id()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ConflictException.IN_USE);
                    assertThat(e.getMessage()).contains("route " + name + "-route");
                });

        assertThat(revisions.current().revision()).isEqualTo(revision);
        assertThat(AdminApi.fingerprint()).isEqualTo(fingerprint);
    }

    private static TargetRequest target(String host, int port) {
        return new TargetRequest(host, port, 5);
    }

    private static ServiceRequest request(String name, TargetRequest... targets) {
        return new ServiceRequest(name, List.of(targets), null, null, null, null);
    }

    private static List<String> rows(String serviceId) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.get().open();
             PreparedStatement s = c.prepareStatement("SELECT position, host, port FROM service_targets"
                     + " WHERE service_id = ? ORDER BY position")) {
            s.setObject(1, UUID.fromString(serviceId));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getInt(3));
                }
            }
        }
        return rows;
    }
}
