package dev.gatehouse.runtime.auth;

/**
 * Exchange attributes of authentication. The handler mapping puts the matched route's {@link RouteAuth} and the
 * configuration's {@link ConsumerDirectory} in; the auth filter puts who called in, for the call log.
 */
public final class AuthAttributes {

    private static final String PREFIX = AuthAttributes.class.getName() + ".";

    /** The {@link RouteAuth} of the matched route. */
    public static final String ROUTE = PREFIX + "route";
    /** The {@link ConsumerDirectory} of the configuration the request was routed with. */
    public static final String DIRECTORY = PREFIX + "directory";
    /** Id of the authenticated consumer (String). */
    public static final String CONSUMER_ID = PREFIX + "consumerId";
    /** Name of the authenticated consumer (String). */
    public static final String CONSUMER_NAME = PREFIX + "consumerName";
    /** Display prefix of the API key used (String), absent for JWTs. */
    public static final String KEY_PREFIX = PREFIX + "keyPrefix";

    private AuthAttributes() {
    }
}
