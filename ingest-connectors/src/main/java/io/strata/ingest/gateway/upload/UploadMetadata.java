package io.strata.ingest.gateway.upload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the uploader says about its images, all optional.
 *
 * @param dataset the dataset the images are meant for
 * @param tags free tags
 * @param source where the uploader got the images (a camera, a site); recorded as the tag {@code source:<value>}
 *     because the event's own {@code source} field names the ingest path ({@code http})
 * @param label a class label; a {@code labels} event (annotator type IMPORT, id {@code upload:<appKey>}) is
 *     appended with the sample
 */
public record UploadMetadata(Optional<String> dataset, List<String> tags, Optional<String> source,
    Optional<String> label) {

  private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{N} ._:/@+=-]{1,200}");
  private static final int MAX_TAGS = 50;

  /** No metadata. */
  public static final UploadMetadata NONE = new UploadMetadata(Optional.empty(), List.of(), Optional.empty(),
      Optional.empty());

  /**
   * @throws IllegalArgumentException naming the field when a value is empty, too long, has unusual characters,
   *     or there are too many tags
   */
  public UploadMetadata {
    Objects.requireNonNull(dataset, "dataset");
    tags = List.copyOf(tags);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(label, "label");
    dataset.ifPresent(v -> check("dataset", v));
    source.ifPresent(v -> check("source", v));
    label.ifPresent(v -> check("label", v));
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException("At most " + MAX_TAGS + " tags per upload, got " + tags.size());
    }
    tags.forEach(t -> check("tag", t));
  }

  /** The tags recorded on the event: the given ones, then {@code source:<source>}. */
  public List<String> recordedTags() {
    if (source.isEmpty()) {
      return tags;
    }
    var all = new java.util.ArrayList<>(tags);
    all.add("source:" + source.get());
    return all;
  }

  private static void check(String field, String value) {
    if (!TEXT.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid " + field + " '" + abbreviate(value) + "': expected 1 to 200 "
          + "letters, digits, spaces or . _ : / @ + = -");
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
