package dev.gatehouse.runtime.call;

import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.keys.ConsumerDirectory.KnownConsumer;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.routing.CallFacts;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteMatch;

import org.springframework.web.server.ServerWebExchange;

/**
 * Everything the gateway learns about one proxy-port call, in one object every step reads and writes instead of
 * separate exchange attributes: the configuration and route it was matched to (set by the handler mapping), who
 * made it (set by authentication), the path a transform rewrote it to, the time the upstream took and the problem
 * code it was answered with, and its trace when tracing is on. It lives in one exchange attribute and is created on first use, so calls answered
 * before routing (bad targets, no route) have one too.
 *
 * <p>Not thread-safe, like the exchange: the steps of one call run one after the other.
 */
public final class GatehouseCall implements CallFacts {

    private static final String ATTRIBUTE = CallFacts.ATTRIBUTE;

    private LiveConfig config;
    private RouteMatch match;
    private KnownConsumer consumer;
    private KeyAuthSpec credentials;
    private String keyPrefix;
    private String rewrittenPath;
    private long upstreamNanos = -1;
    private long arrivedMillis;
    private long arrivedNanos;
    private boolean arrived;
    private String problemCode;
    private ClientAddress client;
    private CallTrace trace;
    private final ServerWebExchange exchange;

    private GatehouseCall(ServerWebExchange exchange) {
        this.exchange = exchange;
    }

    /** The call of {@code exchange}, created on first use. */
    public static GatehouseCall of(ServerWebExchange exchange) {
        GatehouseCall call = exchange.getAttribute(ATTRIBUTE);
        if (call == null) {
            call = new GatehouseCall(exchange);
            exchange.getAttributes().put(ATTRIBUTE, call);
        }
        return call;
    }

    /** The call of {@code exchange}, or null when nothing has created one (a management-port request, say). */
    public static GatehouseCall find(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /** Records the route the handler mapping matched under {@code config}; later steps use this configuration. */
    public GatehouseCall routed(LiveConfig config, RouteMatch match) {
        this.config = config;
        this.match = match;
        return this;
    }

    /** The configuration the call was routed with, or null when it was not routed. */
    public LiveConfig config() {
        return config;
    }

    /** The route match, or null when the call was not routed. */
    public RouteMatch match() {
        return match;
    }

    /** The matched route, or null when the call was not routed. */
    public CompiledRoute route() {
        return match == null ? null : match.route();
    }

    /** The caller's address ({@link ClientAddress}), resolved before routing. */
    @Override
    public ClientAddress client() {
        if (client == null) {
            client = ClientAddress.of(exchange);
        }
        return client;
    }

    /**
     * Records who made the call.
     *
     * @param consumer    the authenticated consumer
     * @param keyPrefix   display prefix of the API key used, null for a JWT
     * @param credentials where the route reads API keys (removed from the upstream request), null for none
     */
    public void authenticated(KnownConsumer consumer, String keyPrefix, KeyAuthSpec credentials) {
        this.consumer = consumer;
        this.keyPrefix = keyPrefix;
        this.credentials = credentials;
    }

    /** The authenticated consumer, or null (anonymous, or not yet authenticated). */
    public KnownConsumer consumer() {
        return consumer;
    }

    /** The authenticated consumer's id, or null. */
    @Override
    public String consumerId() {
        return consumer == null ? null : consumer.id();
    }

    /** Display prefix of the API key used, or null. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Where the route reads API keys when the call was authenticated with one, else null. */
    public KeyAuthSpec credentials() {
        return credentials;
    }

    /** The raw path a transform policy rewrote the request path to, or null. */
    public String rewrittenPath() {
        return rewrittenPath;
    }

    public void rewrittenPath(String path) {
        this.rewrittenPath = path;
    }

    /** Records when the call arrived (the call log's clock), so that parts of it can be timed from there. */
    public void arrived(long epochMillis, long nanoTime) {
        this.arrivedMillis = epochMillis;
        this.arrivedNanos = nanoTime;
        this.arrived = true;
    }

    /** True when the call log recorded when the call arrived. */
    public boolean hasArrived() {
        return arrived;
    }

    /** When the call arrived, epoch milliseconds (see {@link #arrived}). */
    public long arrivedMillis() {
        return arrivedMillis;
    }

    /** When the call arrived, on {@link System#nanoTime()}'s clock (see {@link #arrived}). */
    public long arrivedNanos() {
        return arrivedNanos;
    }

    /** Nanoseconds from sending upstream until the response headers, or -1 when the call did not go upstream. */
    public long upstreamNanos() {
        return upstreamNanos;
    }

    public void upstreamNanos(long nanos) {
        this.upstreamNanos = nanos;
    }

    /** The code of the problem the gateway answered the call with, or null when it did not answer with one. */
    public String problemCode() {
        return problemCode;
    }

    public void problemCode(String code) {
        this.problemCode = code;
    }

    /** The call's trace, or null when tracing is off. */
    public CallTrace trace() {
        return trace;
    }

    public void trace(CallTrace value) {
        this.trace = value;
    }

    /** The id of the recorded (sampled) trace of the call, or null ({@link CallTrace#recordedTraceId()}). */
    public String traceId() {
        return trace == null ? null : trace.recordedTraceId();
    }
}
