package dev.gatehouse.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidatorTests {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b/", "/a%2Fb", "/caf%C3%A9", "/.well-known/x", "/a/.../b", "/a..b",
            "/a/b.c", "//double", "/%7Euser", "/a;b=c"})
    void acceptsOrdinaryPaths(String path) {
        assertThat(PathValidator.isSafe(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.", "/..", "/a/./b", "/a/../b", "/a/..", "/%2e/b", "/%2E%2E/admin", "/.%2e/x",
            "/a/%2e%2E", "/a/..%2Fadmin", "/a/%2e%2e%2fadmin", "/a/..%5Cadmin", "/a/%", "/a/%2", "/a/%zz",
            "/a%00b", "relative", ""})
    void refusesDotSegmentsAndBadEscapes(String path) {
        assertThat(PathValidator.isSafe(path)).isFalse();
    }
}
