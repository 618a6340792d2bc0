package io.strata.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildPidFilesTest {

  @TempDir
  Path dataDir;

  @Test
  void aChildOfThisLiveProcessIsNotAnOrphanAndKeepsItsFile() throws Exception {
    var files = new ChildPidFiles(dataDir);
    Process child = new ProcessBuilder("sleep", "60").start();
    try {
      files.write("gateway", child.toHandle());

      assertThat(files.stopOrphans()).isEmpty();
      assertThat(child.isAlive()).isTrue();
      assertThat(dataDir.resolve("run/gateway.pid")).exists();
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aChildWhoseUpIsGoneIsStoppedAndForgotten() throws Exception {
    var files = new ChildPidFiles(dataDir);
    Process child = new ProcessBuilder("sleep", "60").start();
    try {
      files.write("processors", child.toHandle());
      // As if written by an up that has since been killed: the recorded parent is not the child's parent any more.
      Path file = dataDir.resolve("run/processors.pid");
      String[] fields = Files.readString(file).strip().split(" ");
      Files.writeString(file, fields[0] + " " + fields[1] + " " + Long.MAX_VALUE + "\n");

      assertThat(files.stopOrphans()).containsExactly("processors");
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(file).doesNotExist();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aFileOfAProcessThatIsGoneOrUnreadableIsRemovedWithoutStoppingAnything() throws Exception {
    var files = new ChildPidFiles(dataDir);
    Process child = new ProcessBuilder("true").start();
    child.waitFor(10, TimeUnit.SECONDS);
    files.write("lakehouse-sink", child.toHandle());
    Files.writeString(dataDir.resolve("run/garbage.pid"), "not a pid\n");

    assertThat(files.stopOrphans()).isEmpty();
    assertThat(dataDir.resolve("run/lakehouse-sink.pid")).doesNotExist();
    assertThat(dataDir.resolve("run/garbage.pid")).doesNotExist();
  }
}
