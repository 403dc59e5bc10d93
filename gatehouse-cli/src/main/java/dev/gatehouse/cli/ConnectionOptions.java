package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * How to reach the admin, mixed into every command that calls it. The token is deliberately not an option: command
 * lines are visible to every user of the machine ({@code ps}) and end up in shell histories and CI logs.
 */
final class ConnectionOptions {

    static final String URL_ENV = "GATEHOUSE_URL";

    @Option(names = "--url", paramLabel = "URL",
            description = "The admin's address, e.g. https://gatehouse-admin.example.com "
                    + "(default: the environment variable GATEHOUSE_URL, else " + AdminUrl.DEFAULT + ").")
    String url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the API token, readable by you only (chmod 600). "
                    + "Default: the token in the environment variable GATEHOUSE_TOKEN.")
    Path tokenFile;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "PEM file of the CA certificate(s) to trust for an https admin "
                    + "(default: the Java runtime's trusted CAs).")
    Path caCert;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Longest wait to connect, and for each answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** A client for the admin these options name; warns on {@code err} when the token would cross a network unencrypted. */
    AdminClient connect(Map<String, String> env, PrintWriter err) {
        String given = url != null ? url : env.getOrDefault(URL_ENV, "");
        URI base = AdminUrl.parse(given.isBlank() ? AdminUrl.DEFAULT : given);
        if (timeoutSeconds < 1) {
            throw new CliException("--timeout must be at least 1 (seconds)");
        }
        SSLContext ssl = null;
        if (caCert != null) {
            if (!base.getScheme().equals("https")) {
                throw new CliException("--cacert is for an https admin, but the URL is " + base);
            }
            ssl = TrustedCertificates.fromPem(caCert);
        }
        String token = TokenSource.resolve(tokenFile, env);
        if (AdminUrl.plainTextOverNetwork(base)) {
            err.println("warning: " + base + " is plain http to another machine: the API token and the"
                    + " configuration travel unencrypted; use https://");
            err.flush();
        }
        return new AdminClient(base, token, Duration.ofSeconds(timeoutSeconds), ssl);
    }
}
