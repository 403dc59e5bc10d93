package dev.gatehouse.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the admin, bound from {@code gatehouse.*} (each mapped from a {@code GATEHOUSE_*} environment
 * variable in application.yml).
 *
 * @param dataDir where the embedded PostgreSQL keeps its data when no database URL is given
 * @param admin   the first console user and API token, created on first start
 * @param cluster the credential nodes present and the change-log settings
 * @param demo    optional demo service and route
 */
@ConfigurationProperties("gatehouse")
public record GatehouseProperties(@DefaultValue("./.gatehouse") String dataDir,
                                  @DefaultValue Admin admin,
                                  @DefaultValue Cluster cluster,
                                  @DefaultValue Demo demo) {

    /**
     * @param user     user name of the first console user
     * @param password its password; random (and logged once) when empty
     * @param token    an admin API token that is always accepted; random first token (logged once) when empty
     */
    public record Admin(@DefaultValue("admin") String user, String password, String token) {
    }

    /**
     * @param token             cluster token nodes must present; generated and stored hashed when empty
     * @param retainedRevisions how many revisions of change log are kept for resuming nodes
     * @param keepalive         interval of keepalive comments on configuration streams
     */
    public record Cluster(String token, @DefaultValue("10000") long retainedRevisions,
                          @DefaultValue("15s") Duration keepalive) {
    }

    /**
     * @param seed     whether to create the demo service and route when no service exists
     * @param upstream {@code host:port} of the demo upstream
     */
    public record Demo(@DefaultValue("false") boolean seed, @DefaultValue("127.0.0.1:9000") String upstream) {
    }
}
