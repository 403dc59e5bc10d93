package dev.gatehouse.admin.security;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Applies {@link TrustedProxies} inside Tomcat, before anything reads the request: for a call from a trusted proxy
 * the request's remote address becomes the client's and, when {@code X-Forwarded-Proto} says {@code https}, the
 * request is secure. Tomcat reads that flag when it writes the session cookie, which is how the cookie gets
 * {@code Secure} behind a TLS-terminating proxy; nothing else is believed from a peer that is not trusted. A valve
 * (not a servlet filter) because Tomcat's own session cookie does not see a wrapped request.
 */
final class TrustedProxyValve extends ValveBase {

    private final TrustedProxies proxies;

    TrustedProxyValve(TrustedProxies proxies) {
        super(true);
        this.proxies = proxies;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String peer = request.getRemoteAddr();
        if (!proxies.trusts(peer)) {
            getNext().invoke(request, response);
            return;
        }
        String remoteHost = request.getRemoteHost();
        boolean secure = request.isSecure();
        String scheme = request.getCoyoteRequest().scheme().toString();
        List<String> forwardedFor = Collections.list(request.getHeaders("X-Forwarded-For"));
        String client = proxies.client(peer, forwardedFor);
        request.setRemoteAddr(client);
        request.setRemoteHost(client);
        if (TrustedProxies.forwardedHttps(request.getHeader("X-Forwarded-Proto"))) {
            request.setSecure(true);
            request.getCoyoteRequest().scheme().setString("https");
        }
        try {
            getNext().invoke(request, response);
        } finally {
            // as Tomcat's RemoteIpValve does, so the access log and anything after see the connection as it was
            request.setRemoteAddr(peer);
            request.setRemoteHost(remoteHost);
            request.setSecure(secure);
            request.getCoyoteRequest().scheme().setString(scheme);
        }
    }
}
