package dev.gatehouse.config.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared rules for header names and methods (hosts and path prefixes: {@code ConfigValidatorTests}). */
class HttpValueTests {

    @ParameterizedTest
    @CsvSource({"X-Tenant,true,false", "x-api-key,true,false", "Host,true,true", "content-length,true,true",
            "Transfer-Encoding,true,true", "'bad header',false,false", "'',false,false", "X:Y,false,false",
            "Ä,false,false"})
    void headerNames(String name, boolean valid, boolean managed) {
        assertThat(HeaderName.isValid(name)).isEqualTo(valid);
        assertThat(HeaderName.isManaged(name)).isEqualTo(managed);
    }

    @Test
    void headerNamesCompareWithoutCaseAndRefuseWhatIsNone() {
        assertThat(new HeaderName("X-Tenant")).isEqualTo(new HeaderName("x-tenant"))
                .hasSameHashCodeAs(new HeaderName("X-TENANT"));
        assertThat(HeaderName.isValid("X".repeat(64))).isTrue();
        assertThat(HeaderName.isValid("X".repeat(65))).isFalse();
        assertThat(HeaderName.isValid(null)).isFalse();
        assertThatThrownBy(() -> new HeaderName("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'a b' must be a valid HTTP header name");
        assertThatThrownBy(() -> new HostName("bad_host")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PathPrefix("/a/../b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void methodsAreUpperCaseNamesListedInConsoleOrder() {
        assertThat(HttpMethod.names()).containsExactly("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
                "TRACE");
        assertThat(HttpMethod.problem("PATCH")).isNull();
        assertThat(HttpMethod.problem("get")).isEqualTo("must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, "
                + "TRACE");
        assertThat(HttpMethod.problem(null)).isNotNull();
    }
}
