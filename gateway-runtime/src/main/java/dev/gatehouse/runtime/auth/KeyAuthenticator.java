package dev.gatehouse.runtime.auth;

import dev.gatehouse.config.ApiKeyFormat;
import dev.gatehouse.config.ApiKeyHasher;
import dev.gatehouse.runtime.keys.ConsumerDirectory;
import dev.gatehouse.runtime.keys.ConsumerDirectory.KnownConsumer;
import dev.gatehouse.runtime.keys.KeyRecord;

/**
 * Decides what an API key is worth on a route. Every refusal of a key that was sent (malformed, unknown, revoked,
 * expired, consumer suspended or gone) is the same {@link Verdict#INVALID}, so a caller cannot tell them apart;
 * every well-formed key costs one HMAC and one table lookup whether it exists or not, so timing tells nothing
 * either (a revoked key is simply absent from the table).
 */
final class KeyAuthenticator {

    /** How a request's credentials were judged. */
    enum Verdict {
        /** No credentials: 401 {@code missing_credentials}. */
        MISSING,
        /** Credentials refused: 401 {@code invalid_credentials}. */
        INVALID,
        /** Valid credentials that may not call this route: 403 {@code forbidden}. */
        FORBIDDEN,
        /** Go ahead. */
        ALLOWED
    }

    /**
     * The judgement and, unless refused, who called.
     *
     * @param verdict   the judgement
     * @param consumer  the consumer (FORBIDDEN and ALLOWED)
     * @param keyPrefix the display prefix of the key (FORBIDDEN and ALLOWED with a key)
     * @param keyId     the id of the key (FORBIDDEN and ALLOWED with a key)
     */
    record Result(Verdict verdict, KnownConsumer consumer, String keyPrefix, String keyId) {

        static final Result MISSING = new Result(Verdict.MISSING, null, null, null);
        static final Result INVALID = new Result(Verdict.INVALID, null, null, null);
    }

    private KeyAuthenticator() {
    }

    /** Judges {@code presented} (null when the request sent no key) for {@code route} at {@code nowMillis}. */
    static Result authenticate(String presented, RouteAuth route, ConsumerDirectory directory, long nowMillis) {
        if (presented == null) {
            return Result.MISSING;
        }
        ApiKeyHasher hasher = directory.hasher();
        if (hasher == null || !ApiKeyFormat.isWellFormed(presented)) {
            return Result.INVALID;
        }
        KeyRecord key = directory.keys().find(hasher.hash(presented));
        KnownConsumer consumer = key == null ? null : directory.byId(key.consumerId());
        if (key == null || key.expiredAt(nowMillis) || consumer == null || !consumer.active()) {
            return Result.INVALID;
        }
        return judge(route, consumer, key.scopes().allows(route.routeId(), route.serviceId(), route.tags()),
                key.prefix(), key.id());
    }

    /** The verdict for an authenticated consumer: its key's scopes and its groups must both allow the route. */
    static Result judge(RouteAuth route, KnownConsumer consumer, boolean scopesAllow, String keyPrefix,
                        String keyId) {
        Verdict verdict = scopesAllow && route.admits(consumer) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
        return new Result(verdict, consumer, keyPrefix, keyId);
    }
}
