package dev.gatehouse.runtime.upstream;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

import dev.gatehouse.runtime.error.GatewayProblem;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Sits first in each upstream channel's pipeline, next to the socket, and fails the connect of a channel whose
 * remote address {@link TargetGuard} refuses. Being last to see the connect, it sees the address the socket
 * dials: resolved by DNS, after any rewriting by other handlers.
 */
@ChannelHandler.Sharable
final class ConnectGuard extends ChannelOutboundHandlerAdapter {

    /** Its name in the pipeline. */
    static final String NAME = "gatehouse.targetGuard";

    private final TargetGuard guard;

    ConnectGuard(TargetGuard guard) {
        this.guard = guard;
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
        if (remote instanceof InetSocketAddress address) {
            Optional<GatewayProblem> refused = guard.check(address);
            if (refused.isPresent()) {
                promise.setFailure(refused.get());
                return;
            }
        }
        ctx.connect(remote, local, promise);
    }
}
