package dev.gatehouse.admin.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 {@code database_unavailable} on the machine endpoints when the database fails a request outside
 * Spring MVC, where {@link ApiExceptionHandler} cannot see it: chiefly the API-token lookup of the security
 * filters. Runs before Spring Security so that it wraps it; without it such a request would end in a generic 500.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final DatabaseStatus database;
    private final ProblemWriter problems;

    DatabaseOutageFilter(DatabaseStatus database, ProblemWriter problems) {
        this.database = database;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/cluster/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            // one WARN when the database goes away (DatabaseStatus) and one INFO when it is back; a line per
            // refused request would flood the log with every heartbeat and call-log batch of every node meanwhile
            database.unreachable();
            log.debug("{} {} failed: database unavailable ({})", request.getMethod(), request.getRequestURI(),
                    e.getMessage());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable",
                    "the database is unreachable; nothing was changed, try again shortly (nodes keep serving)", null);
        }
    }
}
