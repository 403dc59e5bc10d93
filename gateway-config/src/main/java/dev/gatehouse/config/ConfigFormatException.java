package dev.gatehouse.config;

/** Raised when bytes that should hold a contract value cannot be parsed. */
public class ConfigFormatException extends RuntimeException {

    public ConfigFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
