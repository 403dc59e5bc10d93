package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which client address and scheme the admin believes, and from whom. */
class TrustedProxiesTests {

    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "::1"));

    @Test
    void noTrustedProxiesMeansTheSocketAddress() {
        TrustedProxies none = TrustedProxies.parse(List.of());
        assertThat(none.trusts("127.0.0.1")).isFalse();
        assertThat(none.client("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("127.0.0.1");
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedPeer() {
        assertThat(proxies.client("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(proxies.client("192.0.2.1", List.of("203.0.113.9"))).isEqualTo("192.0.2.1");
    }

    @Test
    void theWalkStopsAtTheFirstHopThatIsNotATrustedProxy() {
        // the client forged the first entry; the proxy chain vouches only for 198.51.100.4
        assertThat(proxies.client("10.0.0.1", List.of("1.2.3.4, 198.51.100.4, 10.0.0.9"))).isEqualTo("198.51.100.4");
        assertThat(proxies.client("10.0.0.1", List.of("1.2.3.4", "198.51.100.4:5555"))).isEqualTo("198.51.100.4");
        assertThat(proxies.client("::1", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aMalformedHopStopsTheWalkAtTheLastAddressVouchedFor() {
        assertThat(proxies.client("10.0.0.1", List.of("unknown"))).isEqualTo("10.0.0.1");
        assertThat(proxies.client("10.0.0.1", List.of("198.51.100.4, evil.example, 10.0.0.2")))
                .isEqualTo("10.0.0.2");
    }

    @Test
    void forwardedProtoHttpsIsTheLeftmostValue() {
        assertThat(TrustedProxies.forwardedHttps("https")).isTrue();
        assertThat(TrustedProxies.forwardedHttps("HTTPS, http")).isTrue();
        assertThat(TrustedProxies.forwardedHttps("http")).isFalse();
        assertThat(TrustedProxies.forwardedHttps("")).isFalse();
        assertThat(TrustedProxies.forwardedHttps(null)).isFalse();
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33")))
                .hasMessageContaining("gatehouse.admin.trusted-proxies").hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.internal")))
                .hasMessageContaining("proxy.internal");
    }
}
