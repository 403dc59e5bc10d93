package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https admin whose certificate comes from a private CA: trusted with --cacert, refused without. */
class TlsTests {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static SSLContext serverTls;
    static Path caPem;

    // a self-signed certificate for 127.0.0.1 made with the JDK's keytool: it is its own CA
    @BeforeAll
    static void certificate() throws Exception {
        Path keyStore = dir.resolve("admin.p12");
        caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "admin", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "admin", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", caPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
    }

    @Test
    void thePrivateCaGivenWithCacertIsTrusted() throws Exception {
        try (FakeAdmin admin = new FakeAdmin(serverTls)) {
            admin.answer(200, "application/json", "{\"items\": [], \"next\": null}");
            CliRun run = CliRun.run(env(admin), "revisions", "--cacert", caPem.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("No revisions recorded.\n");
        }
    }

    @Test
    void withoutItTheHandshakeFailsWithAHintAndNothingIsSent() throws Exception {
        try (FakeAdmin admin = new FakeAdmin(serverTls)) {
            CliRun run = CliRun.run(env(admin), "revisions");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: TLS with " + admin.url() + " failed: ")
                    .contains("pass --cacert FILE");
            assertThat(admin.exchanges()).isEmpty();
        }
    }

    @Test
    void aFileThatIsNotPemIsAnError() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        CliRun run = CliRun.run(Map.of("GATEHOUSE_TOKEN", "t"), "revisions", "--url", "https://127.0.0.1:9",
                "--cacert", notPem.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: --cacert " + notPem);
    }

    private static Map<String, String> env(FakeAdmin admin) {
        return Map.of("GATEHOUSE_URL", admin.url(), "GATEHOUSE_TOKEN", "ght_tls_token");
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
    }
}
