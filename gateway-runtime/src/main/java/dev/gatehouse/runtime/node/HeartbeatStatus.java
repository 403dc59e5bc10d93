package dev.gatehouse.runtime.node;

import java.util.Map;

import dev.gatehouse.config.CallLogStatus;

/**
 * The parts of one heartbeat that {@link HeartbeatContributor}s fill in, each part owned by one package. Made
 * fresh for every heartbeat and used by one thread; a part nobody fills stays empty ({@code null} or no entries),
 * which is what the admin reads as "not reported".
 */
public final class HeartbeatStatus {

    private Map<String, Long> keysLastUsed = Map.of();
    private CallLogStatus callLog;
    private Map<String, String> circuits = Map.of();
    private String rateLimitMode;

    /** API key id to when a call last used it, since the previous heartbeat. */
    public void keysLastUsed(Map<String, Long> keysLastUsed) {
        this.keysLastUsed = keysLastUsed;
    }

    public Map<String, Long> keysLastUsed() {
        return keysLastUsed;
    }

    /** How call-log shipping is doing. */
    public void callLog(CallLogStatus callLog) {
        this.callLog = callLog;
    }

    public CallLogStatus callLog() {
        return callLog;
    }

    /** Circuit breakers that are not closed, {@code <route>/<service>} to state. */
    public void circuits(Map<String, String> circuits) {
        this.circuits = circuits;
    }

    public Map<String, String> circuits() {
        return circuits;
    }

    /** How rate limits are counted: {@code redis}, {@code fallback} or {@code local}. */
    public void rateLimitMode(String rateLimitMode) {
        this.rateLimitMode = rateLimitMode;
    }

    public String rateLimitMode() {
        return rateLimitMode;
    }
}
