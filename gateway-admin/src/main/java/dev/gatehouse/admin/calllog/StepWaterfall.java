package dev.gatehouse.admin.calllog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A composite call's steps laid out on one time axis for the console's waterfall, computed on the server so the
 * page needs no script: each bar starts at the step's start and is as long as its latency, both as a percentage
 * of the axis, which is the call's total latency (or the end of its last step, if a step ended later).
 *
 * @param axisMicros the length of the time axis, microseconds (at least 1)
 * @param rows       one per step, by start
 */
public record StepWaterfall(long axisMicros, List<Row> rows) {

    /** Narrowest bar drawn, in percent, so that a step of a few microseconds stays visible. */
    static final BigDecimal MIN_WIDTH = new BigDecimal("0.5");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public StepWaterfall {
        rows = List.copyOf(rows);
    }

    /**
     * One step's bar.
     *
     * @param step          the step
     * @param offsetPercent where its bar starts, percent of the axis ("12.5")
     * @param widthPercent  how long its bar is, percent of the axis, at least {@link #MIN_WIDTH}
     */
    public record Row(CallStep step, String offsetPercent, String widthPercent) {
    }

    /** The waterfall of a call's steps (empty rows for an ordinary call). */
    static StepWaterfall of(CallLogEntry call, List<CallStep> steps) {
        long axis = Math.max(1, call.latencyMicros());
        for (CallStep step : steps) {
            axis = Math.max(axis, step.startMicros() + step.latencyMicros());
        }
        BigDecimal length = BigDecimal.valueOf(axis);
        List<Row> rows = steps.stream().map(step -> {
            BigDecimal width = percent(step.latencyMicros(), length).max(MIN_WIDTH);
            // A minimum-width bar at the very end is moved left rather than drawn past the axis.
            BigDecimal offset = percent(step.startMicros(), length).min(HUNDRED.subtract(width));
            return new Row(step, offset.toPlainString(), width.toPlainString());
        }).toList();
        return new StepWaterfall(axis, rows);
    }

    private static BigDecimal percent(long micros, BigDecimal axis) {
        return BigDecimal.valueOf(micros).multiply(HUNDRED).divide(axis, 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().max(BigDecimal.ZERO);
    }
}
