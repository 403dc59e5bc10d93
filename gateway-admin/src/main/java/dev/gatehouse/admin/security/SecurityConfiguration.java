package dev.gatehouse.admin.security;

import dev.gatehouse.admin.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Two filter chains. Machine endpoints ({@code /api/**}, {@code /cluster/**}): stateless bearer tokens, no
 * CSRF (no cookies are accepted), problem+json 401/403. Console (everything else): form login at
 * {@code /login}, session cookie, CSRF on, BCrypt passwords; viewers may only read.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] WRITERS = {"ADMIN", "EDITOR"};
    private static final String[] READERS = {"ADMIN", "EDITOR", "VIEWER"};

    @Bean
    @Order(1)
    SecurityFilterChain machineChain(HttpSecurity http, ApiTokenService apiTokens, ClusterCredentials cluster,
                                     ProblemWriter problems) throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
        http.securityMatcher("/api/**", "/cluster/**")
                .authorizeHttpRequests(auth -> auth
                        // Async dispatches continue an authorised SSE response; error dispatches render problems.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/cluster/**").hasRole(BearerTokenFilter.NODE_ROLE)
                        // makes nodes accept a configuration they refuse: docs/security/cluster-identity.md
                        .requestMatchers("/api/v1/cluster/force-restore").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(READERS)
                        .requestMatchers("/api/**").hasAnyRole(WRITERS)
                        .anyRequest().denyAll())
                .addFilterBefore(new BearerTokenFilter(apiTokens, cluster), AnonymousAuthenticationFilter.class)
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
    SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/images/**", "/favicon.ico",
                                "/login", "/error", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/logout").authenticated()
                        .requestMatchers("/nodes/force-restore").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.HEAD, "/**").hasAnyRole(READERS)
                        .anyRequest().hasAnyRole(WRITERS))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
