package dev.gatehouse.admin.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The value axis of a traffic chart, decided here rather than by the chart library so that it reads well in every
 * case: it starts at 0, ends at a round number at or above the largest value, and has three to five ticks a round
 * step apart (1, 2 or 5 times a power of ten), each label different from the others. Without data (largest value
 * 0) the axis spans {@code emptyMax}, so an idle gateway shows "0 0.5 1" rather than a scale of thousandths.
 *
 * @param max    top of the axis
 * @param ticks  tick values, from 0 to {@code max}
 * @param labels each tick's label: plain decimals without trailing zeros, thousands as {@code k}, millions as
 *               {@code M}
 */
public record ChartAxis(double max, List<Double> ticks, List<String> labels) {

    /** Intervals aimed at; the round step (at least a quarter of the span, under 2.5 times that) gives 2 to 4. */
    private static final int INTERVALS = 4;

    public ChartAxis {
        ticks = List.copyOf(ticks);
        labels = List.copyOf(labels);
    }

    /**
     * The axis for values up to {@code dataMax}.
     *
     * @param dataMax  largest value drawn (0, negative, NaN or infinite: no data)
     * @param emptyMax the span shown without data, greater than 0
     */
    static ChartAxis of(double dataMax, double emptyMax) {
        if (!(emptyMax > 0) || Double.isInfinite(emptyMax)) {
            throw new IllegalArgumentException("emptyMax must be a positive number: " + emptyMax);
        }
        double top = dataMax > 0 && Double.isFinite(dataMax) ? dataMax : emptyMax;
        BigDecimal step = niceStep(top / INTERVALS);
        BigDecimal limit = new BigDecimal(Double.toString(top));
        List<Double> ticks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        BigDecimal value = BigDecimal.ZERO;
        while (true) {
            ticks.add(value.doubleValue());
            labels.add(label(value, step));
            if (value.compareTo(limit) >= 0) {
                break;
            }
            value = value.add(step);
        }
        return new ChartAxis(ticks.get(ticks.size() - 1), ticks, labels);
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code rough}. */
    static BigDecimal niceStep(double rough) {
        int exponent = (int) Math.floor(Math.log10(rough));
        BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(exponent);
        for (int factor : new int[] {1, 2, 5, 10}) {
            BigDecimal step = power.multiply(BigDecimal.valueOf(factor));
            if (step.doubleValue() >= rough * (1 - 1e-9)) {
                return step.stripTrailingZeros();
            }
        }
        throw new IllegalStateException("no step for " + rough);
    }

    private static String label(BigDecimal value, BigDecimal step) {
        if (value.signum() == 0) {
            return "0";
        }
        // Suffixes only where the step is a whole number of them, so labels stay exact and distinct.
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        BigDecimal thousand = BigDecimal.valueOf(1_000);
        if (step.compareTo(million) >= 0) {
            return plain(value.divide(million)) + "M";
        }
        if (step.compareTo(thousand) >= 0) {
            return plain(value.divide(thousand)) + "k";
        }
        return plain(value);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
