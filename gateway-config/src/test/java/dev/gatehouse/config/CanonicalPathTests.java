package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.CanonicalPath.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalPathTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/|/",
            "/admin|/admin",
            "/admin/|/admin/",
            "/ADMIN|/ADMIN",
            "//admin|/admin",
            "//a///b|/a/b",
            "/a//|/a/",
            "///|/",
            "/%61dmin|/admin",
            "/%41%42%7e%2D%5f%2e%30|/AB~-_.0",
            "/a%20b|/a%20b",
            "/a%2cb|/a%2Cb",
            "/a%3bb|/a%3Bb",
            "/a%3Bb|/a%3Bb",
            "/a/./b|/a/b",
            "/a/.|/a/",
            "/a/..|/",
            "/a/b/..|/a/",
            "/a/b/../c|/a/c",
            "/x/../admin|/admin",
            "/x/%2e%2E/admin|/admin",
            "/x/.%2e/admin|/admin",
            "/.|/",
            "/./admin|/admin",
            "/a//../b|/b",
            "/...|/...",
            "/a..b|/a..b",
            "/.hidden|/.hidden",
            "/caf%c3%a9|/caf%C3%A9",
            "/%E2%82%AC|/%E2%82%AC",
            "/%F0%9F%98%80|/%F0%9F%98%80",
            "/a:b@c!$&'()*+,=|/a:b@c!$&'()*+,=",
            "/admin/x?|/admin/x?"})
    void canonicalForms(String raw, String canonical) {
        if (raw.endsWith("?")) {
            // '?' is not part of a path: the caller passes the path without its query
            assertThat(CanonicalPath.refusal(raw)).isEqualTo(Refusal.CHARACTER);
            return;
        }
        assertThat(CanonicalPath.canonicalize(raw)).isEqualTo(canonical);
        assertThat(CanonicalPath.refusal(raw)).isNull();
        assertThat(CanonicalPath.canonicalize(canonical)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "''|NOT_ABSOLUTE",
            "admin|NOT_ABSOLUTE",
            "*|NOT_ABSOLUTE",
            "/admin;x|SEMICOLON",
            "/admin;|SEMICOLON",
            "/x/..;/admin|SEMICOLON",
            "/a b|CHARACTER",
            "/a\\b|CHARACTER",
            "/a\tb|CHARACTER",
            "/caf\u00e9|CHARACTER",
            "/a\"b|CHARACTER",
            "/a<b|CHARACTER",
            "/a#b|CHARACTER",
            "/a%|MALFORMED_ESCAPE",
            "/a%2|MALFORMED_ESCAPE",
            "/a%zz|MALFORMED_ESCAPE",
            "/a%2/b|MALFORMED_ESCAPE",
            "/a%\u0661\u0662|MALFORMED_ESCAPE",
            "/admin%2f..|ENCODED_SEPARATOR",
            "/admin%2F|ENCODED_SEPARATOR",
            "/a%5cb|ENCODED_SEPARATOR",
            "/a%00|ENCODED_CONTROL",
            "/a%0a|ENCODED_CONTROL",
            "/a%1F|ENCODED_CONTROL",
            "/a%7f|ENCODED_CONTROL",
            "/%C0%AE|INVALID_UTF8",
            "/%C0%AF|INVALID_UTF8",
            "/%E0%80%AE|INVALID_UTF8",
            "/%ED%A0%80|INVALID_UTF8",
            "/%F4%90%80%80|INVALID_UTF8",
            "/%F5%80%80%80|INVALID_UTF8",
            "/%80|INVALID_UTF8",
            "/%C3|INVALID_UTF8",
            "/%C3a|INVALID_UTF8",
            "/%C3%|MALFORMED_ESCAPE",
            "/%C3%41|INVALID_UTF8",
            "/%E2%82/%AC|INVALID_UTF8",
            "/..|ABOVE_ROOT",
            "/../admin|ABOVE_ROOT",
            "/a/../..|ABOVE_ROOT",
            "/%2e%2e/admin|ABOVE_ROOT",
            "/./..|ABOVE_ROOT"})
    void refusals(String raw, Refusal refusal) {
        assertThat(CanonicalPath.refusal(raw)).isEqualTo(refusal);
        assertThat(CanonicalPath.canonicalize(raw)).isNull();
    }

    @Test
    void nullIsRefused() {
        assertThat(CanonicalPath.refusal(null)).isEqualTo(Refusal.NOT_ABSOLUTE);
        assertThat(CanonicalPath.isCanonical(null)).isFalse();
    }

    @Test
    void aCanonicalPathIsReturnedAsTheSameInstance() {
        String path = "/orders/42/items%20x/";
        assertThat(CanonicalPath.canonicalize(path)).isSameAs(path);
        assertThat(CanonicalPath.isCanonical(path)).isTrue();
        assertThat(CanonicalPath.isCanonical("/orders//42")).isFalse();
    }
}
