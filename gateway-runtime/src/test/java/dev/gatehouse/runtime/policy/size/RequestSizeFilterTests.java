package dev.gatehouse.runtime.policy.size;

import static dev.gatehouse.runtime.policy.PolicyFixture.onConsumer;
import static dev.gatehouse.runtime.policy.PolicyFixture.onRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.policy.PolicyFixture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class RequestSizeFilterTests {

    private static final PolicyFixture FIXTURE = PolicyFixture.of(onRoute("size", new RequestSizePolicy(10)),
            onConsumer("acme-size", new RequestSizePolicy(1_000)));

    private final GatewayFilter filter = PolicyFixture.filterOf(new RequestSizeFilterFactory());
    /** Reads the whole body, as the routing filter would while sending it. */
    private final GatewayFilterChain upstream = exchange -> exchange.getRequest().getBody()
            .map(DataBuffer::readableByteCount).then();

    private static Flux<DataBuffer> chunks(String... parts) {
        return Flux.fromArray(parts).map(p -> DefaultDataBufferFactory.sharedInstance
                .wrap(p.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeForwarding() {
        GatewayFilterChain never = exchange -> {
            throw new AssertionError("forwarded");
        };
        assertThatThrownBy(() -> filter.filter(FIXTURE.exchange(MockServerHttpRequest.post("/orders")
                .contentLength(11)), never).block())
                .isInstanceOfSatisfying(GatewayProblem.class, p -> {
                    assertThat(p.status().value()).isEqualTo(413);
                    assertThat(p.code()).isEqualTo("request_too_large");
                });
        filter.filter(FIXTURE.exchange(MockServerHttpRequest.post("/orders").contentLength(10)
                .body(chunks("0123456789"))), upstream).block();
    }

    @Test
    void streamedBodiesAreCountedAndCutOffPastTheLimit() {
        filter.filter(FIXTURE.exchange(MockServerHttpRequest.post("/orders").body(chunks("01234", "56789"))),
                upstream).block();
        assertThatThrownBy(() -> filter.filter(FIXTURE.exchange(MockServerHttpRequest.post("/orders")
                .body(chunks("01234", "56789", "x"))), upstream).block())
                .isInstanceOfSatisfying(GatewayProblem.class, p -> assertThat(p.code()).isEqualTo("request_too_large"));
    }

    @Test
    void aRouteLevelLimitOutranksTheConsumersButAConsumerLimitAppliesWhereNoRouteLimitIs() {
        // route scope is more specific than consumer scope
        assertThatThrownBy(() -> filter.filter(FIXTURE.asAcme(FIXTURE.exchange(MockServerHttpRequest.post("/orders")
                .contentLength(11))), upstream).block()).isInstanceOf(GatewayProblem.class);

        PolicyFixture consumerOnly = PolicyFixture.of(onConsumer("acme-size", new RequestSizePolicy(10)));
        filter.filter(consumerOnly.exchange(MockServerHttpRequest.post("/orders").contentLength(500)
                .body(chunks("x".repeat(500)))), upstream).block();
        assertThatThrownBy(() -> filter.filter(consumerOnly.asAcme(consumerOnly.exchange(
                MockServerHttpRequest.post("/orders").contentLength(11))), upstream).block())
                .isInstanceOf(GatewayProblem.class);
    }
}
