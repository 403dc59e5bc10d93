package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.Violation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteRequestMapperTests {

    private static final String ID = "3f0c7a9e-2b1d-4c5e-8f6a-0123456789ab";
    private static final String SERVICE_ID = "0f0c7a9e-2b1d-4c5e-8f6a-0123456789ab";

    private final RouteRequestMapper mapper = new RouteRequestMapper(new ConfigValidator());

    @Test
    void fillsDefaultsAndUsesTheServiceId() {
        RouteSpec spec = mapper.toSpec(ID, new RouteRequest("orders", "orders-svc", null, List.of("/orders"), null,
                null, null, null, null), SERVICE_ID);

        assertThat(spec).isEqualTo(new RouteSpec(ID, "orders", SERVICE_ID, List.of(), List.of("/orders"),
                PathMatch.PREFIX, List.of(), false, 0, true));
    }

    @Test
    void normalisesCase() {
        RouteSpec spec = mapper.toSpec(ID, new RouteRequest("orders", "orders-svc", List.of("API.Example.COM"),
                List.of("/Orders"), "EXACT", List.of("get", "Post"), true, 5, false), SERVICE_ID);

        assertThat(spec.hosts()).containsExactly("api.example.com");
        assertThat(spec.methods()).containsExactly("GET", "POST");
        assertThat(spec.paths()).containsExactly("/Orders");
        assertThat(spec.pathMatch()).isEqualTo(PathMatch.EXACT);
        assertThat(spec.stripPrefix()).isTrue();
        assertThat(spec.priority()).isEqualTo(5);
        assertThat(spec.enabled()).isFalse();
    }

    static List<Arguments> invalid() {
        return List.of(
                Arguments.of(request(null, "/a", null, null), SERVICE_ID, "name"),
                Arguments.of(request("r", "/a", null, null), null, "service"),
                Arguments.of(new RouteRequest("r", null, null, List.of("/a"), null, null, null, null, null),
                        SERVICE_ID, "service"),
                Arguments.of(request("r", "a", null, null), SERVICE_ID, "paths[0]"),
                Arguments.of(request("r", "/a/../b", null, null), SERVICE_ID, "paths[0]"),
                Arguments.of(new RouteRequest("r", "s", null, List.of(), null, null, null, null, null), SERVICE_ID,
                        "paths"),
                Arguments.of(new RouteRequest("r", "s", null, Arrays.asList("/a", null), null, null, null, null,
                        null), SERVICE_ID, "paths[1]"),
                Arguments.of(request("r", "/a", "regex", null), SERVICE_ID, "pathMatch"),
                Arguments.of(request("r", "/a", null, List.of("GET", "FETCH")), SERVICE_ID, "methods[1]"),
                Arguments.of(new RouteRequest("r", "s", List.of("bad host"), List.of("/a"), null, null, null, null,
                        null), SERVICE_ID, "hosts[0]"),
                Arguments.of(new RouteRequest("r", "s", null, List.of("/a"), null, null, null, 1_000_000, null),
                        SERVICE_ID, "priority")
        );
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void reportsTheFieldAsTheRequestNamesIt(RouteRequest request, String serviceId, String field) {
        assertThatThrownBy(() -> mapper.toSpec(ID, request, serviceId))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.violations()).extracting(Violation::field).contains(field));
    }

    @Test
    void unknownServiceIsOneViolationNamingIt() {
        assertThatThrownBy(() -> mapper.toSpec(ID, request("r", "/a", null, null), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("service");
                            assertThat(v.message()).contains("'s'");
                        }));
    }

    private static RouteRequest request(String name, String path, String pathMatch, List<String> methods) {
        return new RouteRequest(name, "s", null, List.of(path), pathMatch, methods, null, null, null);
    }
}
