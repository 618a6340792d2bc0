package io.strata.streams.quality;

import java.io.IOException;

/** A sample's bytes are not an image that can be decoded; the review sends its event to the dead letters. */
public final class UndecodableImageException extends IOException {

  UndecodableImageException(String message) {
    super(message);
  }

  UndecodableImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
