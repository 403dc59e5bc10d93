package dev.gatehouse.admin.security;

import dev.gatehouse.admin.audit.ActingToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on the machine endpoints: admin API tokens on
 * {@code /api/**}, the cluster token on {@code /cluster/**}, the scrape token on {@code /actuator/prometheus}
 * (and no other token there, however privileged). A missing or unknown token leaves the request
 * anonymous, which the authorization rules then answer with 401. Not a bean, so it runs in its chain only.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    /** Authority of a request made with the cluster token. */
    static final String NODE_ROLE = "NODE";
    /** Authority of a request made with the metrics scrape token. */
    static final String METRICS_ROLE = "METRICS";
    /** The Prometheus endpoint, the only path the scrape token opens. */
    static final String METRICS_PATH = "/actuator/prometheus";

    private final ApiTokenService apiTokens;
    private final ClusterCredentials cluster;
    private final MetricsScrapeToken metrics;

    BearerTokenFilter(ApiTokenService apiTokens, ClusterCredentials cluster, MetricsScrapeToken metrics) {
        this.apiTokens = apiTokens;
        this.cluster = cluster;
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token != null) {
            Authentication authentication = authenticate(request, token);
            if (authentication != null) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(authentication);
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    private Authentication authenticate(HttpServletRequest request, String token) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(METRICS_PATH)) {
            return metrics.matches(token) ? new BearerAuthentication("metrics", "ROLE_" + METRICS_ROLE) : null;
        }
        if (path.startsWith("/cluster/")) {
            return cluster.matches(token) ? new BearerAuthentication("node", "ROLE_" + NODE_ROLE) : null;
        }
        return apiTokens.authenticate(token)
                .map(identity -> {
                    BearerAuthentication authentication = new BearerAuthentication(identity.owner(),
                            identity.role().authority());
                    // the audit trail names the token, the rest of the admin its owner
                    authentication.setDetails(new ActingToken(identity.name()));
                    return authentication;
                })
                .orElse(null);
    }

    static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** An authenticated bearer; holds no credential so nothing secret lingers in the context. */
    static final class BearerAuthentication extends AbstractAuthenticationToken {

        private final String principal;

        BearerAuthentication(String principal, String authority) {
            super(List.of(new SimpleGrantedAuthority(authority)));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }
    }
}
