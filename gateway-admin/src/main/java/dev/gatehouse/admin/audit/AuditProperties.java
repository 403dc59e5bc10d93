package dev.gatehouse.admin.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit-trail settings, bound from {@code gatehouse.audit.*}.
 *
 * @param retention how long audit records are kept, at least one day; whole months are dropped once every record
 *                  in them is older than this, so a record stays up to a month longer
 */
@ConfigurationProperties("gatehouse.audit")
record AuditProperties(@DefaultValue("400d") Duration retention) {

    AuditProperties {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("gatehouse.audit.retention must be at least 1d, got " + retention);
        }
    }
}
