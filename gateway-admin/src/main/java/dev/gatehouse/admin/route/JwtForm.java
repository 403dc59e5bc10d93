package dev.gatehouse.admin.route;

import dev.gatehouse.admin.console.TextList;
import java.util.ArrayList;
import java.util.List;

/**
 * How a route checks JSON Web Tokens, as the route form edits it. The HS256 secret is write-only: the page never
 * shows it, a blank field keeps the stored one, and a checkbox removes it.
 */
public class JwtForm {

    /** What the API shows, and accepts back, in place of a stored secret. */
    static final String STORED_SECRET = JwtRequest.MASKED_SECRET;
    /** Signature algorithms a route may accept. */
    static final List<String> ALGORITHMS = List.of("HS256", "RS256", "ES256");

    private List<String> algorithms = new ArrayList<>();
    private String issuer;
    private String audiences;
    private String secret;
    private boolean clearSecret;
    private String jwks;
    private String jwksUrl;
    private String consumerClaim;
    private Integer clockSkewSeconds;

    /** The form filled from a stored route's settings, without the secret; empty when it has none. */
    static JwtForm from(JwtRequest jwt) {
        JwtForm form = new JwtForm();
        if (jwt != null) {
            form.algorithms = jwt.algorithms() == null ? new ArrayList<>() : new ArrayList<>(jwt.algorithms());
            form.issuer = jwt.issuer();
            form.audiences = TextList.join(jwt.audiences());
            form.jwks = jwt.jwks();
            form.jwksUrl = jwt.jwksUrl();
            form.consumerClaim = jwt.consumerClaim();
            form.clockSkewSeconds = jwt.clockSkewSeconds();
        }
        return form;
    }

    /** Whether stored settings hold a secret (shown masked). */
    static boolean hasSecret(JwtRequest jwt) {
        return jwt != null && jwt.secret() != null && !jwt.secret().isEmpty();
    }

    /**
     * The request part; a blank secret keeps the stored one by sending the mask back.
     *
     * @param secretStored whether the route has a secret now
     */
    JwtRequest toRequest(boolean secretStored) {
        String sent;
        if (secret != null && !secret.isEmpty()) {
            sent = secret;
        } else {
            sent = secretStored && !clearSecret ? STORED_SECRET : null;
        }
        return new JwtRequest(List.copyOf(algorithms), issuer, TextList.split(audiences), sent, jwks, jwksUrl,
                consumerClaim, clockSkewSeconds);
    }

    public List<String> getAlgorithms() {
        return algorithms;
    }

    public void setAlgorithms(List<String> algorithms) {
        this.algorithms = algorithms == null ? new ArrayList<>() : new ArrayList<>(algorithms);
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAudiences() {
        return audiences;
    }

    public void setAudiences(String audiences) {
        this.audiences = audiences;
    }

    /** Always blank on the page: the secret is never sent back to the browser. */
    public String getSecret() {
        return null;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** Whether a new secret was typed (it is not shown again if the form comes back with errors). */
    public boolean isSecretTyped() {
        return secret != null && !secret.isEmpty();
    }

    public boolean isClearSecret() {
        return clearSecret;
    }

    public void setClearSecret(boolean clearSecret) {
        this.clearSecret = clearSecret;
    }

    public String getJwks() {
        return jwks;
    }

    public void setJwks(String jwks) {
        this.jwks = jwks;
    }

    public String getJwksUrl() {
        return jwksUrl;
    }

    public void setJwksUrl(String jwksUrl) {
        this.jwksUrl = jwksUrl;
    }

    public String getConsumerClaim() {
        return consumerClaim;
    }

    public void setConsumerClaim(String consumerClaim) {
        this.consumerClaim = consumerClaim;
    }

    public Integer getClockSkewSeconds() {
        return clockSkewSeconds;
    }

    public void setClockSkewSeconds(Integer clockSkewSeconds) {
        this.clockSkewSeconds = clockSkewSeconds;
    }
}
