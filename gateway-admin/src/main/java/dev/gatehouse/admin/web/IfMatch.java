package dev.gatehouse.admin.web;

import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a write was based on: the {@code If-Match} header of an API call, or the version a console form
 * was filled with. The feature services {@link #check} it under the configuration lock, after reading the
 * stored row and before changing anything, so a write based on a stale read is refused with
 * {@link PreconditionFailedException} and changes nothing. No condition ({@link #NONE}) lets the write proceed
 * as before optimistic concurrency existed; the JPA version column still catches a lost update inside the admin.
 * <p>
 * An entity tag is {@code "<id>.<version>"} (see {@link #etag}): strong, and never equal for two objects, so a
 * tag read before an object was deleted and another was created under the same name does not match the new one.
 */
public final class IfMatch {

    /** The request header. */
    public static final String HEADER = "If-Match";

    /** No condition: the write proceeds whatever the stored version. */
    public static final IfMatch NONE = new IfMatch(false, List.of(), null);

    // RFC 9110: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text
    private static final Pattern ENTITY_TAG = Pattern.compile("\\G[ \\t]*(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"[ \\t]*(,|$)");
    private static final Pattern ANY = Pattern.compile("[ \\t]*\\*[ \\t]*");

    private final boolean any;
    private final List<String> strongTags;
    private final Long version;

    private IfMatch(boolean any, List<String> strongTags, Long version) {
        this.any = any;
        this.strongTags = List.copyOf(strongTags);
        this.version = version;
    }

    /** The entity tag of an object at a version, quoted as the {@code ETag} header carries it. */
    public static String etag(String id, long version) {
        return "\"" + id + "." + version + "\"";
    }

    /**
     * The condition an {@code If-Match} header states: absent means {@link #NONE}; {@code *} matches any
     * existing object; otherwise a comma-separated list of entity tags, of which weak ones ({@code W/"..."})
     * never match (If-Match compares strongly). Anything else is 400 {@code validation_failed} on field
     * {@code If-Match}.
     */
    public static IfMatch parse(String header) {
        if (header == null) {
            return NONE;
        }
        if (ANY.matcher(header).matches()) {
            return new IfMatch(true, List.of(), null);
        }
        List<String> strong = new ArrayList<>();
        Matcher tag = ENTITY_TAG.matcher(header);
        int end = 0;
        boolean last = false;
        while (!last && tag.find()) {
            if (tag.group(1) == null) {
                strong.add(tag.group(2));
            }
            end = tag.end();
            last = tag.group(3).isEmpty();
        }
        if (!last || end != header.length()) {
            throw new InvalidInputException(List.of(new Violation(HEADER,
                    "must be * or one or more quoted entity tags, such as \"<id>.<version>\" from the ETag header")));
        }
        return new IfMatch(false, strong, null);
    }

    /** The condition of a console form filled at {@code version}; a form without one ({@code null}) has none. */
    public static IfMatch version(Long version) {
        return version == null ? NONE : new IfMatch(false, List.of(), version);
    }

    /**
     * Passes when the object stored with this id and version is the one the write was based on; otherwise throws
     * {@link PreconditionFailedException} with the current entity tag.
     */
    public void check(UUID id, long current) {
        if (this == NONE || any) {
            return;
        }
        boolean matches = version != null ? version == current
                : strongTags.contains(id + "." + current);
        if (!matches) {
            throw new PreconditionFailedException(etag(id.toString(), current));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IfMatch that && any == that.any && strongTags.equals(that.strongTags)
                && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(any, strongTags, version);
    }

    @Override
    public String toString() {
        return any ? "If-Match: *" : version != null ? "version " + version : "If-Match: " + strongTags;
    }
}
