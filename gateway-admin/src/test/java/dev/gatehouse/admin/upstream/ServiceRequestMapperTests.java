package dev.gatehouse.admin.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.Violation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceRequestMapperTests {

    private static final String ID = "3f0c7a9e-2b1d-4c5e-8f6a-0123456789ab";

    private final ServiceRequestMapper mapper = new ServiceRequestMapper(new ConfigValidator());

    @Test
    void fillsDefaults() {
        ServiceSpec spec = mapper.toSpec(ID, new ServiceRequest("orders",
                List.of(new TargetRequest("orders.internal", 8080, null)), null, null, null, null));

        assertThat(spec).isEqualTo(new ServiceSpec(ID, "orders", Protocol.HTTP,
                List.of(new TargetSpec("orders.internal", 8080, TargetSpec.DEFAULT_WEIGHT)), "",
                ServiceSpec.DEFAULT_CONNECT_TIMEOUT_MS, ServiceSpec.DEFAULT_RESPONSE_TIMEOUT_MS));
        assertThat(spec.connectTimeoutMs()).isEqualTo(2000);
        assertThat(spec.responseTimeoutMs()).isEqualTo(30000);
        assertThat(spec.targets().get(0).weight()).isEqualTo(100);
    }

    @Test
    void keepsEveryGivenValue() {
        ServiceSpec spec = mapper.toSpec(ID, new ServiceRequest("orders",
                List.of(new TargetRequest("10.0.0.1", 443, 7), new TargetRequest("10.0.0.2", 443, 3)), "HTTPS",
                "/v1", 100, 200));

        assertThat(spec.protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(spec.basePath()).isEqualTo("/v1");
        assertThat(spec.targets()).extracting(TargetSpec::weight).containsExactly(7, 3);
        assertThat(spec.connectTimeoutMs()).isEqualTo(100);
        assertThat(spec.responseTimeoutMs()).isEqualTo(200);
    }

    static List<Arguments> invalid() {
        return List.of(
                Arguments.of(new ServiceRequest(null, List.of(target()), null, null, null, null), "name"),
                Arguments.of(new ServiceRequest("a b", List.of(target()), null, null, null, null), "name"),
                Arguments.of(new ServiceRequest("x", null, null, null, null, null), "targets"),
                Arguments.of(new ServiceRequest("x", List.of(new TargetRequest(null, 80, null)), null, null, null,
                        null), "targets[0].host"),
                Arguments.of(new ServiceRequest("x", List.of(new TargetRequest("h", null, null)), null, null, null,
                        null), "targets[0].port"),
                Arguments.of(new ServiceRequest("x", List.of(new TargetRequest("h", 0, null)), null, null, null,
                        null), "targets[0].port"),
                Arguments.of(new ServiceRequest("x", List.of(new TargetRequest("h", 80, 0)), null, null, null,
                        null), "targets[0].weight"),
                Arguments.of(new ServiceRequest("x", Arrays.asList(target(), null), null, null, null, null),
                        "targets[1]"),
                Arguments.of(new ServiceRequest("x", List.of(target(), target()), null, null, null, null),
                        "targets[1]"),
                Arguments.of(new ServiceRequest("x", List.of(target()), "ftp", null, null, null), "protocol"),
                Arguments.of(new ServiceRequest("x", List.of(target()), null, "v1", null, null), "basePath"),
                Arguments.of(new ServiceRequest("x", List.of(target()), null, null, 0, null), "connectTimeoutMs"),
                Arguments.of(new ServiceRequest("x", List.of(target()), null, null, null, -1), "responseTimeoutMs")
        );
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void reportsTheFieldAsTheRequestNamesIt(ServiceRequest request, String field) {
        assertThatThrownBy(() -> mapper.toSpec(ID, request))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.violations()).extracting(Violation::field).contains(field));
    }

    @Test
    void reportsEachFieldOnceAndAllFieldsTogether() {
        InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() ->
                mapper.toSpec(ID, new ServiceRequest("", List.of(new TargetRequest(null, null, null)), "ftp",
                        null, null, null)));

        assertThat(e.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("protocol", "targets[0].host", "targets[0].port", "name");
    }

    private static TargetRequest target() {
        return new TargetRequest("h", 80, null);
    }

    @Test
    void refusedTargetsAreReportedOnTheirHostOnceTheRowIsOtherwiseValid() {
        ServiceRequestMapper guarded = new ServiceRequestMapper(new ConfigValidator(),
                target -> target.host().startsWith("169.254.") ? java.util.Optional.of("no") : java.util.Optional.empty());
        assertThatThrownBy(() -> guarded.toSpec(ID, new ServiceRequest("x", List.of(
                new TargetRequest("10.0.0.1", 80, null), new TargetRequest("169.254.169.254", 80, null),
                new TargetRequest("169.254.1.1", 0, null)), null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .containsExactlyInAnyOrder(new Violation("targets[1].host", "is never proxied to: no"),
                                new Violation("targets[2].port", "must be between 1 and 65535")));
    }
}
