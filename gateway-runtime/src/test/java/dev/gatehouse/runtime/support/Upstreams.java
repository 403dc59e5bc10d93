package dev.gatehouse.runtime.support;

/** The echo upstream every test node sends to, started once per JVM. */
public final class Upstreams {

    private static EchoUpstream echo;

    private Upstreams() {
    }

    public static synchronized EchoUpstream echo() {
        if (echo == null) {
            echo = EchoUpstream.start();
        }
        return echo;
    }
}
