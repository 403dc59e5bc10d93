package dev.gatehouse.admin.input;

import dev.gatehouse.admin.web.BodyTooLargeException;
import dev.gatehouse.admin.web.ProblemWriter;
import dev.gatehouse.config.ClusterProtocol;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies on the machine endpoints ({@code /api/**}; {@code /cluster/**}, where heartbeats may be
 * large, with a limit of its own): a declared length over
 * the limit is answered 413 without reading a byte; a body without a length (chunked) is counted as it is read and
 * fails the read once it passes the limit, which {@code ApiExceptionHandler} answers 413 too. Runs after Spring
 * Security, so an unauthenticated client is refused before anything is read. Call-log batches are left to their
 * own, larger limit, which they count after decompression. A declarative import, a whole configuration in one
 * document, has a limit of its own too.
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** The declarative import, whose body is a whole configuration. */
    static final String IMPORT_PATH = "/api/v1/config/import";

    private final long apiLimit;
    private final long nodeLimit;
    private final long importLimit;
    private final ProblemWriter problems;

    RequestBodyLimitFilter(ApiInputProperties properties, ProblemWriter problems) {
        this.apiLimit = properties.maxBodySize().toBytes();
        this.nodeLimit = properties.maxNodeBodySize().toBytes();
        this.importLimit = properties.maxImportBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/cluster/")) || path.equals(ClusterProtocol.CALLS_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = path.startsWith("/cluster/") ? nodeLimit : path.equals(IMPORT_PATH) ? importLimit : apiLimit;
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                    "request body is larger than " + limit + " bytes", null);
            return;
        }
        chain.doFilter(new Bounded(request, limit), response);
    }

    /** The request with its body stream counted against the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    /** Counts bytes read and fails the read that passes the limit. */
    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
