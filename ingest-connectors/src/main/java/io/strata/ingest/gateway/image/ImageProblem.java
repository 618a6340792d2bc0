package io.strata.ingest.gateway.image;

/** Why the bytes of an upload are not an acceptable image. */
public enum ImageProblem {
  /** No bytes at all. */
  EMPTY,
  /** The bytes are not a readable image of the format they start as, or they stop early. */
  CORRUPT,
  /** The declared media type names a supported format, the magic bytes another one. */
  TYPE_MISMATCH,
  /** The declared type, or the bytes, are no format the gateway accepts. */
  UNSUPPORTED,
  /** Width × height exceeds the limit. */
  TOO_MANY_PIXELS
}
