package dev.gatehouse.config.upstream;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

/**
 * The ports a Gatehouse process listens on and the addresses and names that reach this machine. A target on one
 * of these ports at one of these addresses would loop a call back into the process itself (the node's proxy or
 * management port, the admin's own port), so it is refused whatever the allow list says. Loopback addresses,
 * {@code localhost} and {@code *.localhost} always count as this machine.
 *
 * @param ports     the ports the process listens on
 * @param addresses the addresses of this machine's network interfaces (loopback need not be listed)
 * @param names     host names of this machine, lower case (for targets given by name)
 */
public record OwnListeners(Set<Integer> ports, Set<InetAddress> addresses, Set<String> names) {

    /** No listeners: nothing is refused for being the process's own. */
    public static final OwnListeners NONE = new OwnListeners(Set.of(), Set.of(), Set.of());

    public OwnListeners {
        ports = Set.copyOf(ports);
        addresses = Set.copyOf(addresses);
        names = names.stream().map(TargetNames::normalize).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The listeners of this machine on {@code ports}: the addresses of every network interface and the local host
     * name. Enumerating interfaces is a system call, so call this once at startup, never per request.
     */
    public static OwnListeners ofThisMachine(Collection<Integer> ports) {
        Set<InetAddress> addresses = new HashSet<>();
        Set<String> names = new HashSet<>();
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                interfaces.nextElement().inetAddresses().forEach(a -> addresses.add(withoutScope(a)));
            }
        } catch (SocketException e) {
            // loopback is covered regardless; other local addresses are then left to the deny list
        }
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // no local host name to add
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            names.add(env);
        }
        return new OwnListeners(Set.copyOf(ports), addresses, names);
    }

    /** The same machine with other ports (the node learns its ports only once its servers have started). */
    public OwnListeners withPorts(Collection<Integer> newPorts) {
        return new OwnListeners(Set.copyOf(newPorts), addresses, names);
    }

    /** True when {@code address} (4 or 16 bytes) on {@code port} is one of these listeners. */
    public boolean isOwn(byte[] address, int port) {
        if (!ports.contains(port)) {
            return false;
        }
        for (byte[] form : AddressForms.of(address)) {
            if (AddressForms.isLoopbackOrUnspecified(form) || addresses.contains(toInet(form))) {
                return true;
            }
        }
        return false;
    }

    /** True when the host name {@code normalizedName} (lower case, no trailing dot) on {@code port} is this machine. */
    public boolean isOwnName(String normalizedName, int port) {
        return ports.contains(port) && (normalizedName.equals("localhost") || normalizedName.endsWith(".localhost")
                || names.contains(normalizedName));
    }

    private static InetAddress withoutScope(InetAddress address) {
        return toInet(address.getAddress());
    }

    private static InetAddress toInet(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address", e);
        }
    }
}
