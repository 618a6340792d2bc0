package io.strata.ingest.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.fileupload2.core.MultipartInput;

/**
 * The parts of a {@code multipart/form-data} body, read one after the other from the stream (never buffered
 * whole): each part's headers, then its content as a stream that ends at the next boundary.
 */
final class MultipartParts {

  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=(\"([^\"]*)\"|([^;\\s]+))");
  private static final Pattern FILENAME = Pattern.compile("(?i)[;\\s]filename=(\"([^\"]*)\"|([^;\\s]+))");

  /** One part: its form field name, file name and content type, if given, and its content. */
  record Part(String name, Optional<String> filename, Optional<String> contentType, InputStream content) {
    boolean isFile() {
      return filename.isPresent() || contentType.filter(t -> !t.toLowerCase(Locale.ROOT).startsWith("text/plain"))
          .isPresent();
    }
  }

  /** The body is not well-formed multipart. */
  static final class MalformedMultipartException extends IOException {
    MalformedMultipartException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final MultipartInput input;
  private boolean started;
  private boolean more = true;
  private MultipartInput.ItemInputStream current;

  private MultipartParts(MultipartInput input) {
    this.input = input;
  }

  /** The boundary of a {@code multipart/form-data} content type, if it has one. */
  static Optional<String> boundary(String contentType) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(m.group(2) != null ? m.group(2) : m.group(3));
  }

  static MultipartParts of(InputStream body, String boundary) throws IOException {
    var input = MultipartInput.builder().setInputStream(body).setBufferSize(64 * 1024)
        .setBoundary(boundary.getBytes(StandardCharsets.ISO_8859_1)).get();
    input.setHeaderCharset(StandardCharsets.UTF_8);
    return new MultipartParts(input);
  }

  /** The next part, after discarding what is left of the previous one; empty after the last. */
  Optional<Part> next() throws IOException {
    try {
      if (current != null) {
        current.close();
        current = null;
        more = input.readBoundary();
      } else if (!started) {
        started = true;
        more = input.skipPreamble();
      }
      if (!more) {
        return Optional.empty();
      }
      String headers = input.readHeaders();
      String disposition = header(headers, "content-disposition").orElse("");
      current = input.newInputStream();
      return Optional.of(new Part(param(NAME, disposition).orElse(""), param(FILENAME, disposition)
          .filter(f -> !f.isEmpty()), header(headers, "content-type"), current));
    } catch (org.apache.commons.fileupload2.core.FileUploadException e) {
      throw new MalformedMultipartException("The multipart body is malformed: " + e.getMessage(), e);
    }
  }

  private static Optional<String> header(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return Optional.of(line.substring(colon + 1).strip());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> param(Pattern pattern, String disposition) {
    Matcher m = pattern.matcher(disposition);
    if (!m.find()) {
      return Optional.empty();
    }
    String value = m.group(2) != null ? m.group(2) : m.group(3);
    // Browsers send a path on some systems; keep the last segment.
    return Optional.of(value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1));
  }
}
