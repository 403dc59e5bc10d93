package dev.gatehouse.runtime.upstream;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which upstream addresses the node refuses to connect to besides the built-in list, bound from
 * {@code gatehouse.upstream.*} ({@code GATEHOUSE_UPSTREAM_DENY}, {@code GATEHOUSE_UPSTREAM_ALLOW}, comma-separated).
 * The admin reads the same settings under the same names; give both the same values. See
 * {@code docs/security/upstream-targets.md}.
 *
 * @param deny  extra address blocks ({@code 10.20.0.0/16}), host names or {@code *.domain}s never connected to
 * @param allow entries that win over every deny entry they match, built-in ones included; the node's own proxy
 *              and management ports on this machine stay refused
 */
@ConfigurationProperties("gatehouse.upstream")
public record UpstreamTargetProperties(List<String> deny, List<String> allow) {

    public UpstreamTargetProperties {
        deny = deny == null ? List.of() : deny.stream().filter(s -> s != null && !s.isBlank()).toList();
        allow = allow == null ? List.of() : allow.stream().filter(s -> s != null && !s.isBlank()).toList();
    }
}
