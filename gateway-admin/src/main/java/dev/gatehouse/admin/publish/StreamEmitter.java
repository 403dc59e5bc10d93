package dev.gatehouse.admin.publish;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An {@link SseEmitter} that tells when Spring MVC has taken it up. Until then every send is buffered in
 * memory; a snapshot with a million keys must wait for this so that it streams to the node instead.
 */
final class StreamEmitter extends SseEmitter {

    private final CountDownLatch taken = new CountDownLatch(1);

    StreamEmitter() {
        super(0L);
    }

    @Override
    protected void extendResponse(ServerHttpResponse outputMessage) {
        super.extendResponse(outputMessage);
        taken.countDown();
    }

    /** Waits until the response is being written; false after the timeout. */
    boolean awaitTaken(Duration timeout) throws InterruptedException {
        return taken.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
