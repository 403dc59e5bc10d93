package dev.gatehouse.admin.apikey;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * Newly issued keys on their way from the form's POST to the one page that shows them (POST, redirect, GET): held
 * in the admin's own session, in memory, until that GET takes them, so reloading the page neither issues a second
 * key (the POST is not sent again) nor shows the key again (it was taken). A key whose page was never opened is
 * dropped after {@link #HOLD}; a session holds at most {@link #MAX_HELD}.
 */
@Component
class KeyReveals {

    /** How long an issued key waits for its page: the redirect follows at once, this is only a bound. */
    static final Duration HOLD = Duration.ofMinutes(5);
    static final int MAX_HELD = 10;
    private static final String ATTRIBUTE = KeyReveals.class.getName();

    private final Clock clock;

    KeyReveals(Clock clock) {
        this.clock = clock;
    }

    /**
     * A key issued to a consumer, waiting to be shown.
     *
     * @param consumerId    the consumer it was issued to
     * @param key           the key, in full
     * @param replacedKeyId the key a rotation replaced, or null
     * @param heldAt        when it was issued
     */
    record Reveal(String consumerId, IssuedKey key, String replacedKeyId, Instant heldAt) {
    }

    /** Holds a new key for the next {@link #take} of its id in this session. */
    void hold(HttpSession session, String consumerId, IssuedKey key, String replacedKeyId) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Map<String, Reveal> held = held(session);
            held.put(key.id(), new Reveal(consumerId, key, replacedKeyId, clock.instant()));
            while (held.size() > MAX_HELD) {
                held.remove(held.keySet().iterator().next());
            }
            session.setAttribute(ATTRIBUTE, held);
        }
    }

    /** The held key of that consumer with that id, removed from the session; empty if it was taken already. */
    Optional<Reveal> take(HttpSession session, String consumerId, String keyId) {
        if (session == null) {
            return Optional.empty();
        }
        synchronized (WebUtils.getSessionMutex(session)) {
            Map<String, Reveal> held = held(session);
            Reveal reveal = held.get(keyId);
            if (reveal == null || !reveal.consumerId().equals(consumerId)) {
                return Optional.empty();
            }
            held.remove(keyId);
            session.setAttribute(ATTRIBUTE, held);
            return Optional.of(reveal);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Reveal> held(HttpSession session) {
        Map<String, Reveal> held = session.getAttribute(ATTRIBUTE) instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, Reveal>) map) : new LinkedHashMap<>();
        Instant oldest = clock.instant().minus(HOLD);
        held.values().removeIf(r -> r.heldAt().isBefore(oldest));
        return held;
    }
}
