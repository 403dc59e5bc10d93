package dev.gatehouse.cli;

/**
 * Exit codes, fixed for pipelines (the same convention as {@code terraform plan -detailed-exitcode}).
 */
final class ExitCodes {

    /** Success; for {@code diff}: the admin already matches the file. */
    static final int OK = 0;
    /** Any error: bad arguments or file, refused by the admin, network, TLS. Nothing was changed. */
    static final int ERROR = 1;
    /** {@code diff} only: the file differs from the admin, an {@code apply} would change something. */
    static final int CHANGES = 2;

    private ExitCodes() {
    }
}
