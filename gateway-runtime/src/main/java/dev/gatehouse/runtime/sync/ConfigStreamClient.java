package dev.gatehouse.runtime.sync;

import java.time.Duration;

import dev.gatehouse.runtime.Backoff;
import dev.gatehouse.runtime.GatehouseProperties;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps the node subscribed to the admin's configuration stream. Each connection asks for the revision the node
 * serves ({@code revision=0} after an event could not be applied, to get a full snapshot); events are applied one
 * at a time on {@code boundedElastic}, never on the event loop, with only {@link #PREFETCH} events buffered ahead
 * (a snapshot of a million keys arrives as 200 {@code keys} events of about 1 MB: the admin is slowed down by TCP
 * flow control rather than the node buffering them all). Any end of the stream (error, close, 45 s of
 * silence where the admin sends a keep-alive every 15 s) leads to a reconnect after an exponential, jittered
 * delay; a 401 is logged as such and retried at the slowest pace. A configuration the node refuses (see
 * {@link AcceptanceRule}) ends the connection too: the node keeps serving, reports the refusal and tries the admin
 * again with the same growing delay, asking for its own revision (never a forced snapshot), until the admin offers
 * something it accepts. There is no polling: between connections the node only waits.
 */
@Component
public class ConfigStreamClient implements SmartLifecycle {

    /** Events decoded ahead of the one being applied. */
    static final int PREFETCH = 4;

    /** The admin sends a comment every 15 s; three missed ones mean the connection is dead. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(45);

    private static final Logger log = LoggerFactory.getLogger(ConfigStreamClient.class);

    private final ClusterClient cluster;
    private final ConfigEventHandler handler;
    private final LiveConfigHolder holder;
    private final Backoff backoff;
    private final ConfigRefusals refusals;
    private volatile boolean running;
    private volatile boolean resync;
    private volatile Disposable connection;
    private volatile Disposable retry;
    private volatile int failures;
    private volatile int unauthorizedStreak;

    public ConfigStreamClient(ClusterClient cluster, ConfigEventHandler handler, LiveConfigHolder holder,
                              GatehouseProperties properties, ConfigRefusals refusals) {
        this.refusals = refusals;
        this.cluster = cluster;
        this.handler = handler;
        this.holder = holder;
        this.backoff = new Backoff(Duration.ofMillis(200), properties.reconnectMaxDelay());
    }

    @Override
    public synchronized void start() {
        running = true;
        connect();
    }

    @Override
    public synchronized void stop() {
        running = false;
        dispose(retry);
        dispose(connection);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the web server (so the node's address is known) and stops first. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    private synchronized void connect() {
        if (!running) {
            return;
        }
        LiveConfig held = holder.current();
        long revision = resync ? 0 : held.revision();
        resync = false;
        // keys of a snapshot sent on an earlier connection will not be continued on this one
        handler.reset();
        log.debug("Connecting to {} for configuration after revision {}", cluster.adminUrl(), revision);
        connection = cluster.stream(revision, held.ready() ? held.state().clusterId() : null, held.state().epoch())
                .timeout(IDLE_TIMEOUT)
                .publishOn(Schedulers.boundedElastic(), PREFETCH)
                .doOnNext(this::onEvent)
                .subscribe(null, this::onError, this::onComplete);
    }

    private void onEvent(ServerSentEvent<String> event) {
        boolean applied = handler.handle(event.event(), event.data());
        if (applied) {
            refusals.accepted(cluster.adminUrl());
        }
        // while refusing, a keep-alive proves nothing: the next offer will be refused again
        if (applied || (event.comment() != null && !refusals.refusing())) {
            // the admin is reachable and its data applies: the next outage starts from the shortest delay
            backoff.reset();
            if (failures > 0) {
                log.info("Connected to the admin at {} again", cluster.adminUrl());
                failures = 0;
                unauthorizedStreak = 0;
            }
        }
    }

    private void onError(Throwable error) {
        failures++;
        if (!(error instanceof ClusterUnauthorizedException)) {
            unauthorizedStreak = 0;
        }
        Duration delay;
        if (error instanceof ConfigRefusedException refused) {
            delay = backoff.next();
            refusals.refused(refused.refusal(), cluster.adminUrl(), holder.current().revision());
            log.debug("Configuration refused; trying the admin again in {} ms", delay.toMillis());
        } else if (error instanceof ResyncRequiredException) {
            resync = true;
            delay = backoff.next();
            log.warn("Keeping configuration revision {} and asking for a full snapshot in {} ms: {}",
                    holder.current().revision(), delay.toMillis(), error.getMessage());
        } else if (error instanceof ClusterUnauthorizedException) {
            delay = backoff.slow();
            // loud, but about once a minute rather than at every attempt
            Level level = unauthorizedStreak++ % 6 == 0 ? Level.ERROR : Level.DEBUG;
            log.atLevel(level).log("The admin at {} refused this node's cluster token (401 Unauthorized). "
                    + "Check that GATEHOUSE_CLUSTER_TOKEN matches the admin's; retrying in {} ms",
                    cluster.adminUrl(), delay.toMillis());
        } else {
            delay = backoff.next();
            if (failures == 1 || failures % 10 == 0) {
                log.warn("No configuration stream from the admin at {} ({}); serving revision {}, retrying in {} ms",
                        cluster.adminUrl(), error.toString(), holder.current().revision(), delay.toMillis());
            } else {
                log.debug("Configuration stream failed again: {}", error.toString());
            }
        }
        scheduleReconnect(delay);
    }

    private void onComplete() {
        Duration delay = backoff.next();
        log.info("The admin at {} closed the configuration stream; reconnecting in {} ms", cluster.adminUrl(),
                delay.toMillis());
        scheduleReconnect(delay);
    }

    private synchronized void scheduleReconnect(Duration delay) {
        if (running) {
            retry = Mono.delay(delay).subscribe(tick -> connect());
        }
    }

    private static void dispose(Disposable disposable) {
        if (disposable != null) {
            disposable.dispose();
        }
    }
}
