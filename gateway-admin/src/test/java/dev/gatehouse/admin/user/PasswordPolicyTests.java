package dev.gatehouse.admin.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The console password rule. */
class PasswordPolicyTests {

    @ParameterizedTest(name = "[{0}] for {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "none, ann, is required",
            "'', ann, is required",
            "elevenchars, ann, must have at least 12 characters",
            "twelve-chars, ann, none",
            "Long-Username, long-username, must not be the user name",
            "ääääääääääääääääääääääääääääääääääääää, ann, must have at most 72 bytes",
    })
    void checks(String password, String username, String expected) {
        assertThat(PasswordPolicy.check("password", password, username).map(v -> v.message()).orElse(null))
                .isEqualTo(expected);
    }
}
