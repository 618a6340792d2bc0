package io.strata.registry.schemas;

/** Confluent's error codes: the JSON {@code error_code} and the HTTP status that carries it. */
enum ErrorCode {
  SUBJECT_NOT_FOUND(40401, 404),
  VERSION_NOT_FOUND(40402, 404),
  SCHEMA_NOT_FOUND(40403, 404),
  SUBJECT_SOFT_DELETED(40404, 404),
  SUBJECT_NOT_SOFT_DELETED(40405, 404),
  VERSION_SOFT_DELETED(40406, 404),
  VERSION_NOT_SOFT_DELETED(40407, 404),
  SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED(40408, 404),
  INCOMPATIBLE_SCHEMA(409, 409),
  INVALID_SCHEMA(42201, 422),
  INVALID_VERSION(42202, 422),
  INVALID_COMPATIBILITY_LEVEL(42203, 422),
  MALFORMED_REQUEST(400, 400),
  STORE_ERROR(50001, 500),
  OPERATION_TIMEOUT(50002, 500);

  private final int code;
  private final int status;

  ErrorCode(int code, int status) {
    this.code = code;
    this.status = status;
  }

  int code() {
    return code;
  }

  int status() {
    return status;
  }
}
