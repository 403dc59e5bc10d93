package dev.gatehouse.config.upstream;

import java.util.Arrays;
import java.util.List;

/**
 * The IPv4 address an IPv6 address carries, when it carries one: IPv4-mapped ({@code ::ffff:169.254.169.254}),
 * IPv4-compatible ({@code ::169.254.169.254}) and NAT64 ({@code 64:ff9b::169.254.169.254}) forms reach the IPv4
 * address, so the rules for that address apply to them too.
 */
final class AddressForms {

    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private AddressForms() {
    }

    /** {@code address} itself, followed by the IPv4 address it embeds, if any. */
    static List<byte[]> of(byte[] address) {
        byte[] embedded = embeddedIpv4(address);
        return embedded == null ? List.of(address) : List.of(address, embedded);
    }

    private static byte[] embeddedIpv4(byte[] a) {
        if (a.length != 16) {
            return null;
        }
        byte[] head = Arrays.copyOfRange(a, 0, 12);
        byte[] tail = Arrays.copyOfRange(a, 12, 16);
        boolean zeros = allZero(a, 0, 10);
        if (zeros && a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
            return tail;
        }
        // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 are IPv6's own unspecified and loopback addresses
        if (zeros && a[10] == 0 && a[11] == 0 && tail[0] != 0) {
            return tail;
        }
        return Arrays.equals(head, NAT64) ? tail : null;
    }

    /** True for 127.0.0.0/8, ::1, 0.0.0.0/8 and :: (connecting to an unspecified address reaches this machine). */
    static boolean isLoopbackOrUnspecified(byte[] a) {
        if (a.length == 4) {
            return a[0] == 127 || a[0] == 0;
        }
        return allZero(a, 0, 15) && (a[15] == 0 || a[15] == 1);
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
