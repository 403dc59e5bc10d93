package dev.gatehouse.admin.plan;

import dev.gatehouse.config.Violation;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.QuotaKey;
import dev.gatehouse.config.policy.QuotaPeriod;
import dev.gatehouse.config.policy.RateLimit;
import dev.gatehouse.config.policy.RateWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's plan form: name, description, one optional rate limit per window and one optional quota per
 * period (blank means none). Id, consumer counts and timestamps stay on the server.
 */
public class PlanForm {

    /** Quota counting choices, as the API spells them. */
    static final List<String> QUOTA_KEYS = List.of("consumer", "key");
    private static final Pattern LIST_ENTRY = Pattern.compile("(rateLimits|quotas)\\[(\\d+)](\\..*)?");

    // The version the form was filled from; the only server-owned value a form sends back, as a check.
    private Long version;
    private String name;
    private String description;
    private Long perSecond;
    private Long perMinute;
    private Long perHour;
    private Long callsPerDay;
    private Long callsPerMonth;
    private String quotaBy = "consumer";

    /** The form filled from an existing plan. */
    static PlanForm from(PlanView plan) {
        PlanForm form = new PlanForm();
        form.version = plan.version();
        form.name = plan.name();
        form.description = plan.description();
        for (RateLimit limit : plan.rateLimits()) {
            switch (limit.window()) {
                case SECOND -> form.perSecond = limit.requests();
                case MINUTE -> form.perMinute = limit.requests();
                case HOUR -> form.perHour = limit.requests();
            }
        }
        for (Quota quota : plan.quotas()) {
            if (quota.period() == QuotaPeriod.DAY) {
                form.callsPerDay = quota.calls();
            } else {
                form.callsPerMonth = quota.calls();
            }
            form.quotaBy = quota.by() == QuotaKey.KEY ? "key" : "consumer";
        }
        return form;
    }

    /** The request for the plan API; the form always sends its full lists, so a cleared field removes a limit. */
    PlanRequest toRequest() {
        List<RateLimit> limits = new ArrayList<>();
        for (LimitField field : limitFields()) {
            limits.add(new RateLimit(field.value(), field.window()));
        }
        QuotaKey by = "key".equals(quotaBy) ? QuotaKey.KEY : QuotaKey.CONSUMER;
        List<Quota> quotas = new ArrayList<>();
        for (QuotaField field : quotaFields()) {
            quotas.add(new Quota(field.value(), field.period(), by));
        }
        return new PlanRequest(name, description, limits, quotas);
    }

    /** The form field that shows a violation of the plan API. */
    Violation toFormField(Violation violation) {
        String field = violation.field();
        if ("name".equals(field) || "description".equals(field)) {
            return violation;
        }
        Matcher entry = field == null ? null : LIST_ENTRY.matcher(field);
        if (entry != null && entry.matches()) {
            int index = Integer.parseInt(entry.group(2));
            if (entry.group(1).equals("rateLimits") && index < limitFields().size()) {
                return new Violation(limitFields().get(index).property(), violation.message());
            }
            if (entry.group(1).equals("quotas") && index < quotaFields().size()) {
                return new Violation(".by".equals(entry.group(3)) ? "quotaBy"
                        : quotaFields().get(index).property(), violation.message());
            }
        }
        return new Violation(null, violation.message());
    }

    private List<LimitField> limitFields() {
        List<LimitField> out = new ArrayList<>();
        add(out, "perSecond", perSecond, RateWindow.SECOND);
        add(out, "perMinute", perMinute, RateWindow.MINUTE);
        add(out, "perHour", perHour, RateWindow.HOUR);
        return out;
    }

    private static void add(List<LimitField> out, String property, Long value, RateWindow window) {
        if (value != null) {
            out.add(new LimitField(property, value, window));
        }
    }

    private List<QuotaField> quotaFields() {
        List<QuotaField> out = new ArrayList<>();
        if (callsPerDay != null) {
            out.add(new QuotaField("callsPerDay", callsPerDay, QuotaPeriod.DAY));
        }
        if (callsPerMonth != null) {
            out.add(new QuotaField("callsPerMonth", callsPerMonth, QuotaPeriod.MONTH));
        }
        return out;
    }

    private record LimitField(String property, long value, RateWindow window) {
    }

    private record QuotaField(String property, long value, QuotaPeriod period) {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Long getPerSecond() {
        return perSecond;
    }

    public void setPerSecond(Long perSecond) {
        this.perSecond = perSecond;
    }

    public Long getPerMinute() {
        return perMinute;
    }

    public void setPerMinute(Long perMinute) {
        this.perMinute = perMinute;
    }

    public Long getPerHour() {
        return perHour;
    }

    public void setPerHour(Long perHour) {
        this.perHour = perHour;
    }

    public Long getCallsPerDay() {
        return callsPerDay;
    }

    public void setCallsPerDay(Long callsPerDay) {
        this.callsPerDay = callsPerDay;
    }

    public Long getCallsPerMonth() {
        return callsPerMonth;
    }

    public void setCallsPerMonth(Long callsPerMonth) {
        this.callsPerMonth = callsPerMonth;
    }

    public String getQuotaBy() {
        return quotaBy;
    }

    public void setQuotaBy(String quotaBy) {
        this.quotaBy = quotaBy;
    }

    /** The version of the stored object this form was filled from; null for a new object. */
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
