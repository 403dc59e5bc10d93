package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.composite.Placement;
import dev.gatehouse.config.composite.StepField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The contract's reader takes exactly what was written: no duplicate keys, no coercion, lenient only by design. */
class ConfigJsonTests {

    private final ConfigJson json = new ConfigJson();

    private static final String ROUTE = """
            {"kind": "route", "id": "r1", "name": "orders", "serviceId": "s1", "paths": ["/orders"], "pathMatch": "prefix",
             "priority": 1, "enabled": true, "auth": "key"%s}""";

    @Test
    void readsWhatItWrote() {
        ServiceSpec service = new ServiceSpec("s1", "orders", Protocol.HTTP, List.of(new TargetSpec("h", 80, 100)),
                "/", 1_000, 2_000);
        assertThat(json.read(json.write(service), ServiceSpec.class)).isEqualTo(service);
        assertThat(json.read(ROUTE.formatted(""), RouteSpec.class).auth()).isEqualTo(AuthMode.KEY);
    }

    @Test
    void readsACompositeRouteAndAStepRecordWhole() {
        // each has an ignored isX() accessor whose property name is a component's: the component must survive
        RouteSpec composite = new RouteSpec("r2", "combined", null, List.of(), List.of("/combined"), null, List.of(),
                false, 0, true, AuthMode.NONE, List.of(), List.of(), null, null, new CompositeSpec(List.of(
                new CompositeStep("user", "s1", null, "/users/{path.1}", Map.of("id", "{query.id}"), Map.of(), false,
                        List.of(), 0, true, Placement.MERGE, List.of(new StepField("/id", "userId")))), 0, 0, 0));
        assertThat(json.read(json.write(composite), RouteSpec.class)).isEqualTo(composite);

        CallRecord step = new CallRecord(1, "n", "req", "r2", "combined", "s1", "users", null, null, null, "GET",
                "/users/1", 200, 10, 5, 0, 20, "127.0.0.1", null, "user", 3, null);
        assertThat(json.read(json.write(step), CallRecord.class)).isEqualTo(step);
    }

    @Test
    void aCompositeRouteReadsBackWithItsSteps() {
        CompositeStep step = new CompositeStep("price", "s1", null, "/prices/{path.1}",
                java.util.Map.of("seller", "{step.product/sellerId}"), null, false, List.of("product"), 500, true,
                Placement.MERGE, List.of(new StepField("/amount/value", "amount"), new StepField("/id", null)));
        RouteSpec route = new RouteSpec("r1", "page", null, null, List.of("/page"), null, null, false, 0, true,
                null, null, null, null, null, new CompositeSpec(List.of(step), 2_000, 0, 0));
        // The digest of what a node reads must equal that of what the admin wrote, or the content hash breaks.
        RouteSpec read = json.read(json.write(route), RouteSpec.class);
        assertThat(read).isEqualTo(route);
        assertThat(read.composite().step("price").fields()).hasSize(2);
        assertThat(json.writeString(read)).isEqualTo(json.writeString(route));
    }

    @Test
    void jacksonsDefaultWouldLetTheLastDuplicateWin() {
        // The hazard this class closes: a plain mapper reads the route as open to anyone.
        JsonMapper plain = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
        assertThat(plain.readValue(ROUTE.formatted(", \"auth\": \"none\""), RouteSpec.class).auth())
                .isEqualTo(AuthMode.NONE);
    }

    @Test
    void aDuplicateKeyIsRefusedNotLastOneWins() {
        // Without strict detection the second "auth" silently wins and the route needs no key.
        assertThatThrownBy(() -> json.read(ROUTE.formatted(", \"auth\": \"none\""), RouteSpec.class))
                .isInstanceOf(ConfigFormatException.class)
                .hasMessageContaining("auth");
        assertThatThrownBy(() -> json.read("{\"host\": \"h\", \"port\": 80, \"port\": 81}", TargetSpec.class))
                .isInstanceOf(ConfigFormatException.class);
    }

    @Test
    void aDuplicateKeyInANestedMapIsRefused() {
        assertThatThrownBy(() -> json.read("""
                {"nodeId": "n", "keysLastUsed": {"k": 1, "k": 2}}""", NodeHeartbeat.class))
                .isInstanceOf(ConfigFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"80.5", "80.0", "1e3", "\"80\"", "true", "[80]", "\"\""})
    void aWholeNumberMustBeAWholeNumber(String port) {
        assertThatThrownBy(() -> json.read("{\"host\": \"h\", \"port\": " + port + ", \"weight\": 1}",
                TargetSpec.class))
                .isInstanceOf(ConfigFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "1.5", "[\"h\"]"})
    void aStringMustBeAString(String host) {
        assertThatThrownBy(() -> json.read("{\"host\": " + host + ", \"port\": 80}", TargetSpec.class))
                .isInstanceOf(ConfigFormatException.class);
    }

    @Test
    void aScalarIsNotAList() {
        assertThatThrownBy(() -> json.read(ROUTE.formatted(", \"hosts\": \"api.example.com\""), RouteSpec.class))
                .isInstanceOf(ConfigFormatException.class)
                .hasMessageContaining("List");
    }

    @Test
    void aBooleanMustBeABoolean() {
        assertThatThrownBy(() -> json.read(ROUTE.formatted(", \"stripPrefix\": 1"), RouteSpec.class))
                .isInstanceOf(ConfigFormatException.class);
        assertThatThrownBy(() -> json.read(ROUTE.formatted(", \"stripPrefix\": \"true\""), RouteSpec.class))
                .isInstanceOf(ConfigFormatException.class);
    }

    @Test
    void anEnumIsNamedNotNumbered() {
        assertThatThrownBy(() -> json.read(ROUTE.formatted(", \"pathMatch\": 0"), RouteSpec.class))
                .isInstanceOf(ConfigFormatException.class);
    }

    @Test
    void trailingContentIsRefused() {
        assertThatThrownBy(() -> json.read("{\"host\": \"h\", \"port\": 80} {}", TargetSpec.class))
                .isInstanceOf(ConfigFormatException.class);
    }

    @Test
    void staysLenientWhereVersionsDiffer() {
        // A newer admin may send a field this node does not know; an older file may lack a newer number.
        TargetSpec target = json.read("{\"host\": \"h\", \"port\": 80, \"zone\": \"eu-1\"}", TargetSpec.class);
        assertThat(target.port()).isEqualTo(80);
        assertThat(target.weight()).isZero();
    }
}
