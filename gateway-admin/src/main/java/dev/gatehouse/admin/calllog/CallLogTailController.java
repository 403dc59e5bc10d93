package dev.gatehouse.admin.calllog;

import dev.gatehouse.admin.console.ConsoleController;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live tail for the console's logs page: a server-sent event stream ({@code GET /logs/tail}) that every second
 * sends, as {@code call} events, the calls stored after the last one it sent. The position is a (timestamp, id)
 * cursor read from the database, so any admin instance can serve a tail. Each event's id is that cursor: a stream
 * ends after {@link #LIFETIME} and the browser's EventSource reconnects with {@code Last-Event-ID}, resuming where
 * it stopped. A call shipped later than calls already sent (a node that spooled while the admin was away) is
 * found by search, not by the tail.
 */
@ConsoleController
class CallLogTailController {

    static final Duration LIFETIME = Duration.ofMinutes(2);
    static final Duration START_BACK = Duration.ofSeconds(30);
    static final int MAX_PER_TICK = 200;

    private final CallLogService logs;
    private final Clock clock;
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "call-log-tail");
        thread.setDaemon(true);
        return thread;
    });

    CallLogTailController(CallLogService logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @GetMapping(path = "/logs/tail", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter tail(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                    @RequestParam(required = false) String after) {
        String resume = lastEventId != null ? lastEventId : after;
        LogCursor start = LogCursor.decode(resume)
                .orElseGet(() -> LogCursor.of(clock.instant().minus(START_BACK), 0));
        AtomicReference<LogCursor> position = new AtomicReference<>(start);
        SseEmitter emitter = new SseEmitter(LIFETIME.toMillis() + 5_000);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> running = task.get();
            if (running != null) {
                running.cancel(false);
            }
        };
        long deadline = System.nanoTime() + LIFETIME.toNanos();
        task.set(ticker.scheduleWithFixedDelay(() -> {
            try {
                List<CallLogEntry> calls = logs.after(position.get(), MAX_PER_TICK);
                for (CallLogEntry call : calls) {
                    LogCursor cursor = LogCursor.of(call.timestamp(), call.id());
                    emitter.send(SseEmitter.event().name("call").id(cursor.encode())
                            .data(call, MediaType.APPLICATION_JSON));
                    position.set(cursor);
                }
                if (calls.isEmpty()) {
                    // A comment keeps proxies from closing an idle stream and detects a closed browser tab.
                    emitter.send(SseEmitter.event().comment("idle"));
                }
                if (System.nanoTime() > deadline) {
                    stop.run();
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                stop.run();
                emitter.completeWithError(gone);
            } catch (RuntimeException e) {
                // Database briefly unavailable: keep the stream and try again next second.
            }
        }, 0, 1, TimeUnit.SECONDS));
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        return emitter;
    }

    @PreDestroy
    void shutdown() {
        ticker.shutdownNow();
    }
}
