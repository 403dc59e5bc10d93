package dev.gatehouse.config;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of the contract. Both sides read and write through this mapper so the wire format has one
 * definition. Unknown properties are ignored so that a newer admin can talk to an older node during an upgrade, and
 * absent primitive fields read as zero so that files written by an older version still load. Otherwise reading is
 * {@link StrictJson strict}: a duplicate key, a fraction for a whole number or a string for a number is an error,
 * never a guess.
 */
public final class ConfigJson {

    private final JsonMapper mapper;

    public ConfigJson() {
        this.mapper = StrictJson.apply(JsonMapper.builder())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A field added in a later version is absent from older files (last-known-good): zero, not an error.
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** Serialises a contract value. */
    public byte[] write(Object value) {
        return mapper.writeValueAsBytes(value);
    }

    /** Serialises a contract value as a string. */
    public String writeString(Object value) {
        return mapper.writeValueAsString(value);
    }

    /** Parses a contract value; malformed input raises {@link ConfigFormatException}. */
    public <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ConfigFormatException("malformed " + type.getSimpleName() + ": " + messageOf(e), e);
        }
    }

    /** Parses a contract value from a string. */
    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ConfigFormatException("malformed " + type.getSimpleName() + ": " + messageOf(e), e);
        }
    }

    private static String messageOf(Exception e) {
        return e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
    }
}
