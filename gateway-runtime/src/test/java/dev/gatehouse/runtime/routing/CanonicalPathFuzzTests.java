package dev.gatehouse.runtime.routing;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.gatehouse.config.CanonicalPath;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import reactor.core.publisher.Mono;

import org.junit.jupiter.api.Test;

/**
 * Properties of the canonical path and of routing on it, over generated spellings (a fuzz test): pieces that trip
 * parsers (dot segments, escapes of every kind, semicolons, doubled slashes, case) in random order, and random
 * rewrites of paths under {@code /admin} of the kinds that upstream frameworks undo.
 *
 * <p>Each run draws a new seed (or takes {@code -Dgatehouse.fuzz.seed=N}) and names it and the input in any failure,
 * so a failure found once is replayed exactly. Plain JUnit with a seeded generator rather than a property-testing
 * library: see the README's dependency notes.
 */
class CanonicalPathFuzzTests {

    private static final ServiceSpec SERVICE = service("svc", target(9000));
    private static final RouteTable TABLE = RouteTable.build(List.of(
            compiled(route("admin", SERVICE).paths("/admin").keyAuth().build()),
            compiled(route("open", SERVICE).paths("/").build())));
    private static final String HEX = "0123456789ABCDEF";
    private static final String UNRESERVED_PUNCTUATION = "-._~";

    private static CompiledRoute compiled(RouteSpec spec) {
        return new CompiledRoute(spec, SERVICE, new WeightedRoundRobin(SERVICE.protocol(), SERVICE.targets()), null,
                exchange -> Mono.empty());
    }

    private static final String[] PIECES = {"/", "/", "//", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "\\",
            "%41", "%61", "%7e", "%7E", "%c3%a9", "%C3%A9", "%C0%AE", "%E2%82", "%ED%A0%80", "%F0%9F%98%80", ";",
            "%3b", "%3B", "%", "%g1", "%0", "%00", "%0a", "%7f", "%25", "%20", "a", "A", "admin", "ADMIN", "Admin",
            "x", "-", "_", "~", "+", ",", "=", ":", "@", "!", " ", "\u00e9", "?", "#", "\t", "\u0000"};
    private static final List<String> TAIL = List.of("users", "x", "Admin", "a.b", "~me", "%C3%A9", "..hidden");

    /** Runs {@code property} on {@code tries} inputs drawn by {@code generator}; a failure names seed and input. */
    private static void forAll(int tries, Function<Random, String> generator, Consumer<String> property) {
        long seed = Long.getLong("gatehouse.fuzz.seed", new Random().nextLong());
        Random random = new Random(seed);
        for (int i = 0; i < tries; i++) {
            String input = generator.apply(random);
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("failed for input \"" + input + "\" (replay with -Dgatehouse.fuzz.seed="
                        + seed + ")", e);
            }
        }
    }

    /** Up to 24 random pieces joined, with a leading slash unless empty. */
    private static String anyPath(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(25);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.isEmpty() || text.charAt(0) == '/' ? text.toString() : "/" + text;
    }

    @Test
    void canonicalFormIsStableAndCleanOrTheRefusalIsSaid() {
        forAll(5_000, CanonicalPathFuzzTests::anyPath, CanonicalPathFuzzTests::stableAndClean);
    }

    private static void stableAndClean(String raw) {
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

    @Test
    void pathsThatCanonicalizeUnderAdminNeverReachTheOpenRoute() {
        forAll(5_000, CanonicalPathFuzzTests::anyPath, raw -> {
            String canonical = CanonicalPath.canonicalize(raw);
            if (canonical != null && isUnderAdmin(canonical)) {
                assertThat(TABLE.match(null, "GET", canonical).route().spec().name()).isEqualTo("admin");
            }
        });
    }

    /** "/admin" and up to three more segments, written in one of the many ways a framework reads as the same path. */
    private static String adminSpelling(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(4) == 0) {
            out.append(random.nextBoolean() ? "/x/.." : "/%2E/");
        }
        segment(out, "admin", random);
        for (int i = random.nextInt(4); i > 0; i--) {
            segment(out, TAIL.get(random.nextInt(TAIL.size())), random);
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

    @Test
    void everySpellingOfAnAdminPathMeetsTheAdminRoute() {
        forAll(3_000, CanonicalPathFuzzTests::adminSpelling, raw -> {
            String canonical = CanonicalPath.canonicalize(raw);
            assertThat(canonical).as("canonical form of %s", raw).isNotNull();
            assertThat(isUnderAdmin(canonical)).as("%s gives %s", raw, canonical).isTrue();
            assertThat(TABLE.match(null, "GET", canonical).route().spec().name()).isEqualTo("admin");
        });
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
