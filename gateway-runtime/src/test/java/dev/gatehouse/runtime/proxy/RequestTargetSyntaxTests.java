package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class RequestTargetSyntaxTests {

    /** What Spring does with the target: prefix it with scheme and host, parse it as a {@link URI}. */
    private static boolean uriAccepts(String target) {
        String rest = target;
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.substring(0, scheme).chars().noneMatch(c -> c == '/' || c == '?' || c == '#')) {
            int end = scheme + 3;
            while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
                end++;
            }
            rest = target.substring(end);
        }
        try {
            new URI("http://paths.test:8080" + rest);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Test
    void agreesWithJavaNetUriOnEveryCharacterInEveryPart() {
        SoftAssertions soft = new SoftAssertions();
        for (char c = 0; c < 0x3100; c++) {
            for (String target : List.of("/a" + c + "b", "/a?q=" + c, "/a#" + c, "/a?q#" + c + "x", "*" + c,
                    "http://paths.test/" + c, "http://x" + c + "y/a")) {
                soft.assertThat(RequestTargetSyntax.isValid(target)).as("%s (U+%04X)", target, (int) c)
                        .isEqualTo(uriAccepts(target));
            }
        }
        soft.assertAll();
    }

    @Test
    void agreesWithJavaNetUriOnEscapesAndOddTargets() {
        SoftAssertions soft = new SoftAssertions();
        for (String target : List.of("/admin%", "/admin/%2", "/%zzadmin", "/admin%g0", "/a%2F", "/a%c3%A9",
                "/a?%", "/a?x=%zz", "/a?x=%41", "/a#%", "/a##", "/a?b?c", "/a#b?c", "?x=1", "*", "", "/",
                "http://paths.test", "http://paths.test?x", "//paths.test/admin", "/a[b]", "/a?[b]",
                "http://[::1]/a", "http://h/a%", "a:b", "/a:b", "/%%", "/%u0061dmin", "/admin%20",
                "/ä", "/\u00a0", "/\u0085", "/\u00ff", "/\u2028", "/\u3000", "/\ufffd")) {
            soft.assertThat(RequestTargetSyntax.isValid(target)).as(target).isEqualTo(uriAccepts(target));
        }
        soft.assertAll();
    }

    @Test
    void refusesWhatTheCorpusCallsNotAUri() {
        for (String target : List.of("/public\\admin", "/admin%", "/admin/%2", "/%zzadmin", "/admin/\"x\"",
                "/admin/<x>", "/admin/{x}", "/admin/x|y", "/admin/x^y", "/admin/`x`", "/a b", "/a\tb")) {
            assertThat(RequestTargetSyntax.isValid(target)).as(target).isFalse();
        }
        for (String target : List.of("/admin", "/admin;x", "/%2e%2e/admin", "/admin?next=/../public",
                "http://paths.test/admin/abs", "/admin/é", "*")) {
            assertThat(RequestTargetSyntax.isValid(target)).as(target).isTrue();
        }
    }
}
