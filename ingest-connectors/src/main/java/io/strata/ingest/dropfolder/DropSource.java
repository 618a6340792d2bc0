package io.strata.ingest.dropfolder;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Where files are dropped: a local directory or an S3 prefix. Used by one task thread. */
interface DropSource extends AutoCloseable {

  /** Folder (or key prefix) that accepted files are moved to. */
  String PROCESSED = "processed";
  /** Folder (or key prefix) that refused files are moved to, with their reasons. */
  String REJECTED = "rejected";

  /** The files waiting at the top level (not in {@link #PROCESSED} or {@link #REJECTED}, no hidden files). */
  List<DroppedFile> list() throws IOException;

  /** Opens the file's bytes; the caller closes the stream. */
  InputStream open(DroppedFile file) throws IOException;

  /** Moves the file into {@code folder}; a file already gone (moved before a crash) is not an error. */
  void moveTo(DroppedFile file, String folder) throws IOException;

  /** Writes {@code <folder>/<file>.reason.txt}. */
  void writeReason(DroppedFile file, String folder, String reason) throws IOException;

  @Override
  void close();
}
