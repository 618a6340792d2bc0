package io.strata.lakehouse.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The interactive mode: reads SQL statements ending with {@code ;} (over as many lines as they need) from a
 * terminal or from standard input, and runs each one. A failed statement prints its error and the loop goes
 * on; {@code quit;} or {@code exit;} or the end of input stops it.
 */
public final class Repl {

  private final BufferedReader in;
  private final PrintStream err;
  private final boolean prompt;

  /**
   * @param prompt whether to show a prompt (when a person types, not when a file is piped in)
   */
  public Repl(BufferedReader in, PrintStream err, boolean prompt) {
    this.in = in;
    this.err = err;
    this.prompt = prompt;
  }

  /** Runs every statement read with {@code statement}; returns how many failed. */
  public int run(Consumer<String> statement) throws IOException {
    int failed = 0;
    StringBuilder buffer = new StringBuilder();
    prompt(buffer);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      buffer.append(line).append('\n');
      for (String sql : complete(buffer)) {
        if (sql.equalsIgnoreCase("quit") || sql.equalsIgnoreCase("exit")) {
          return failed;
        }
        try {
          statement.accept(sql);
        } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown from Scala
          failed++;
          err.println("Error: " + firstLine(e));
          err.flush();
        }
      }
      prompt(buffer);
    }
    if (!buffer.toString().isBlank()) {
      err.println("Ignored an unfinished statement at the end of input (no ';'): " + buffer.toString().strip());
      failed++;
    }
    return failed;
  }

  /**
   * Takes the complete statements (ended by a {@code ;} outside quotes and comments) out of {@code buffer},
   * leaving an unfinished one in it.
   */
  static List<String> complete(StringBuilder buffer) {
    List<String> statements = new ArrayList<>();
    char quote = 0;
    boolean lineComment = false;
    int start = 0;
    for (int i = 0; i < buffer.length(); i++) {
      char c = buffer.charAt(i);
      if (lineComment) {
        lineComment = c != '\n';
      } else if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '-' && i + 1 < buffer.length() && buffer.charAt(i + 1) == '-') {
        lineComment = true;
      } else if (c == ';') {
        String sql = buffer.substring(start, i).strip();
        if (!withoutComments(sql).isEmpty()) {
          statements.add(sql);
        }
        start = i + 1;
      }
    }
    buffer.delete(0, start);
    if (withoutComments(buffer.toString()).isEmpty()) {
      buffer.setLength(0);
    }
    return statements;
  }

  private static String withoutComments(String sql) {
    return sql.replaceAll("(?m)--.*$", "").strip();
  }

  private void prompt(StringBuilder buffer) {
    if (prompt) {
      err.print(buffer.length() == 0 ? "strata> " : "      > ");
      err.flush();
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
