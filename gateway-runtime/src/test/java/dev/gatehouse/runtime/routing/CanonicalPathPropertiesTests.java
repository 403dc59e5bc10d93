package dev.gatehouse.runtime.routing;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.gatehouse.config.CanonicalPath;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.auth.RouteAuth;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the canonical path and of routing on it, over generated spellings: pieces that trip parsers
 * (dot segments, escapes of every kind, semicolons, doubled slashes, case) in random order, and random rewrites of
 * paths under {@code /admin} of the kinds that upstream frameworks undo.
 */
class CanonicalPathPropertiesTests {

    private static final ServiceSpec SERVICE = service("svc", target(9000));
    private static final RouteTable TABLE = RouteTable.build(List.of(
            compiled(route("admin", SERVICE).paths("/admin").keyAuth().build()),
            compiled(route("open", SERVICE).paths("/").build())));
    private static final String HEX = "0123456789ABCDEF";
    private static final String UNRESERVED_PUNCTUATION = "-._~";

    private static CompiledRoute compiled(RouteSpec spec) {
        return new CompiledRoute(spec, SERVICE, new WeightedRoundRobin(SERVICE.protocol(), SERVICE.targets()), null,
                RouteAuth.anonymous(spec.id(), spec.serviceId()));
    }

    @Provide
    Arbitrary<String> anyPath() {
        Arbitrary<String> piece = Arbitraries.of("/", "/", "//", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "\\",
                "%41", "%61", "%7e", "%7E", "%c3%a9", "%C3%A9", "%C0%AE", "%E2%82", "%ED%A0%80", "%F0%9F%98%80", ";",
                "%3b", "%3B", "%", "%g1", "%0", "%00", "%0a", "%7f", "%25", "%20", "a", "A", "admin", "ADMIN", "Admin",
                "x", "-", "_", "~", "+", ",", "=", ":", "@", "!", " ", "\u00e9", "?", "#", "\t", "\u0000");
        return piece.list().ofMinSize(0).ofMaxSize(24)
                .map(pieces -> String.join("", pieces))
                .map(text -> text.startsWith("/") || text.isEmpty() ? text : "/" + text);
    }

    @Property(tries = 5_000)
    void canonicalFormIsStableAndCleanOrTheRefusalIsSaid(@ForAll("anyPath") String raw) {
        String canonical = CanonicalPath.canonicalize(raw);
        CanonicalPath.Refusal refusal = CanonicalPath.refusal(raw);
        assertThat(canonical == null).isEqualTo(refusal != null);
        if (canonical == null) {
            return;
        }
        assertThat(CanonicalPath.canonicalize(canonical)).isSameAs(canonical);
        assertThat(canonical).startsWith("/").doesNotContain("//").doesNotContain(";").doesNotContain("\\");
        for (String segment : canonical.substring(1).split("/", -1)) {
            assertThat(segment).isNotIn(".", "..");
        }
        for (int i = canonical.indexOf('%'); i >= 0; i = canonical.indexOf('%', i + 1)) {
            assertThat(i + 2).isLessThan(canonical.length());
            char high = canonical.charAt(i + 1);
            char low = canonical.charAt(i + 2);
            assertThat(HEX.indexOf(high)).as("upper-case hex in %s", canonical).isNotNegative();
            assertThat(HEX.indexOf(low)).as("upper-case hex in %s", canonical).isNotNegative();
            int value = HEX.indexOf(high) * 16 + HEX.indexOf(low);
            assertThat(isUnreserved(value)).as("escaped unreserved in %s", canonical).isFalse();
            assertThat(value).isGreaterThanOrEqualTo(0x20).isNotIn(0x7F, (int) '/', (int) '\\');
        }
    }

    @Property(tries = 5_000)
    void pathsThatCanonicalizeUnderAdminNeverReachTheOpenRoute(@ForAll("anyPath") String raw) {
        String canonical = CanonicalPath.canonicalize(raw);
        if (canonical != null && isUnderAdmin(canonical)) {
            assertThat(TABLE.match(null, "GET", canonical).route().spec().name()).isEqualTo("admin");
        }
    }

    @Provide
    Arbitrary<String> adminSpelling() {
        Arbitrary<List<String>> tail = Arbitraries.of("users", "x", "Admin", "a.b", "~me", "%C3%A9", "..hidden")
                .list().ofMaxSize(3);
        return Arbitraries.longs().flatMap(seed -> tail.map(segments -> respell(seed, segments)));
    }

    /** "/admin" followed by {@code tail}, written in one of the many ways a framework reads as the same path. */
    private static String respell(long seed, List<String> tail) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        if (random.nextInt(4) == 0) {
            out.append(random.nextBoolean() ? "/x/.." : "/%2E/");
        }
        segment(out, "admin", random);
        for (String segment : tail) {
            segment(out, segment, random);
        }
        if (random.nextInt(3) == 0) {
            out.append('/');
        }
        return out.toString();
    }

    private static void segment(StringBuilder out, String segment, Random random) {
        out.append("/".repeat(1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0)));
        if (random.nextInt(5) == 0) {
            out.append(random.nextBoolean() ? "./" : "%2e/");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                out.append(segment, i, i + 3);
                i += 2;
                continue;
            }
            char spelled = Character.isLetter(c) && random.nextBoolean() ? flipCase(c) : c;
            if (random.nextInt(4) == 0) {
                String hex = String.format("%02X", (int) spelled);
                out.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase(Locale.ROOT));
            } else {
                out.append(spelled);
            }
        }
        if (random.nextInt(6) == 0) {
            out.append("/zz/..");
        }
    }

    @Property(tries = 3_000)
    void everySpellingOfAnAdminPathMeetsTheAdminRoute(@ForAll("adminSpelling") String raw) {
        String canonical = CanonicalPath.canonicalize(raw);
        assertThat(canonical).as("canonical form of %s", raw).isNotNull();
        assertThat(isUnderAdmin(canonical)).as("%s gives %s", raw, canonical).isTrue();
        assertThat(TABLE.match(null, "GET", canonical).route().spec().name()).isEqualTo("admin");
    }

    private static boolean isUnderAdmin(String canonical) {
        String lower = canonical.toLowerCase(Locale.ROOT);
        return lower.equals("/admin") || lower.startsWith("/admin/");
    }

    private static char flipCase(char c) {
        return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
    }
}
