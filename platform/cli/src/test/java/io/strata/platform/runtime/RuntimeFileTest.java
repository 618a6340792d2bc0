package io.strata.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFileTest {

  @TempDir
  Path dataDir;

  @Test
  void shouldReadBackTheComponentsItWrote() {
    var file = new RuntimeFile(dataDir);
    var components = List.of(new Component("kafka", "localhost:9092"), new Component("registry", "http://localhost:8081"));

    file.write(components);

    assertThat(dataDir.resolve("strata.json")).exists();
    assertThat(file.read()).hasValueSatisfying(content -> {
      assertThat(content.components()).isEqualTo(components);
      assertThat(content.pid()).isEqualTo(ProcessHandle.current().pid());
    });
  }

  @Test
  void shouldReadNothingOnceDeleted() {
    var file = new RuntimeFile(dataDir);
    file.write(List.of(new Component("kafka", "localhost:9092")));

    file.delete();

    assertThat(file.read()).isEmpty();
  }
}
