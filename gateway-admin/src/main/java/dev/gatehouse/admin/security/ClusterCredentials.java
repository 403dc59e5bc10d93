package dev.gatehouse.admin.security;

import dev.gatehouse.admin.GatehouseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The credential nodes present on {@code /cluster/**}. With {@code GATEHOUSE_CLUSTER_TOKEN} set, that token is
 * the credential. Otherwise the first admin start generates one, stores only its SHA-256 digest in
 * {@code cluster_credentials} and logs it once; later starts (and other admin instances) use the stored digest.
 */
@Component
public class ClusterCredentials implements SmartInitializingSingleton {

    /** Prefix of generated cluster tokens. */
    public static final String PREFIX = "ghc_";

    private static final Logger log = LoggerFactory.getLogger(ClusterCredentials.class);

    private final ClusterCredentialRepository repository;
    private final String configuredToken;
    private volatile String digest;

    ClusterCredentials(ClusterCredentialRepository repository, GatehouseProperties properties) {
        this.repository = repository;
        this.configuredToken = properties.cluster().token();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (StringUtils.hasText(configuredToken)) {
            digest = TokenDigest.sha256Hex(configuredToken);
            log.info("Cluster token taken from GATEHOUSE_CLUSTER_TOKEN");
            return;
        }
        String token = TokenDigest.generate(PREFIX);
        // Several admins may start at once on an empty database: only the one whose insert wins prints.
        boolean stored = repository.insertIfAbsent(TokenDigest.sha256Hex(token)) == 1;
        digest = repository.findById(StoredClusterCredential.ID).orElseThrow().tokenHash();
        if (stored) {
            log.warn("Cluster token (shown once): {}", token);
            log.warn("Give it to runtime nodes as GATEHOUSE_CLUSTER_TOKEN; only its hash is stored.");
        } else {
            log.info("Cluster token: using the stored hash (the token was printed at first start)");
        }
    }

    /** Whether the token is the cluster credential. */
    public boolean matches(String token) {
        String expected = digest;
        return token != null && !token.isEmpty() && token.length() <= 512 && expected != null
                && TokenDigest.sameDigest(expected, TokenDigest.sha256Hex(token));
    }
}
