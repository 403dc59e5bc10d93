package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenTests {

    @Test
    void digestIsLowerCaseHexSha256() {
        assertThat(TokenDigest.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void generatedTokensCarryTheirPrefixAndDiffer() {
        String a = TokenDigest.generate(ApiTokenService.PREFIX);
        String b = TokenDigest.generate(ApiTokenService.PREFIX);
        assertThat(a).startsWith("gha_").hasSizeGreaterThan(40).isNotEqualTo(b);
        assertThat(TokenDigest.generate(ClusterCredentials.PREFIX)).startsWith("ghc_");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(nullValues = "null", value = {
            "Bearer abc, abc",
            "bearer abc, abc",
            "Bearer   abc  , abc",
            "Basic abc, null",
            "Bearer, null",
            "'Bearer ', null",
            "null, null",
            "Bearerabc, null"})
    void readsTheBearerToken(String header, String token) {
        assertThat(BearerTokenFilter.bearer(header)).isEqualTo(token);
    }
}
