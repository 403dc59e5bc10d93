package dev.gatehouse.admin.bootstrap;

import dev.gatehouse.admin.GatehouseProperties;
import dev.gatehouse.admin.security.ApiTokenService;
import dev.gatehouse.admin.security.TokenDigest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes a fresh installation usable: on first start (no users, no tokens) creates the admin user from
 * {@code GATEHOUSE_ADMIN_USER}/{@code GATEHOUSE_ADMIN_PASSWORD} and the first API token from
 * {@code GATEHOUSE_ADMIN_TOKEN}; generated secrets are printed once and only their hashes are stored.
 * A configured {@code GATEHOUSE_ADMIN_TOKEN} is (re-)registered on every start, so automation that sets it
 * keeps working. Both tokens belong to the service account {@value AdminUserService#BOOTSTRAP_ACCOUNT}, which
 * never signs in to the console. Runs before the web server accepts requests.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminUserService users;
    private final ApiTokenService tokens;
    private final GatehouseProperties.Admin settings;

    AdminBootstrap(AdminUserService users, ApiTokenService tokens, GatehouseProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.settings = properties.admin();
    }

    @Override
    public void afterSingletonsInstantiated() {
        createFirstUser();
        // owner of the bootstrap tokens: made by migration V16, made again here if an admin deleted it
        if (users.createServiceAccountIfAbsent(AdminUserService.BOOTSTRAP_ACCOUNT)) {
            log.info("Service account '{}' created for the bootstrap API token", AdminUserService.BOOTSTRAP_ACCOUNT);
        }
        createFirstToken();
    }

    private void createFirstUser() {
        if (users.any()) {
            return;
        }
        boolean generated = !StringUtils.hasText(settings.password());
        String password = generated ? TokenDigest.generate("").substring(0, 24) : settings.password();
        String username = StringUtils.hasText(settings.user()) ? settings.user() : "admin";
        if (users.createIfAbsent(username, password, Role.ADMIN)) {
            if (generated) {
                log.warn("Admin user '{}' created; password (shown once): {}", username, password);
            } else {
                log.info("Admin user '{}' created with the password from GATEHOUSE_ADMIN_PASSWORD", username);
            }
        }
    }

    private void createFirstToken() {
        if (StringUtils.hasText(settings.token())) {
            if (tokens.storeIfAbsent("bootstrap (GATEHOUSE_ADMIN_TOKEN)", settings.token(), Role.ADMIN)) {
                log.info("Admin API token from GATEHOUSE_ADMIN_TOKEN registered");
            }
            return;
        }
        if (tokens.any()) {
            return;
        }
        String token = TokenDigest.generate(ApiTokenService.PREFIX);
        if (tokens.storeIfAbsent("bootstrap", token, Role.ADMIN)) {
            log.warn("Admin API token (shown once): {}", token);
        }
    }
}
