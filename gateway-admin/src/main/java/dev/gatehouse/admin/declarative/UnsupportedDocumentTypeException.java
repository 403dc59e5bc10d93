package dev.gatehouse.admin.declarative;

/** An import's body is neither YAML nor JSON by its content type; answered 415. */
class UnsupportedDocumentTypeException extends RuntimeException {

    UnsupportedDocumentTypeException(String contentType) {
        super("content type " + (contentType == null ? "(none)" : contentType) + " is not supported; send "
                + String.join(", ", DocumentFormat.YAML_TYPES) + " or application/json");
    }
}
