package io.strata.platform;

import java.io.PrintWriter;

/** Everything the CLI shows a person goes through here: results on standard output, problems on standard error. */
public final class Printer {

  private final PrintWriter out;
  private final PrintWriter err;

  public Printer(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** A line of output. */
  public void line(String text) {
    out.println(text);
    out.flush();
  }

  /** A formatted line of output. */
  public void line(String format, Object... args) {
    line(String.format(format, args));
  }

  /** A problem the person has to act on, on standard error. */
  public void error(String text) {
    err.println(text);
    err.flush();
  }
}
