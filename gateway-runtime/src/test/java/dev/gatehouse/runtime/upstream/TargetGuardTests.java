package dev.gatehouse.runtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import dev.gatehouse.runtime.error.GatewayProblem;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class TargetGuardTests {

    private final TargetGuard guard = new TargetGuard(new UpstreamTargetProperties(List.of("10.9.0.0/16"),
            List.of("169.254.10.0/24")));

    @Test
    void checksTheResolvedAddressUnderItsName() throws Exception {
        // what a resolver hands the socket: the name with the address it resolved to
        InetSocketAddress rebound = new InetSocketAddress(
                InetAddress.getByAddress("orders.example", new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}),
                80);
        assertThat(guard.check(rebound)).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("target_forbidden"));
        InetSocketAddress fine = new InetSocketAddress(
                InetAddress.getByAddress("orders.example", new byte[] {10, 8, 0, 1}), 80);
        assertThat(guard.check(fine)).isEmpty();
    }

    @Test
    void appliesTheOperatorsListsAndRefusesDeniedNamesUnresolved() {
        assertThat(guard.check(new InetSocketAddress("10.9.3.4", 8080))).isPresent();
        assertThat(guard.check(new InetSocketAddress("169.254.10.5", 80))).isEmpty();
        assertThat(guard.check(new InetSocketAddress("169.254.11.5", 80))).isPresent();
        assertThat(guard.check(InetSocketAddress.createUnresolved("metadata.google.internal", 80))).isPresent();
        assertThat(guard.check(InetSocketAddress.createUnresolved("orders.example", 80))).isEmpty();
    }

    @Test
    void theConnectHandlerFailsARefusedConnectBeforeItReachesTheSocket() {
        Recorder socket = new Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(socket, new ConnectGuard(guard));

        ChannelFuture refused = channel.connect(new InetSocketAddress("169.254.169.254", 80));
        assertThat(refused.cause()).isInstanceOf(GatewayProblem.class);
        assertThat(socket.connects).isZero();

        channel.connect(new InetSocketAddress("10.8.0.1", 80));
        assertThat(socket.connects).isEqualTo(1);
    }

    /** Stands for the socket end of the pipeline: counts the connects that reach it. */
    private static final class Recorder extends ChannelOutboundHandlerAdapter {
        int connects;

        @Override
        public void connect(ChannelHandlerContext ctx, java.net.SocketAddress remote, java.net.SocketAddress local,
                            ChannelPromise promise) {
            connects++;
            promise.setSuccess();
        }
    }
}
