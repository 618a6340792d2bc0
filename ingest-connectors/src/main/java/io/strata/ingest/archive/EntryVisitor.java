package io.strata.ingest.archive;

import java.io.IOException;
import java.io.InputStream;

/** Receives the regular files of an import one at a time; the stream is only valid during the call. */
@FunctionalInterface
public interface EntryVisitor {

  /**
   * @param path the file's path inside the import, with {@code /} separators and no leading {@code ./}
   * @param size its size in bytes, or -1 when the container does not say
   * @param content its bytes
   */
  void visit(String path, long size, InputStream content) throws IOException;
}
