package dev.gatehouse.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class ProblemMapperTests {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void gatewayProblemsPassThrough() {
        assertThat(mapper.map(GatewayProblem.noRoute()).code()).isEqualTo("no_route");
        assertThat(mapper.map(GatewayProblem.notReady()).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(mapper.map(GatewayProblem.invalidPath()).status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void responseTimeoutWrappedBySpringCloudGatewayIs504() {
        Throwable scg = new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer",
                new TimeoutException("Response took longer than timeout: PT0.5S"));
        GatewayProblem problem = mapper.map(scg);
        assertThat(problem.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(problem.code()).isEqualTo("upstream_timeout");
    }

    @Test
    void connectTimeoutIs504AndRefusedConnectionIs502() {
        assertThat(mapper.map(new ConnectTimeoutException("connection timed out")).code())
                .isEqualTo("upstream_timeout");
        GatewayProblem refused = mapper.map(new IOException("wrapped", new ConnectException("Connection refused")));
        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(refused.code()).isEqualTo("upstream_unavailable");
        assertThat(mapper.map(new UnknownHostException("nowhere")).code()).isEqualTo("upstream_unavailable");
    }

    @Test
    void connectionResetByTheUpstreamIs502NotAnInternalError() {
        // what NIO reports when a pooled connection the upstream closed is reused (epoll's NativeIoException is
        // covered through a node in PolicyIntegrationTests)
        GatewayProblem reset = mapper.map(new IOException("wrapped", new SocketException("Connection reset")));
        assertThat(reset.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(reset.code()).isEqualTo("upstream_unavailable");
    }

    @Test
    void clientErrorsKeepTheirStatus() {
        GatewayProblem tooLarge = mapper.map(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE));
        assertThat(tooLarge.status().value()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("request_too_large");
    }

    @Test
    void unknownFailuresAre500WithoutTheirMessage() {
        GatewayProblem problem = mapper.map(new IllegalStateException("secret internals at line 42"));
        assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem.code()).isEqualTo("internal_error");
        assertThat(problem.detail()).doesNotContain("secret");
    }
}
