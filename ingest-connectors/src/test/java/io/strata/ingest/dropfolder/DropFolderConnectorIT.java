package io.strata.ingest.dropfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.events.IngestRejection;
import io.strata.events.RejectionReason;
import io.strata.events.SampleEvent;
import io.strata.ingest.gateway.TestImages;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drop-folder connector in a real distributed Connect worker (exactly-once source) on a real broker. */
class DropFolderConnectorIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private DropFolderFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new DropFolderFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  @Test
  void shouldIngestGoodFilesRejectBadOnesAndWaitForPartialOnes() throws Exception {
    byte[] png = TestImages.png(1);
    byte[] jpeg = TestImages.jpeg(2);
    Files.write(fixture.drop.resolve("cat.png"), png);
    Files.write(fixture.drop.resolve("dog.jpg"), jpeg);
    Files.write(fixture.drop.resolve("empty.png"), new byte[0]);
    Files.write(fixture.drop.resolve("notes.jpg"), "not an image".getBytes());
    Files.write(fixture.drop.resolve("truncated.png"), TestImages.truncated(png, png.length / 2));
    Files.write(fixture.drop.resolve("mislabelled.png"), TestImages.jpeg(3));
    byte[] slow = TestImages.png(4);
    Path partial = fixture.drop.resolve("slow.png");

    try (ConnectWorker worker = fixture.startWorker()) {
      worker.put("drop", fixture.connectorConfig("drop", Map.of(DropFolderConnectorConfig.STABLE_MS, "1500",
          DropFolderConnectorConfig.DATASET, "pets", DropFolderConnectorConfig.TAGS, "camera-7")), WAIT);
      OutputStream writer = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW);
      // A writer that is still appending: a chunk every 300 ms, so the file never looks stable while it grows.
      int chunk = Math.max(1, slow.length / 8);
      for (int at = 0; at < slow.length; at += chunk) {
        writer.write(slow, at, Math.min(chunk, slow.length - at));
        writer.flush();
        Thread.sleep(300);
      }
      writer.close();

      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(fixture.filesIn("processed")).containsExactly("cat.png", "dog.jpg", "slow.png");
        assertThat(fixture.filesIn("rejected")).contains("empty.png", "notes.jpg", "truncated.png", "mislabelled.png");
      });
      assertThat(worker.taskState("drop")).isEqualTo("RUNNING");
    }

    List<SampleEvent> samples = fixture.samples();
    assertThat(samples).extracting(e -> e.getUploaded().getOriginalFilename())
        .containsExactlyInAnyOrder("cat.png", "dog.jpg", "slow.png");
    SampleEvent cat = samples.stream().filter(e -> e.getUploaded().getOriginalFilename().equals("cat.png")).findFirst()
        .orElseThrow();
    assertThat(cat.getTenantId()).isEqualTo("acme");
    assertThat(cat.getSampleId()).isEqualTo(sha256(png));
    assertThat(cat.getUploaded().getSource()).isEqualTo("drop-folder:drop");
    assertThat(cat.getUploaded().getAppKey()).isEqualTo("drop-folder:drop");
    assertThat(cat.getUploaded().getDataset()).isEqualTo("pets");
    assertThat(cat.getUploaded().getTags()).containsExactly("camera-7");
    assertThat(cat.getUploaded().getContentType()).isEqualTo("image/png");
    assertThat(Files.readAllBytes(Path.of(java.net.URI.create(cat.getUploaded().getBlobUri())))).isEqualTo(png);
    SampleEvent whole = samples.stream().filter(e -> e.getUploaded().getOriginalFilename().equals("slow.png"))
        .findFirst().orElseThrow();
    assertThat(whole.getSampleId()).isEqualTo(sha256(slow));

    Map<String, IngestRejection> rejected = fixture.rejections().stream()
        .collect(Collectors.toMap(r -> r.getFilename().toString(), Function.identity()));
    assertThat(rejected).containsOnlyKeys("empty.png", "notes.jpg", "truncated.png", "mislabelled.png");
    assertThat(rejected.get("empty.png").getReason()).isEqualTo(RejectionReason.EMPTY);
    assertThat(rejected.get("notes.jpg").getReason()).isEqualTo(RejectionReason.CORRUPT);
    assertThat(rejected.get("truncated.png").getReason()).isEqualTo(RejectionReason.CORRUPT);
    assertThat(rejected.get("mislabelled.png").getReason()).isEqualTo(RejectionReason.INVALID_METADATA);
    assertThat(rejected.values()).allSatisfy(r -> {
      assertThat(r.getSource()).isEqualTo("drop-folder:drop");
      assertThat(r.getTenantId()).isEqualTo("acme");
    });
    assertThat(Files.readString(fixture.drop.resolve("rejected/truncated.png.reason.txt")))
        .startsWith("CORRUPT_IMAGE: ").contains("truncated");
    assertThat(Files.readString(fixture.drop.resolve("rejected/mislabelled.png.reason.txt")))
        .startsWith("CONTENT_TYPE_MISMATCH: ");
  }

  @Test
  void shouldIngestEachFileExactlyOnceWhenTheTaskAndTheWorkerRestartMidFolder() throws Exception {
    int files = 30;
    for (int i = 0; i < files; i++) {
      Files.write(fixture.drop.resolve(String.format("img-%02d.png", i)), TestImages.png(100 + i));
    }
    Map<String, String> config = fixture.connectorConfig("drop", Map.of(DropFolderConnectorConfig.STABLE_MS, "0",
        DropFolderConnectorConfig.BATCH_FILES, "2"));

    try (ConnectWorker worker = fixture.startWorker()) {
      worker.put("drop", config, WAIT);
      await().atMost(WAIT).until(() -> fixture.filesIn("processed").size() >= 4);
      worker.restartTask("drop");
      await().atMost(WAIT).until(() -> fixture.filesIn("processed").size() >= 12);
    }
    int afterStop = fixture.filesIn("processed").size();
    assertThat(afterStop).isLessThan(files);

    try (ConnectWorker worker = fixture.startWorker()) {
      await().atMost(WAIT).until(() -> fixture.filesIn("processed").size() == files);
      assertThat(worker.taskState("drop")).isEqualTo("RUNNING");
    }

    Map<String, Long> perFile = fixture.samples().stream()
        .collect(Collectors.groupingBy(e -> e.getUploaded().getOriginalFilename().toString(), Collectors.counting()));
    assertThat(perFile).hasSize(files);
    assertThat(perFile.values()).containsOnly(1L);
    assertThat(fixture.rejections()).isEmpty();
  }

  @Test
  void shouldLeaveFilesInPlaceAndRememberThemWhenAfterIsMark() throws Exception {
    Files.write(fixture.drop.resolve("a.png"), TestImages.png(7));
    Map<String, String> config = fixture.connectorConfig("marking", Map.of(DropFolderConnectorConfig.STABLE_MS, "0",
        DropFolderConnectorConfig.AFTER, "mark"));
    try (ConnectWorker worker = fixture.startWorker()) {
      worker.put("marking", config, WAIT);
      await().atMost(WAIT).until(() -> fixture.samples().size() == 1);
      Files.write(fixture.drop.resolve("b.gif"), TestImages.gif(8));
      await().atMost(WAIT).until(() -> fixture.samples().size() == 2);
    }
    try (ConnectWorker worker = fixture.startWorker()) {
      Files.write(fixture.drop.resolve("c.bmp"), TestImages.bmp(9));
      await().atMost(WAIT).until(() -> fixture.samples().size() >= 3);
      assertThat(worker.taskState("marking")).isEqualTo("RUNNING");
    }
    assertThat(fixture.samples()).extracting(e -> e.getUploaded().getOriginalFilename().toString())
        .containsExactlyInAnyOrder("a.png", "b.gif", "c.bmp");
    assertThat(fixture.filesIn("")).contains("a.png", "b.gif", "c.bmp").doesNotContain("processed");
  }

  static String sha256(byte[] bytes) throws Exception {
    var digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    return java.util.HexFormat.of().formatHex(digest);
  }

}
