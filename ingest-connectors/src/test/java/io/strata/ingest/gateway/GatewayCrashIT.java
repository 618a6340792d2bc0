package io.strata.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.SampleEvent;
import io.strata.ingest.gateway.GatewayFixture.App;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the gateway while clients upload: no acknowledged upload is lost, every {@code samples} event points
 * at a durable blob with exactly its bytes, and after a restart every acknowledged upload is known (200).
 */
class GatewayCrashIT {

  private static final int CLIENTS = 6;

  @Test
  void shouldLoseNoAcknowledgedUploadAndLeaveNoOrphanEventWhenKilled() throws Exception {
    try (var fixture = new GatewayFixture()) {
      App app = fixture.app("tenant-crash", null);
      Map<String, String> props = fixture.gatewayProperties(Map.of());
      var gateway = GatewayProcess.start("crash-1", "256m", props);
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      var seeds = new AtomicLong();
      var enough = new CountDownLatch(60);
      var threads = new ArrayList<Thread>();
      for (int i = 0; i < CLIENTS; i++) {
        Thread client = new Thread(() -> {
          while (true) {
            byte[] png = TestImages.image("png", 256, 192, seeds.incrementAndGet());
            try {
              var response = fixture.postRaw(gateway.url(), app, null, "image/png", png);
              if (response.statusCode() == 201 || response.statusCode() == 200) {
                acknowledged.add(UploadGatewayIT.sha256(png));
                enough.countDown();
              }
            } catch (Exception e) {
              return; // the gateway is gone
            }
          }
        });
        client.start();
        threads.add(client);
      }
      assertThat(enough.await(120, TimeUnit.SECONDS)).as("60 uploads acknowledged").isTrue();
      gateway.kill();
      for (Thread client : threads) {
        client.join(30_000);
      }
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);

      List<SampleEvent> events = fixture.samples();
      Set<String> recorded = events.stream().map(SampleEvent::getSampleId).collect(Collectors.toSet());
      assertThat(recorded).as("every acknowledged upload has its event").containsAll(acknowledged);
      for (SampleEvent event : events) {
        Path blob = Path.of(URI.create(event.getUploaded().getBlobUri()));
        assertThat(blob).as("blob of %s", event.getSampleId()).exists();
        assertThat(sha256(blob)).isEqualTo(event.getSampleId());
      }
      assertThat(events.stream().collect(Collectors.groupingBy(SampleEvent::getSampleId, Collectors.counting())))
          .allSatisfy((sha, count) -> assertThat(count).as("events of %s", sha).isEqualTo(1L));

      try (var restarted = GatewayProcess.start("crash-2", "256m", props)) {
        long seed = 0;
        int checked = 0;
        while (checked < 10 && seed < seeds.get()) {
          byte[] png = TestImages.image("png", 256, 192, ++seed);
          if (acknowledged.contains(UploadGatewayIT.sha256(png))) {
            var retry = fixture.postRaw(restarted.url(), app, null, "image/png", png);
            assertThat(retry.statusCode()).as("retry after restart: %s", retry.body()).isEqualTo(200);
            checked++;
          }
        }
        assertThat(checked).isEqualTo(10);
      }
      assertThat(fixture.samples()).hasSize(events.size());
    }
  }

  private static String sha256(Path file) throws Exception {
    var digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
