package dev.gatehouse.admin.calllog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.stereotype.Component;

/** Formats call fields on console pages: {@code ${@callFormat.millis(call.latencyMicros)}}. */
@Component("callFormat")
public class CallFormat {

    /** Microseconds as milliseconds with at most one decimal: "12.3"; "–" for none (a negative value). */
    public String millis(long micros) {
        if (micros < 0) {
            return "–";
        }
        return BigDecimal.valueOf(micros, 3).setScale(micros < 10_000 ? 2 : 1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    /** The badge colour of a status: green 2xx, blue 3xx, amber 4xx, red 5xx. */
    public String badge(int status) {
        if (status >= 500) {
            return "badge-red";
        }
        if (status >= 400) {
            return "badge-amber";
        }
        if (status >= 300) {
            return "badge-blue";
        }
        return status >= 200 ? "badge-green" : "badge-gray";
    }
}
