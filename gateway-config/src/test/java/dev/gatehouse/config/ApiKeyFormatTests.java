package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTests {

    private static final String SECRET = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

    @Test
    void generatedKeysAreWellFormedAndDistinct() {
        SecureRandom random = new SecureRandom();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeyFormat.generate(random);
            assertThat(key).startsWith("gwk_").hasSize(ApiKeyFormat.LENGTH);
            assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void mistypedKeysFailTheChecksum() {
        String key = ApiKeyFormat.generate(new SecureRandom());
        char c = key.charAt(10);
        String typo = key.substring(0, 10) + (c == 'a' ? 'b' : 'a') + key.substring(11);
        assertThat(ApiKeyFormat.isWellFormed(typo)).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key + "x")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed("ghp_" + key.substring(4))).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(null)).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key.substring(0, 20) + "é" + key.substring(21))).isFalse();
    }

    @Test
    void everyChecksumCharacterCounts() {
        SecureRandom random = new SecureRandom();
        for (int k = 0; k < 200; k++) {
            String key = ApiKeyFormat.generate(random);
            for (int i = ApiKeyFormat.LENGTH - 6; i < ApiKeyFormat.LENGTH; i++) {
                char c = key.charAt(i);
                String changed = key.substring(0, i) + (c == '0' ? '1' : '0') + key.substring(i + 1);
                assertThat(ApiKeyFormat.isWellFormed(changed)).as(changed).isFalse();
            }
        }
    }

    @Test
    void displayPrefixIsTypePlusEightCharacters() {
        String key = ApiKeyFormat.generate(new SecureRandom());
        assertThat(ApiKeyFormat.displayPrefix(key)).hasSize(12).isEqualTo(key.substring(0, 12));
    }

    @Test
    void hashIsKeyedAndStable() {
        String key = ApiKeyFormat.generate(new SecureRandom());
        ApiKeyHasher one = new ApiKeyHasher(SECRET);
        byte[] other = new byte[32];
        other[0] = 1;
        ApiKeyHasher two = new ApiKeyHasher(Base64.getUrlEncoder().withoutPadding().encodeToString(other));
        assertThat(one.hashToString(key)).hasSize(43).isEqualTo(one.hashToString(key));
        assertThat(two.hashToString(key)).isNotEqualTo(one.hashToString(key));
    }

    @Test
    void shortSecretIsRefused() {
        assertThatThrownBy(() -> new ApiKeyHasher(Base64.getUrlEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
