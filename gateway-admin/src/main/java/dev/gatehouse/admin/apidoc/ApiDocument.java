package dev.gatehouse.admin.apidoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The admin API's OpenAPI document, {@value #LOCATION} on the classpath: written by hand, and kept honest by
 * {@code OpenApiDocumentIntegrationTests}, which compares it with the controllers. Read once at start-up, so an
 * admin built without it fails to start instead of answering 404 later. Answered with a content-hash {@code ETag}
 * so that clients (the console's API page, code generators) can revalidate cheaply.
 */
@Component
class ApiDocument {

    /** Where the document lives on the classpath (in the sources: {@code src/main/resources/openapi/}). */
    static final String LOCATION = "openapi/gatehouse-admin.yaml";

    /** {@code application/yaml} (RFC 9512), UTF-8. */
    static final MediaType MEDIA_TYPE = new MediaType("application", "yaml", StandardCharsets.UTF_8);

    private final byte[] content;
    private final String etag;

    ApiDocument() {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            this.content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + LOCATION + " is missing from the classpath", e);
        }
        this.etag = "\"" + HexFormat.of().formatHex(sha256(content), 0, 16) + "\"";
    }

    /**
     * The document as an answer: 200 with the YAML, or 304 when the request's {@code If-None-Match} names the
     * current tag (Spring MVC compares it, given the {@code ETag}).
     */
    ResponseEntity<byte[]> answer() {
        return ResponseEntity.ok()
                .contentType(MEDIA_TYPE)
                .eTag(etag)
                .cacheControl(CacheControl.noCache())
                .body(content.clone());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
