package dev.gatehouse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A TLS context that trusts exactly the certificates of a PEM bundle ({@code --cacert}), as curl's option does. */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static SSLContext fromPem(Path bundle) {
        if (!Files.isRegularFile(bundle)) {
            throw new CliException("--cacert " + bundle + ": no such file");
        }
        try (InputStream in = Files.newInputStream(bundle)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CliException("--cacert " + bundle + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new CliException("--cacert " + bundle + " is not a PEM certificate bundle: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("--cacert " + bundle + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
