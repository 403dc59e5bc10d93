package dev.gatehouse.admin.user;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code sign_in_event} to {@code gatehouse.admin.sign-in.retention} (default 90 days): deletes older rows at
 * start and every hour. Several admin instances may run it at once; the delete is idempotent.
 */
@Component
class SignInRetention {

    private static final Logger log = LoggerFactory.getLogger(SignInRetention.class);

    private final SignInEvents events;
    private final Duration retention;

    SignInRetention(SignInEvents events, @Value("${gatehouse.admin.sign-in.retention:90d}") Duration retention) {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("gatehouse.admin.sign-in.retention must be at least 1d, got "
                    + retention);
        }
        this.events = events;
        this.retention = retention;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "PT1H")
    void deleteOld() {
        int deleted = events.deleteOlderThan(retention);
        if (deleted > 0) {
            log.info("Deleted {} sign-in events older than {}", deleted, retention);
        }
    }
}
