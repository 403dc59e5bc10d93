package dev.gatehouse.config.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxyChainTests {

    private static final TrustedProxyChain CHAIN = new TrustedProxyChain(
            List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32")));

    private static String client(String peer, String... forwardedFor) {
        byte[] bytes = CHAIN.client(Cidr.literal(peer), List.of(forwardedFor));
        return java.util.Arrays.toString(bytes);
    }

    private static String bytes(String address) {
        return java.util.Arrays.toString(Cidr.literal(address));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(client("203.0.113.9", "198.51.100.1")).isEqualTo(bytes("203.0.113.9"));
    }

    @Test
    void theWalkGoesFromTheRightThroughTrustedHopsToTheFirstUntrustedOne() {
        assertThat(client("10.0.0.1", "198.51.100.7, 203.0.113.5, 10.1.1.1")).isEqualTo(bytes("203.0.113.5"));
        assertThat(client("10.0.0.1", "198.51.100.7", "10.2.2.2:443")).isEqualTo(bytes("198.51.100.7"));
        assertThat(client("10.0.0.1", "[2001:db8::1]:80, 10.3.3.3")).isEqualTo(bytes("2001:db8::1"));
    }

    @Test
    void aMalformedHopStopsTheWalkAtTheLastVouchedAddress() {
        assertThat(client("10.0.0.1", "198.51.100.7, garbage, 10.1.1.1")).isEqualTo(bytes("10.1.1.1"));
        assertThat(client("10.0.0.1", "unknown")).isEqualTo(bytes("10.0.0.1"));
    }

    @Test
    void trustIsMembershipOfABlock() {
        assertThat(CHAIN.trusts(Cidr.literal("10.255.0.1"))).isTrue();
        assertThat(CHAIN.trusts(Cidr.literal("11.0.0.1"))).isFalse();
        assertThat(new TrustedProxyChain(List.of()).isEmpty()).isTrue();
    }
}
