package io.strata.registry.schemas;

/**
 * A request the registry refuses or cannot serve, with Confluent's error code and message. Messages follow
 * Confluent's wording where clients or people may match on it.
 */
final class RegistryException extends RuntimeException {

  private final ErrorCode code;

  RegistryException(ErrorCode code, String message) {
    this(code, message, null);
  }

  RegistryException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  ErrorCode code() {
    return code;
  }

  static RegistryException subjectNotFound(String subject) {
    return new RegistryException(ErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static RegistryException versionNotFound(int version) {
    return new RegistryException(ErrorCode.VERSION_NOT_FOUND, "Version " + version + " not found.");
  }

  static RegistryException schemaNotFound() {
    return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema not found");
  }

  static RegistryException schemaNotFound(String id) {
    return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }

  static RegistryException subjectSoftDeleted(String subject) {
    return new RegistryException(ErrorCode.SUBJECT_SOFT_DELETED,
        "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryException subjectNotSoftDeleted(String subject) {
    return new RegistryException(ErrorCode.SUBJECT_NOT_SOFT_DELETED,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  static RegistryException versionSoftDeleted(String subject, int version) {
    return new RegistryException(ErrorCode.VERSION_SOFT_DELETED, "Subject '" + subject + "' Version " + version
        + " was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryException versionNotSoftDeleted(String subject, int version) {
    return new RegistryException(ErrorCode.VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version " + version
        + " was not deleted first before being permanently deleted");
  }

  static RegistryException subjectLevelNotConfigured(String subject) {
    return new RegistryException(ErrorCode.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryException invalidSchema(String detail) {
    return new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: " + detail);
  }

  static RegistryException invalidVersion(String version) {
    return new RegistryException(ErrorCode.INVALID_VERSION, "The specified version '" + version
        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryException malformedRequest(String detail) {
    return new RegistryException(ErrorCode.MALFORMED_REQUEST, detail);
  }
}
