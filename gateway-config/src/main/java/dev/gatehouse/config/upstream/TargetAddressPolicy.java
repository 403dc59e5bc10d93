package dev.gatehouse.config.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.gatehouse.config.policy.Cidr;

/**
 * Which upstream targets Gatehouse never proxies to (server-side request forgery defence): cloud metadata and
 * link-local addresses, unspecified, multicast and reserved addresses, the well-known metadata host names, numeric
 * host spellings that hide an address, and the process's own listeners. The admin applies it to each target as it
 * is written, without DNS; a node applies it again to the very address it is about to connect to, after DNS, so a
 * name that resolves (or is re-pointed) to a denied address is refused too.
 *
 * <p>Operators extend the deny list ({@code gatehouse.upstream.deny}) and lift entries with an allow list
 * ({@code gatehouse.upstream.allow}); an allow entry wins over every deny entry it matches. Loopback and private
 * ranges are allowed unless denied. The process's own listeners are refused whatever the allow list says.
 * Immutable and thread-safe; one instance serves every call.
 */
public final class TargetAddressPolicy {

    private static final String METADATA_NAME = "a cloud metadata host name";

    /** The built-in deny list, applied before the operator's entries. */
    public static final List<TargetRule> DEFAULT_DENY = List.of(
            TargetRule.parse("0.0.0.0/8", "an unspecified (\"this host\") address"),
            TargetRule.parse("169.254.0.0/16",
                    "a link-local address, where cloud metadata services live"),
            TargetRule.parse("100.100.100.200", "the Alibaba Cloud metadata address"),
            TargetRule.parse("168.63.129.16", "the Azure platform (WireServer) address"),
            TargetRule.parse("192.0.0.192", "the Oracle Cloud metadata address"),
            TargetRule.parse("224.0.0.0/4", "a multicast address"),
            TargetRule.parse("240.0.0.0/4", "a reserved or broadcast address"),
            TargetRule.parse("::/128", "the unspecified address"),
            TargetRule.parse("fe80::/10", "a link-local address"),
            TargetRule.parse("fd00:ec2::/32", "the AWS IPv6 metadata range (fd00:ec2::254)"),
            TargetRule.parse("ff00::/8", "a multicast address"),
            TargetRule.parse("metadata.google.internal", METADATA_NAME),
            TargetRule.parse("metadata.goog", METADATA_NAME),
            TargetRule.parse("metadata", METADATA_NAME),
            TargetRule.parse("instance-data", METADATA_NAME),
            TargetRule.parse("instance-data.ec2.internal", METADATA_NAME));

    private static final String OPERATOR_DENIED = "denied by gatehouse.upstream.deny";
    private static final String OWN_LISTENER = "this process's own listener";

    private final List<TargetRule> deny;
    private final List<TargetRule> allow;

    /**
     * @param extraDeny the operator's deny entries, added to {@link #DEFAULT_DENY}
     * @param allow     the operator's allow entries, each winning over any deny entry it matches
     */
    public TargetAddressPolicy(List<TargetRule> extraDeny, List<TargetRule> allow) {
        List<TargetRule> all = new ArrayList<>(DEFAULT_DENY);
        all.addAll(extraDeny);
        this.deny = List.copyOf(all);
        this.allow = List.copyOf(allow);
    }

    /** The defaults alone. */
    public static TargetAddressPolicy defaults() {
        return new TargetAddressPolicy(List.of(), List.of());
    }

    /**
     * The policy for the settings {@code gatehouse.upstream.deny} and {@code gatehouse.upstream.allow}.
     *
     * @throws IllegalArgumentException naming the setting and entry when an entry is not an address, block or name
     */
    public static TargetAddressPolicy of(List<String> deny, List<String> allow) {
        return new TargetAddressPolicy(rules("gatehouse.upstream.deny", deny),
                rules("gatehouse.upstream.allow", allow));
    }

    private static List<TargetRule> rules(String setting, List<String> texts) {
        List<TargetRule> out = new ArrayList<>();
        for (int i = 0; texts != null && i < texts.size(); i++) {
            try {
                out.add(TargetRule.parse(texts.get(i), OPERATOR_DENIED));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The operator's allow entries. */
    public List<TargetRule> allow() {
        return allow;
    }

    /** Every deny entry, the defaults first. */
    public List<TargetRule> deny() {
        return deny;
    }

    /**
     * The reason a configured target is refused, judged on its spelling alone (no DNS): the admin's check of each
     * target written. Empty when it may be stored; a node still checks the address a name resolves to.
     *
     * @param host the target's host as entered: a host name or an IPv4 or IPv6 literal
     */
    public Optional<String> checkTarget(String host, int port, OwnListeners own) {
        String name = TargetNames.normalize(host);
        byte[] literal = Cidr.literal(name);
        if (literal == null) {
            if (TargetNames.endsInNumber(name)) {
                return Optional.of("'" + host + "' is a numeric address form; write IPv4 addresses as four "
                        + "decimal numbers without leading zeros, such as 10.0.0.1");
            }
            if (own.isOwnName(name, port)) {
                return Optional.of(host + ":" + port + " is " + OWN_LISTENER);
            }
            return checkName(host, name);
        }
        if (name.indexOf(':') >= 0 && name.indexOf('.') >= 0
                && !TargetNames.isCanonicalIpv4(name.substring(name.lastIndexOf(':') + 1))) {
            return Optional.of("'" + host + "' embeds an IPv4 address that is not written as four decimal numbers "
                    + "without leading zeros");
        }
        return checkAddress(host, literal, port, own);
    }

    /**
     * The reason a node must not connect to {@code address}: the node's check of every new upstream connection,
     * made after DNS on the address actually dialled.
     *
     * @param hostName the name that was resolved to {@code address}, or {@code null} (or the literal) when the
     *                 target was an address
     */
    public Optional<String> checkConnect(String hostName, InetAddress address, int port, OwnListeners own) {
        if (hostName != null && Cidr.literal(hostName) == null) {
            Optional<String> byName = checkName(hostName, TargetNames.normalize(hostName));
            if (byName.isPresent()) {
                return byName;
            }
        }
        return checkAddress(address.getHostAddress(), address.getAddress(), port, own);
    }

    private Optional<String> checkName(String shown, String name) {
        for (TargetRule rule : allow) {
            if (rule.matchesName(name)) {
                return Optional.empty();
            }
        }
        for (TargetRule rule : deny) {
            if (rule.matchesName(name)) {
                return Optional.of(shown + " is " + rule.reason());
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkAddress(String shown, byte[] address, int port, OwnListeners own) {
        if (own.isOwn(address, port)) {
            return Optional.of(shown + ":" + port + " is " + OWN_LISTENER);
        }
        for (byte[] form : AddressForms.of(address)) {
            Optional<String> refused = checkForm(shown, form);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkForm(String shown, byte[] form) {
        for (TargetRule rule : allow) {
            if (rule.matchesAddress(form)) {
                return Optional.empty();
            }
        }
        for (TargetRule rule : deny) {
            if (rule.matchesAddress(form)) {
                String what = form.length == 4 && !shown.equals(text(form)) ? shown + " (" + text(form) + ")" : shown;
                return Optional.of(what + " is " + rule.reason());
            }
        }
        return Optional.empty();
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
