package io.strata.lakehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplTest {

  @Test
  void shouldSplitStatementsOnSemicolonsOutsideQuotesAndComments() {
    var buffer = new StringBuilder("SELECT ';' AS a; -- not; a statement\nSELECT `x;y` FROM t;\nSELECT 1");

    assertThat(Repl.complete(buffer)).containsExactly("SELECT ';' AS a", "-- not; a statement\nSELECT `x;y` FROM t");
    assertThat(buffer.toString().strip()).isEqualTo("SELECT 1");
  }

  @Test
  void shouldStopAtQuitAndCountAnUnfinishedStatementAsFailed() throws Exception {
    List<String> ran = new ArrayList<>();
    var err = new ByteArrayOutputStream();

    int failed = new Repl(new BufferedReader(new StringReader("SELECT 1;\nSELECT\n 2")), new PrintStream(err, true), false)
        .run(ran::add);
    int afterQuit = new Repl(new BufferedReader(new StringReader("SELECT 1; quit;\nSELECT 2;")),
        new PrintStream(err, true), false).run(ran::add);

    assertThat(failed).isEqualTo(1);
    assertThat(afterQuit).isZero();
    assertThat(ran).containsExactly("SELECT 1", "SELECT 1");
    assertThat(err.toString()).contains("unfinished statement");
  }
}
