package io.strata.ingest.dropfolder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StableFilesTest {

  @Test
  void shouldReleaseAFileOnlyAfterItsSizeAndMtimeStayedTheSameForTheStablePeriod() {
    var stable = new StableFiles(2000);
    assertThat(stable.stable(List.of(new DroppedFile("a.png", 10, 1)), 0)).isEmpty();
    assertThat(stable.stable(List.of(new DroppedFile("a.png", 20, 2)), 1500)).isEmpty();
    assertThat(stable.stable(List.of(new DroppedFile("a.png", 20, 2)), 3000)).isEmpty();
    assertThat(stable.stable(List.of(new DroppedFile("a.png", 20, 2)), 3500)).extracting(DroppedFile::name)
        .containsExactly("a.png");
  }

  @Test
  void shouldForgetFilesThatAreNoLongerListed() {
    var stable = new StableFiles(1000);
    stable.stable(List.of(new DroppedFile("a.png", 10, 1)), 0);
    stable.stable(List.of(), 500);
    assertThat(stable.stable(List.of(new DroppedFile("a.png", 10, 1)), 1200)).isEmpty();
  }

  @Test
  void shouldReleaseAtOnceWhenTheStablePeriodIsZero() {
    assertThat(new StableFiles(0).stable(List.of(new DroppedFile("a.png", 10, 1)), 0)).hasSize(1);
  }

  @Test
  void shouldTakeTheExtensionAsTheDeclaredType() {
    assertThat(DropFolderSourceTask.declaredType("cat.JPG")).contains("image/jpeg");
    assertThat(DropFolderSourceTask.declaredType("cat.webp")).contains("image/webp");
    assertThat(DropFolderSourceTask.declaredType("notes.txt")).isEmpty();
    assertThat(DropFolderSourceTask.declaredType("noextension")).isEmpty();
  }
}
