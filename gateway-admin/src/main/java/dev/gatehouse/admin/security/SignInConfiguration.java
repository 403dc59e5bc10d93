package dev.gatehouse.admin.security;

import dev.gatehouse.admin.audit.AuditTrail;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.SignInEvents;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console sign-in's parts that are not the filter chain: the throttle (swept every minute), the trusted-proxy
 * rule ({@code gatehouse.admin.trusted-proxies}) applied by a Tomcat
 * valve, the single sign-on settings and what the sign-in page offers. The chain itself is in {@link SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    SignInThrottle signInThrottle(SignInProperties properties, Clock clock) {
        return new SignInThrottle(properties, clock);
    }

    /**
     * A bean (besides being the console chain's only provider) so that Spring Boot does not add its default
     * in-memory user with a generated password.
     */
    @Bean
    ConsoleAuthenticationProvider consoleAuthenticationProvider(AdminUserService users, PasswordEncoder passwords,
                                                                SignInThrottle throttle, SignInEvents events,
                                                                AuditTrail audit) {
        return new ConsoleAuthenticationProvider(users, passwords, throttle, events, audit);
    }

    /** Single sign-on settings, checked at start ({@code GATEHOUSE_OIDC_*}); off unless the issuer is set. */
    @Bean
    SingleSignOn singleSignOn(OidcProperties properties) {
        return SingleSignOn.of(properties);
    }

    /**
     * What the sign-in page offers. The password sign-in can be turned off ({@code GATEHOUSE_LOCAL_SIGN_IN=false})
     * only when single sign-on is on: otherwise nobody could sign in.
     */
    @Bean
    SignInOptions signInOptions(SingleSignOn singleSignOn,
                                @Value("${gatehouse.admin.local-sign-in:true}") boolean localSignIn) {
        if (!localSignIn && !singleSignOn.enabled()) {
            throw new IllegalArgumentException(
                    "GATEHOUSE_LOCAL_SIGN_IN=false needs single sign-on (GATEHOUSE_OIDC_ISSUER): nobody could sign in");
        }
        return new SignInOptions(singleSignOn.enabled(), singleSignOn.displayName(), localSignIn);
    }

    @Bean
    ThrottleSweeper throttleSweeper(SignInThrottle throttle) {
        return new ThrottleSweeper(throttle);
    }

    @Bean
    TrustedProxies trustedProxies(@Value("${gatehouse.admin.trusted-proxies:}") List<String> entries) {
        return TrustedProxies.parse(entries);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxyValve(TrustedProxies proxies) {
        return factory -> factory.addEngineValves(new TrustedProxyValve(proxies));
    }

    /** Lets the throttle forget accounts and addresses that hold nothing back any more. */
    static final class ThrottleSweeper {

        private final SignInThrottle throttle;

        ThrottleSweeper(SignInThrottle throttle) {
            this.throttle = throttle;
        }

        @Scheduled(fixedDelayString = "PT1M")
        void sweep() {
            throttle.sweep();
        }
    }
}
