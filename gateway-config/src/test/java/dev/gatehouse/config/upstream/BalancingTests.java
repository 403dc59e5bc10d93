package dev.gatehouse.config.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.Violations;
import dev.gatehouse.config.upstream.Balancing.Algorithm;
import dev.gatehouse.config.upstream.Balancing.HashOn;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancingTests {

    private final ConfigJson json = new ConfigJson();

    @Test
    void aServiceWithoutBalancingIsRoundRobinAndReadsBackWhole() {
        ServiceSpec plain = service(null);
        assertThat(plain.balancing()).isEqualTo(Balancing.ROUND_ROBIN);
        ServiceSpec hashed = service(Balancing.consistentHash(HashOn.HEADER, "X-User"));
        String written = json.writeString(hashed);
        assertThat(written).contains("\"algorithm\":\"consistent_hash\"", "\"hashOn\":\"header\"");
        assertThat(json.read(written, ServiceSpec.class)).isEqualTo(hashed);
        assertThat(json.read(json.write(plain), ServiceSpec.class)).isEqualTo(plain);
    }

    @Test
    void aServiceWrittenBeforeBalancingExistedReadsAsRoundRobin() {
        String old = "{\"kind\":\"service\",\"id\":\"s1\",\"name\":\"orders\",\"protocol\":\"http\","
                + "\"targets\":[{\"host\":\"h\",\"port\":80,\"weight\":100}],\"basePath\":\"\","
                + "\"connectTimeoutMs\":1000,\"responseTimeoutMs\":2000}";
        assertThat(json.read(old, ServiceSpec.class).balancing()).isEqualTo(Balancing.ROUND_ROBIN);
    }

    @Test
    void consistentHashDefaultsItsBound() {
        assertThat(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.CONSUMER, null, 0).boundedLoad())
                .isEqualTo(Balancing.DEFAULT_BOUNDED_LOAD);
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.CONSUMER, null, 0))).isEmpty();
        assertThat(problems(new Balancing(Algorithm.LEAST_REQUESTS, null, null, 0))).isEmpty();
        assertThat(problems(Balancing.consistentHash(HashOn.COOKIE, "session"))).isEmpty();
    }

    @Test
    void refusesFieldsThatDoNotFitTheAlgorithm() {
        assertThat(problems(new Balancing(Algorithm.ROUND_ROBIN, HashOn.HEADER, "X-A", 2)))
                .containsExactly("hashOn", "hashKey", "boundedLoad");
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, null, null, 1.25))).containsExactly("hashOn");
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.HEADER, null, 1.25)))
                .containsExactly("hashKey");
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.HEADER, "bad header", 1.25)))
                .containsExactly("hashKey");
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.COOKIE, "a;b", 1.25)))
                .containsExactly("hashKey");
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.CONSUMER, "X-A", 1.25)))
                .containsExactly("hashKey");
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.CLIENT_ADDRESS, null, 1.0)))
                .containsExactly("boundedLoad");
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.CLIENT_ADDRESS, null, 11)))
                .containsExactly("boundedLoad");
        assertThat(problems(new Balancing(Algorithm.CONSISTENT_HASH, HashOn.CLIENT_ADDRESS, null, Double.NaN)))
                .containsExactly("boundedLoad");
    }

    @Test
    void theValidatorReportsBalancingFieldsUnderTheirPath() {
        ServiceSpec bad = service(new Balancing(Algorithm.CONSISTENT_HASH, null, null, 0));
        assertThat(new ConfigValidator().validate(bad)).extracting(Violation::field)
                .containsExactly("balancing.hashOn");
    }

    private static List<String> problems(Balancing balancing) {
        Violations violations = new Violations();
        balancing.validate(violations);
        return violations.list().stream().map(Violation::field).toList();
    }

    private static ServiceSpec service(Balancing balancing) {
        return new ServiceSpec("s1", "orders", Protocol.HTTP, List.of(new TargetSpec("h", 80, 100)), "", 1_000,
                2_000, balancing);
    }
}
