package dev.gatehouse.admin.calllog;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The link from a logged call to its trace in the operator's trace viewer: a URL template with {@code {traceId}}.
 * The template comes from configuration and the trace id was checked at ingestion (32 hex digits), so the link
 * cannot carry anything a client wrote.
 */
final class TraceLink {

    static final String VARIABLE = "{traceId}";
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private TraceLink() {
    }

    /** True when the text is an absolute http(s) URL with {@code {traceId}} in it. */
    static boolean isTemplate(String template) {
        if (!template.contains(VARIABLE)) {
            return false;
        }
        try {
            URI uri = URI.create(template.replace(VARIABLE, "0af7651916cd43dd8448eb211c80319c"));
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The trace's URL, or {@code null} when no template is configured or the call was not traced. */
    static String url(String template, String traceId) {
        if (template == null || traceId == null || !TRACE_ID.matcher(traceId).matches()) {
            return null;
        }
        return template.replace(VARIABLE, traceId);
    }
}
