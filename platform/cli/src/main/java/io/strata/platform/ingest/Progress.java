package io.strata.platform.ingest;

import java.io.PrintWriter;

/**
 * Shows how far an ingest is: on a terminal a bar redrawn in place on standard error, otherwise a plain line on
 * standard output every {@value #EVERY} files and at the end (for logs and CI).
 */
final class Progress {

  static final int EVERY = 100;
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private int total;
  private int done;

  Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  synchronized void start(int files) {
    total = files;
    done = 0;
    if (!terminal) {
      out.println("Uploading " + files + " image" + (files == 1 ? "" : "s") + " ...");
      out.flush();
    }
  }

  synchronized void step(String file) {
    done++;
    if (terminal) {
      int filled = total == 0 ? WIDTH : done * WIDTH / total;
      String name = file.length() > 40 ? "..." + file.substring(file.length() - 37) : file;
      out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + name
          + "\u001b[K");
      if (done == total) {
        out.println();
      }
      out.flush();
    } else if (done % EVERY == 0 || done == total) {
      out.println("  " + done + "/" + total + " files");
      out.flush();
    }
  }
}
