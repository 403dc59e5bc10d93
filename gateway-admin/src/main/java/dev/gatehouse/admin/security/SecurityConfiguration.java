package dev.gatehouse.admin.security;

import dev.gatehouse.admin.audit.AuditTrail;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.SignInEvents;
import dev.gatehouse.admin.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two filter chains. Machine endpoints ({@code /api/**}, {@code /cluster/**}, {@code /actuator/prometheus}):
 * stateless bearer tokens, no CSRF (no cookies are accepted), problem+json 401/403; the sign-in record is for admins
 * only; the metrics need the scrape token ({@link MetricsScrapeToken}), which opens nothing else. Console
 * (everything else): form login at {@code /login} through {@link ConsoleAuthenticationProvider} (throttled,
 * recorded, BCrypt), session cookie with an absolute lifetime ({@link SessionLifetimeFilter}), CSRF on, a strict
 * Content-Security-Policy ({@code gatehouse.admin.content-security-policy}), no framing, same-origin referrers;
 * viewers may only read, the users pages are for admins. When configured, single sign-on with OpenID Connect
 * beside (or instead of) the password ({@link SingleSignOn}, ADR 014); either way a session follows its user's
 * role and state on every request ({@link SessionRoleRefresh}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] WRITERS = {"ADMIN", "EDITOR"};
    private static final String[] READERS = {"ADMIN", "EDITOR", "VIEWER"};

    /** The console's Content-Security-Policy: nothing inline, nothing from elsewhere, never framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain machineChain(HttpSecurity http, ApiTokenService apiTokens, ClusterCredentials cluster,
                                     MetricsScrapeToken metrics, ProblemWriter problems) throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
        http.securityMatcher("/api/**", "/cluster/**", BearerTokenFilter.METRICS_PATH)
                .authorizeHttpRequests(auth -> auth
                        // Async dispatches continue an authorised SSE response; error dispatches render problems.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/cluster/**").hasRole(BearerTokenFilter.NODE_ROLE)
                        .requestMatchers(BearerTokenFilter.METRICS_PATH).hasRole(BearerTokenFilter.METRICS_ROLE)
                        .requestMatchers("/api/v1/sign-ins", "/api/v1/sign-ins/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole("ADMIN")
                        // own tokens for every role (ApiTokenService limits non-admins to their own)
                        .requestMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasAnyRole(READERS)
                        // who changed what, from where: not for viewers (README, Audit trail)
                        .requestMatchers("/api/v1/audit", "/api/v1/audit/**").hasAnyRole(WRITERS)
                        // makes nodes accept a configuration they refuse: docs/security/cluster-identity.md
                        .requestMatchers("/api/v1/cluster/force-restore").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(READERS)
                        .requestMatchers("/api/**").hasAnyRole(WRITERS)
                        .anyRequest().denyAll())
                .addFilterBefore(new BearerTokenFilter(apiTokens, cluster, metrics), AnonymousAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleChain(HttpSecurity http, ConsoleAuthenticationProvider signIn,
                                     ProblemWriter problems, Clock clock, SingleSignOn singleSignOn,
                                     SignInOptions options, AdminUserService users, SignInEvents events,
                                     AuditTrail audit,
                                     @Value("${gatehouse.admin.session.absolute-timeout:12h}") Duration absolute,
                                     @Value("${gatehouse.admin.content-security-policy:" + CONTENT_SECURITY_POLICY
                                             + "}") String contentSecurityPolicy) throws Exception {
        if (!positive(absolute)) {
            throw new IllegalArgumentException("gatehouse.admin.session.absolute-timeout must be positive");
        }
        SignInAnswers answers = new SignInAnswers(problems, clock, users, events, audit);
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/images/**", "/favicon.ico",
                                "/login", "/error", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/logout").authenticated()
                        .requestMatchers("/users/**").hasRole("ADMIN")
                        // own API tokens for every role (ApiTokenService limits non-admins to their own)
                        .requestMatchers("/tokens", "/tokens/**").hasAnyRole(READERS)
                        .requestMatchers("/audit", "/audit/**").hasAnyRole(WRITERS)
                        // import / export and rollback change or reveal the whole configuration: not for viewers
                        .requestMatchers("/config/transfer", "/config/transfer/**", "/config/history/*/rollback")
                        .hasAnyRole(WRITERS)
                        .requestMatchers("/nodes/force-restore").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.HEAD, "/**").hasAnyRole(READERS)
                        .anyRequest().hasAnyRole(WRITERS))
                // Only these providers: no fallback to one that would check the password unthrottled. The
                // single sign-on's must be here too: a chain's own manager is the only one its filters use.
                .authenticationManager(singleSignOn.enabled()
                        ? new ProviderManager(signIn, new OidcAuthorizationCodeAuthenticationProvider(
                                new RestClientAuthorizationCodeTokenResponseClient(),
                                new ConsoleOidcUserService(singleSignOn, users)))
                        : new ProviderManager(signIn))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // Session id changes at sign-in (Spring Security's default, asserted by a test).
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .addFilterBefore(new SessionLifetimeFilter(absolute, clock), SecurityContextHolderFilter.class)
                // after the context is read from the session, before anything authorises with it
                .addFilterAfter(new SessionRoleRefresh(users), SecurityContextHolderFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()));
        if (options.password()) {
            http.formLogin(form -> form.loginPage("/login").successHandler(answers).failureHandler(answers)
                    .permitAll());
        }
        if (singleSignOn.enabled()) {
            // Authorization-code flow only (the provider above; ID token signature, issuer, audience, expiry and
            // nonce checked there); Spring Security sends and checks state, and PKCE is required by the
            // registration. The link to /oauth2/authorization/oidc is a navigation, not a form, so the
            // CSP's form-action 'self' is not in its way.
            http.oauth2Login(sso -> sso.loginPage("/login")
                    .clientRegistrationRepository(new DiscoveredClientRegistration(singleSignOn))
                    // the provider's tokens live and die with the session; nothing else uses them
                    .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                    .successHandler(answers)
                    .failureHandler(new SingleSignOnFailures(events, audit)));
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
