package dev.gatehouse.admin.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formats values for console pages; templates call it as {@code ${@consoleFormat.ago(node.lastHeartbeat)}}.
 */
@Component("consoleFormat")
public class ConsoleFormat {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final MessageSource messages;
    private final Clock clock;

    ConsoleFormat(MessageSource messages, ObjectProvider<Clock> clock) {
        this.messages = messages;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** How long ago an instant was, coarsely: "12 s ago", "3 min ago", "2 h ago", "4 d ago". */
    public String ago(Instant instant) {
        if (instant == null) {
            return text("format.never");
        }
        long seconds = Duration.between(instant, clock.instant()).toSeconds();
        if (seconds < 1) {
            return text("format.justNow");
        }
        if (seconds < 60) {
            return text("format.secondsAgo", seconds);
        }
        if (seconds < 3_600) {
            return text("format.minutesAgo", seconds / 60);
        }
        if (seconds < 86_400) {
            return text("format.hoursAgo", seconds / 3_600);
        }
        return text("format.daysAgo", seconds / 86_400);
    }

    /**
     * How far an instant is from now, in either direction: "in 3 d" for one ahead (an expiry), as {@link #ago}
     * for one behind; {@code none} when there is no instant.
     */
    public String fromNow(Instant instant, String none) {
        if (instant == null) {
            return none;
        }
        long seconds = Duration.between(clock.instant(), instant).toSeconds();
        if (seconds < 1) {
            return ago(instant);
        }
        if (seconds < 60) {
            return text("format.inSeconds", seconds);
        }
        if (seconds < 3_600) {
            return text("format.inMinutes", seconds / 60);
        }
        if (seconds < 86_400) {
            return text("format.inHours", seconds / 3_600);
        }
        return text("format.inDays", seconds / 86_400);
    }

    /** Whether an instant has passed (an expired key); {@code false} for none. */
    public boolean isPast(Instant instant) {
        return instant != null && !instant.isAfter(clock.instant());
    }

    /** An instant as an absolute UTC time, for tooltips. */
    public String timestamp(Instant instant) {
        return instant == null ? "" : TIMESTAMP.format(instant);
    }

    /** A duration in milliseconds as people read it: "250 ms", "2 s", "1.5 s". */
    public String millis(int millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + " s";
        }
        return BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + " s";
    }

    private String text(String code, Object... args) {
        return messages.getMessage(code, args, LocaleContextHolder.getLocale());
    }
}
