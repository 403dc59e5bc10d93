package dev.gatehouse.config.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAddressPolicyTests {

    private final TargetAddressPolicy defaults = TargetAddressPolicy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
            // link-local and cloud metadata
            "169.254.169.254", "169.254.170.2", "169.254.0.1", "100.100.100.200", "168.63.129.16", "192.0.0.192",
            "fe80::1", "FE80::abcd", "fd00:ec2::254", "fd00:ec2::23",
            // unspecified, multicast, broadcast, reserved
            "0.0.0.0", "0.1.2.3", "::", "0:0:0:0:0:0:0:0", "224.0.0.1", "239.255.255.250", "255.255.255.255",
            "240.0.0.1", "ff02::1",
            // IPv6 forms carrying a denied IPv4 address
            "::ffff:169.254.169.254", "::FFFF:a9fe:a9fe", "::169.254.169.254", "64:ff9b::169.254.169.254",
            "64:ff9b::a9fe:a9fe", "::ffff:0.0.0.0",
            // numeric spellings of addresses
            "2852039166", "0xa9fea9fe", "0XA9FEA9FE", "0251.0376.0251.0376", "0251.254.169.254", "169.254.43518",
            "169.16689662", "0x7f.1", "127.1", "017700000001", "0", "010.0.0.1", "1.2.3.0x4", "example.0x10",
            "::ffff:0251.0376.0251.0376",
            // metadata names, in any case, with a trailing dot
            "metadata.google.internal", "METADATA.Google.Internal", "metadata.google.internal.", "metadata",
            "Metadata.", "metadata.goog", "instance-data", "instance-data.ec2.internal"})
    void deniedByDefault(String host) {
        assertThat(defaults.checkTarget(host, 80, OwnListeners.NONE)).as(host).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost", "10.0.0.5", "172.16.4.4", "192.168.1.10",
            "100.64.0.1", "8.8.8.8", "2001:db8::1", "fd12:3456::1", "orders.internal", "orders-v2.svc.cluster.local",
            "api.example.com", "metadata.example.com", "my-metadata", "169-254-169-254.example.com", "a1",
            "::ffff:10.0.0.1", "64:ff9b::8.8.8.8"})
    void allowedByDefault(String host) {
        assertThat(defaults.checkTarget(host, 80, OwnListeners.NONE)).as(host).isEmpty();
    }

    @Test
    void reasonsNameTheAddressAndWhy() {
        assertThat(defaults.checkTarget("169.254.169.254", 80, OwnListeners.NONE))
                .hasValueSatisfying(r -> assertThat(r).contains("169.254.169.254", "link-local", "metadata"));
        assertThat(defaults.checkTarget("::ffff:169.254.169.254", 80, OwnListeners.NONE))
                .hasValueSatisfying(r -> assertThat(r).contains("169.254.169.254"));
        assertThat(defaults.checkTarget("2852039166", 80, OwnListeners.NONE))
                .hasValueSatisfying(r -> assertThat(r).contains("numeric", "10.0.0.1"));
    }

    @Test
    void operatorDenyAddsBlocksAndNames() {
        TargetAddressPolicy policy = TargetAddressPolicy.of(
                List.of("10.0.0.0/8", "kubernetes.default.svc", "*.corp.internal"), List.of());
        assertThat(policy.checkTarget("10.1.2.3", 80, OwnListeners.NONE)).isPresent();
        assertThat(policy.checkTarget("::ffff:10.1.2.3", 80, OwnListeners.NONE)).isPresent();
        assertThat(policy.checkTarget("Kubernetes.Default.Svc.", 443, OwnListeners.NONE)).isPresent();
        assertThat(policy.checkTarget("vault.corp.internal", 443, OwnListeners.NONE)).isPresent();
        assertThat(policy.checkTarget("corp.internal", 443, OwnListeners.NONE)).isEmpty();
        assertThat(policy.checkTarget("11.0.0.1", 80, OwnListeners.NONE)).isEmpty();
        // still the defaults
        assertThat(policy.checkTarget("169.254.169.254", 80, OwnListeners.NONE)).isPresent();
    }

    @Test
    void allowOverridesDeny() {
        TargetAddressPolicy lab = TargetAddressPolicy.of(List.of("10.0.0.0/8"),
                List.of("169.254.10.0/24", "metadata", "10.1.2.3"));
        assertThat(lab.checkTarget("169.254.10.7", 80, OwnListeners.NONE)).isEmpty();
        assertThat(lab.checkTarget("::ffff:169.254.10.7", 80, OwnListeners.NONE)).isEmpty();
        assertThat(lab.checkTarget("169.254.169.254", 80, OwnListeners.NONE)).isPresent();
        assertThat(lab.checkTarget("metadata", 80, OwnListeners.NONE)).isEmpty();
        assertThat(lab.checkTarget("metadata.google.internal", 80, OwnListeners.NONE)).isPresent();
        assertThat(lab.checkTarget("10.1.2.3", 80, OwnListeners.NONE)).isEmpty();
        assertThat(lab.checkTarget("10.1.2.4", 80, OwnListeners.NONE)).isPresent();
        // allowing a name does not allow the address it resolves to
        assertThat(lab.checkConnect("metadata", address("169.254.169.254"), 80, OwnListeners.NONE)).isPresent();
    }

    @Test
    void allowNeverReachesTheProcessItselfNorNumericForms() {
        TargetAddressPolicy open = TargetAddressPolicy.of(List.of(), List.of("0.0.0.0/0", "::/0", "localhost"));
        OwnListeners own = new OwnListeners(Set.of(8000), Set.of(address("192.168.5.5")), Set.of("gw-1"));
        assertThat(open.checkTarget("127.0.0.1", 8000, own)).hasValueSatisfying(r -> assertThat(r).contains("own"));
        assertThat(open.checkTarget("127.9.9.9", 8000, own)).isPresent();
        assertThat(open.checkTarget("::1", 8000, own)).isPresent();
        assertThat(open.checkTarget("::ffff:127.0.0.1", 8000, own)).isPresent();
        assertThat(open.checkTarget("0.0.0.0", 8000, own)).isPresent();
        assertThat(open.checkTarget("localhost", 8000, own)).isPresent();
        assertThat(open.checkTarget("LOCALHOST.", 8000, own)).isPresent();
        assertThat(open.checkTarget("admin.localhost", 8000, own)).isPresent();
        assertThat(open.checkTarget("192.168.5.5", 8000, own)).isPresent();
        assertThat(open.checkTarget("GW-1", 8000, own)).isPresent();
        assertThat(open.checkTarget("2130706433", 80, own)).isPresent();
        // other ports of this machine, and the port on other machines, are fine
        assertThat(open.checkTarget("127.0.0.1", 8001, own)).isEmpty();
        assertThat(open.checkTarget("localhost", 8001, own)).isEmpty();
        assertThat(open.checkTarget("192.168.5.6", 8000, own)).isEmpty();
        assertThat(open.checkTarget("169.254.169.254", 80, own)).isEmpty();
    }

    @Test
    void connectChecksTheResolvedAddressAndTheName() {
        TargetAddressPolicy policy = TargetAddressPolicy.of(List.of("127.0.0.1"), List.of());
        assertThat(policy.checkConnect("localhost", address("127.0.0.1"), 80, OwnListeners.NONE)).isPresent();
        assertThat(policy.checkConnect("localhost", address("127.0.0.2"), 80, OwnListeners.NONE)).isEmpty();
        assertThat(policy.checkConnect("orders.example", address("169.254.169.254"), 80, OwnListeners.NONE))
                .isPresent();
        assertThat(policy.checkConnect("orders.example", address("::ffff:169.254.169.254"), 80,
                OwnListeners.NONE)).isPresent();
        assertThat(policy.checkConnect("metadata.google.internal", address("10.0.0.1"), 80, OwnListeners.NONE))
                .isPresent();
        assertThat(policy.checkConnect(null, address("10.0.0.1"), 80, OwnListeners.NONE)).isEmpty();
        assertThat(policy.checkConnect("10.0.0.1", address("10.0.0.1"), 80,
                new OwnListeners(Set.of(80), Set.of(address("10.0.0.1")), Set.of()))).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''|must not be empty", "not a host!|is not an IP address",
            "10.0.0.0/33|prefix length", "2852039166|is not an IP address", "*.|is not an IP address"})
    void badSettingsAreNamed(String entry, String message) {
        assertThatThrownBy(() -> TargetAddressPolicy.of(List.of("10.0.0.0/8", entry), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gatehouse.upstream.deny[1]: ").hasMessageContaining(message);
    }

    @Test
    void ownListenersOfThisMachineIncludeLoopbackAndInterfaces() {
        OwnListeners own = OwnListeners.ofThisMachine(List.of(9000));
        assertThat(own.isOwn(address("127.0.0.1").getAddress(), 9000)).isTrue();
        assertThat(own.isOwn(address("127.0.0.1").getAddress(), 9001)).isFalse();
        assertThat(own.addresses()).isNotEmpty();
        assertThat(own.withPorts(List.of(9001)).isOwn(address("::1").getAddress(), 9001)).isTrue();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
