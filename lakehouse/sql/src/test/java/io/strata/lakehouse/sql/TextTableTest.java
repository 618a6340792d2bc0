package io.strata.lakehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void shouldAlignColumnsAndShowNulls() {
    var lines = TextTable.render(List.of("tenant", "n"), List.of(List.of("acme", "12"), Arrays.asList("b", null)));

    assertThat(lines).containsExactly("tenant | n", "-------+-----", "acme   | 12", "b      | NULL");
  }

  @Test
  void shouldQuoteCsvCellsThatNeedItAndLeaveNullsEmpty() {
    var lines = TextTable.csv(List.of("a", "b"), List.of(Arrays.asList("x,y", "say \"hi\""), Arrays.asList(null, "z")));

    assertThat(lines).containsExactly("a,b", "\"x,y\",\"say \"\"hi\"\"\"", ",z");
  }
}
