package dev.gatehouse.admin.route;

/**
 * Where a route reads the API key from, as the route form edits it: a header, optionally
 * {@code Authorization: Bearer} and optionally a query parameter.
 */
public class KeyAuthForm {

    /** The header a route reads when none is given. */
    static final String DEFAULT_HEADER = "X-API-Key";

    private String header = DEFAULT_HEADER;
    private boolean bearer;
    private String queryParam;

    /** The form filled from a stored route's settings; the defaults when it has none. */
    static KeyAuthForm from(KeyAuthRequest keyAuth) {
        KeyAuthForm form = new KeyAuthForm();
        if (keyAuth != null) {
            form.header = keyAuth.header();
            form.bearer = Boolean.TRUE.equals(keyAuth.bearer());
            form.queryParam = keyAuth.queryParam();
        }
        return form;
    }

    KeyAuthRequest toRequest() {
        return new KeyAuthRequest(header, bearer, queryParam);
    }

    public String getHeader() {
        return header;
    }

    public void setHeader(String header) {
        this.header = header;
    }

    public boolean isBearer() {
        return bearer;
    }

    public void setBearer(boolean bearer) {
        this.bearer = bearer;
    }

    public String getQueryParam() {
        return queryParam;
    }

    public void setQueryParam(String queryParam) {
        this.queryParam = queryParam;
    }
}
