package io.strata.lakehouse.sql.maintain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaintenancePolicyTest {

  @Test
  void shouldRefuseLimitsThatWouldDeleteWhatAWriterStillNeeds() {
    assertThatThrownBy(() -> new MaintenancePolicy(5, 128L << 20, Duration.ofDays(5), 10, Duration.ofMinutes(10), false))
        .hasMessageContaining("--orphan-older-than must be at least 1h");
    assertThatThrownBy(() -> new MaintenancePolicy(5, 128L << 20, Duration.ofDays(5), 0, Duration.ofDays(3), false))
        .hasMessageContaining("--retain-last must be at least 1");
    assertThatThrownBy(() -> new MaintenancePolicy(1, 128L << 20, Duration.ofDays(5), 10, Duration.ofDays(3), false))
        .hasMessageContaining("--min-input-files must be at least 2");
  }
}
