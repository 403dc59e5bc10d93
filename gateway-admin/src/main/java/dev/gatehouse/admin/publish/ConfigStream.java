package dev.gatehouse.admin.publish;

import dev.gatehouse.admin.GatehouseProperties;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigChange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open configuration streams of this admin instance. Each stream starts with a snapshot (followed by its API
 * keys in chunks) or the changes since the node's revision, then receives every later revision in order. {@link ConfigChangeListener} feeds
 * committed revisions in through {@link #committed}; each is serialised once and sent to every stream from a
 * small pool, so one slow node does not hold up the others. A per-stream lock and revision make sends
 * idempotent: whoever holds the lock brings the stream up to the newest known revision.
 */
@Component
public class ConfigStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConfigStream.class);
    private static final int RECENT_LIMIT = 1_024;

    private final StreamStart start;
    private final ChangeLog changeLog;
    private final ConfigJson json;
    private final PublishLatency latency;
    private final long keepaliveMillis;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Recently committed change sets by fromRevision, with their JSON. */
    private final ConcurrentSkipListMap<Long, Published> recent = new ConcurrentSkipListMap<>();
    private volatile long latest = -1;
    private volatile boolean running;
    private ExecutorService senders;
    private ExecutorService starters;
    private ScheduledExecutorService keepalive;

    ConfigStream(StreamStart start, ChangeLog changeLog, ConfigJson json, GatehouseProperties properties,
                 PublishLatency latency) {
        this.start = start;
        this.changeLog = changeLog;
        this.json = json;
        this.latency = latency;
        this.keepaliveMillis = Math.max(100, properties.cluster().keepalive().toMillis());
    }

    /**
     * Opens a stream for a node that holds {@code nodeRevision} (0 or negative: none). The first events (a
     * snapshot with its keys, or the changes since the node's revision) are sent from a pool of their own once
     * Spring MVC has taken up the emitter, so that a large snapshot streams rather than collects in memory and
     * does not hold up live changes to other nodes.
     */
    /**
     * The node also says which cluster id and epoch its revision belongs to ({@code null}, 0 from older nodes):
     * when they are not this admin's, the node's revision means nothing here and it gets a snapshot.
     */
    public SseEmitter open(String nodeId, long nodeRevision, String nodeCluster, long nodeEpoch) {
        StreamEmitter emitter = new StreamEmitter();
        Subscriber subscriber = new Subscriber(nodeId == null ? "(unnamed)" : nodeId, emitter);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(subscriber::close);
        emitter.onError(e -> subscriber.close());
        ExecutorService pool = starters;
        if (pool == null) {
            subscriber.close();
            return emitter;
        }
        try {
            pool.execute(() -> start(subscriber, emitter, nodeRevision, nodeCluster, nodeEpoch));
        } catch (RejectedExecutionException e) {
            subscriber.close();
        }
        return emitter;
    }

    private void start(Subscriber subscriber, StreamEmitter emitter, long nodeRevision, String nodeCluster,
                       long nodeEpoch) {
        long revision;
        subscriber.lock.lock();
        try {
            if (!emitter.awaitTaken(Duration.ofSeconds(30))) {
                subscriber.close();
                return;
            }
            revision = start.sendFirstEvents(nodeRevision, nodeCluster, nodeEpoch, subscriber::send);
            if (revision < 0) {
                subscriber.close();
                return;
            }
            subscriber.revision = revision;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscriber.close();
            return;
        } catch (RuntimeException e) {
            log.warn("Could not start the configuration stream of node {}: {}", subscriber.nodeId, e.toString());
            subscriber.close();
            return;
        } finally {
            subscriber.lock.unlock();
        }
        log.info("Node {} opened a configuration stream at revision {}: sent revision {}", subscriber.nodeId,
                nodeRevision, revision);
        subscribers.add(subscriber);
        // Revisions that committed while the first events were being read.
        dispatch(subscriber);
    }

    /** Number of open streams. */
    public int openStreams() {
        return subscribers.size();
    }

    /** The newest revision known to this instance; -1 before the listener started. */
    public long latestRevision() {
        return latest;
    }

    /**
     * Called by the listener with newly committed revisions, in order, and when each revision's transaction
     * started (only while streams are open: see {@link PublishLatency}).
     */
    void committed(List<ConfigChangeSet> sets, Map<Long, Instant> writtenAt) {
        if (sets.isEmpty()) {
            return;
        }
        latency.committed(writtenAt);
        for (ConfigChangeSet set : sets) {
            recent.put(set.fromRevision(), new Published(set, json.writeString(set)));
        }
        while (recent.size() > RECENT_LIMIT) {
            recent.pollFirstEntry();
        }
        latest = Math.max(latest, sets.get(sets.size() - 1).toRevision());
        subscribers.forEach(this::dispatch);
    }

    /** Sets the newest revision known at listener start, before any stream catches up. */
    void startAt(long revision) {
        latest = Math.max(latest, revision);
    }

    private void dispatch(Subscriber subscriber) {
        ExecutorService pool = senders;
        if (pool == null) {
            return;
        }
        try {
            pool.execute(() -> catchUp(subscriber));
        } catch (RejectedExecutionException e) {
            subscriber.close();
        }
    }

    private void catchUp(Subscriber subscriber) {
        subscriber.lock.lock();
        try {
            while (!subscriber.closed && subscriber.revision >= 0 && subscriber.revision < latest) {
                Published next = recent.get(subscriber.revision);
                if (next == null) {
                    next = load(subscriber.revision);
                }
                if (next == null) {
                    // Too far behind for the retained log; reconnecting gets the node a snapshot.
                    log.info("Node {} fell behind the change log at revision {}; closing its stream",
                            subscriber.nodeId, subscriber.revision);
                    subscriber.close();
                    return;
                }
                if (!subscriber.send(ClusterProtocol.CHANGES_EVENT, next.set().toRevision(), next.json())) {
                    return;
                }
                latency.sent(next.set().toRevision());
                subscriber.revision = next.set().toRevision();
            }
        } finally {
            subscriber.lock.unlock();
        }
    }

    private Published load(long from) {
        List<ConfigChangeSet> sets = changeLog.after(from, RECENT_LIMIT);
        if (sets.isEmpty() || sets.get(0).fromRevision() != from) {
            return null;
        }
        List<ConfigChange> changes = new ArrayList<>();
        sets.forEach(set -> changes.addAll(set.changes()));
        ConfigChangeSet last = sets.get(sets.size() - 1);
        ConfigChangeSet merged = new ConfigChangeSet(from, last.toRevision(), last.hash(), changes, last.clusterId(),
                last.epoch());
        return new Published(merged, json.writeString(merged));
    }

    private void sendKeepalives() {
        for (Subscriber subscriber : subscribers) {
            ExecutorService pool = senders;
            if (pool == null) {
                return;
            }
            try {
                pool.execute(() -> {
                    subscriber.lock.lock();
                    try {
                        subscriber.comment("keepalive");
                    } finally {
                        subscriber.lock.unlock();
                    }
                });
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(4, daemonThreads("gatehouse-stream-sender-"));
        starters = Executors.newFixedThreadPool(4, daemonThreads("gatehouse-stream-start-"));
        keepalive = Executors.newSingleThreadScheduledExecutor(daemonThreads("gatehouse-stream-keepalive-"));
        keepalive.scheduleWithFixedDelay(this::sendKeepalives, keepaliveMillis, keepaliveMillis,
                TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        keepalive.shutdownNow();
        ExecutorService pool = senders;
        senders = null;
        pool.shutdown();
        ExecutorService startPool = starters;
        starters = null;
        startPool.shutdownNow();
        // Close streams before the web server's graceful shutdown, which would otherwise wait for them.
        subscribers.forEach(Subscriber::close);
        subscribers.clear();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops first: before the web server's graceful shutdown phase.
        return Integer.MAX_VALUE;
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Published(ConfigChangeSet set, String json) {
    }

    /** One open stream. Fields other than {@code closed} are guarded by {@code lock}. */
    private final class Subscriber {

        final String nodeId;
        final SseEmitter emitter;
        final ReentrantLock lock = new ReentrantLock();
        long revision = -1;
        volatile boolean closed;

        Subscriber(String nodeId, SseEmitter emitter) {
            this.nodeId = nodeId;
            this.emitter = emitter;
        }

        boolean send(String event, long id, String data) {
            if (closed) {
                return false;
            }
            try {
                emitter.send(SseEmitter.event().name(event).id(Long.toString(id)).data(data));
                return true;
            } catch (IOException | IllegalStateException e) {
                log.debug("Configuration stream of node {} is gone: {}", nodeId, e.toString());
                close();
                return false;
            }
        }

        void comment(String text) {
            if (closed) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment(text));
            } catch (IOException | IllegalStateException e) {
                close();
            }
        }

        void close() {
            closed = true;
            subscribers.remove(this);
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                // Already completed.
            }
        }
    }
}
