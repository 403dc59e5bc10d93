package dev.gatehouse.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Checks of the admin URL: its form, and whether a token sent to it crosses the network in the clear. */
final class AdminUrl {

    /** The admin's default address (its {@code server.port} default). */
    static final String DEFAULT = "http://127.0.0.1:8000";

    private AdminUrl() {
    }

    /**
     * The URL as the base of API paths: {@code http} or {@code https}, a host, an optional path prefix (an admin
     * behind a reverse proxy), no query, fragment or user info; trailing slashes removed.
     */
    static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new CliException("--url " + url + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CliException("--url " + url + " must start with https:// or http://");
        }
        if (uri.getHost() == null) {
            throw new CliException("--url " + url + " has no host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new CliException("--url must be the admin's address only (no user, query or fragment)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** True for http to a host other than localhost or a loopback address: the token would travel in clear text. */
    static boolean plainTextOverNetwork(URI base) {
        if (!base.getScheme().equals("http")) {
            return false;
        }
        String host = base.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return false;
        }
        if (!isIpLiteral(host)) {
            return true; // a name: not resolved here, and DNS may say anything
        }
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }
}
