package io.strata.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.platform.controlplane.CliRun;
import io.strata.platform.controlplane.FakeRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppCommandsTest {

  @TempDir
  Path dir;

  private final FakeRegistry registry = new FakeRegistry();
  private Path tokenFile;

  @BeforeEach
  void writeToken() throws IOException {
    tokenFile = Files.writeString(dir.resolve("token"), "the-admin-token\n");
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldPrintTheNewSecretOnceAndSayItWillNotBeShownAgain() {
    registry.answer(201, "{\"appKey\":\"ak_4Fz9QmT2xLp8RcV1bN6w\",\"name\":\"upload-bot\","
        + "\"appSecret\":\"Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q\"}");

    var run = app("create", "--tenant", "acme", "--name", "upload-bot");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("App key:    ak_4Fz9QmT2xLp8RcV1bN6w")
        .contains("App secret: Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q")
        .contains(AppView.NOT_SHOWN_AGAIN);
    assertThat(registry.received()).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/v1/tenants/acme/apps");
      assertThat(request.authorization()).isEqualTo("Bearer the-admin-token");
      assertThat(request.body()).isEqualTo("{\"name\":\"upload-bot\"}");
    });
  }

  @Test
  void shouldSendTheGracePeriodInSecondsAndSayUntilWhenTheOldSecretWorks() {
    registry.answer(200, "{\"appKey\":\"ak_1\",\"appSecret\":\"new-secret\",\"previousSecretValidUntil\":\"2030-01-02T00:00:00Z\"}");

    var run = app("rotate", "--tenant", "acme", "ak_1", "--grace", "24h");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("App secret: new-secret").contains(AppView.NOT_SHOWN_AGAIN)
        .contains("until 2030-01-02T00:00:00Z");
    assertThat(registry.received()).singleElement().satisfies(request -> {
      assertThat(request.path()).isEqualTo("/v1/tenants/acme/apps/ak_1/rotate-secret");
      assertThat(request.body()).isEqualTo("{\"graceSeconds\":86400}");
    });
  }

  @Test
  void shouldSendTheBlockReason() {
    registry.answer(200, "{}");

    var run = app("block", "--tenant", "acme", "ak_1", "--reason", "leaked key");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Blocked app ak_1 in tenant acme: leaked key");
    assertThat(registry.received()).extracting(FakeRegistry.Received::path, FakeRegistry.Received::body)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/v1/tenants/acme/apps/ak_1/block", "{\"reason\":\"leaked key\"}"));
  }

  @Test
  void shouldListAppsAsATableWithoutSecrets() {
    registry.answer(200, "{\"apps\":[{\"appKey\":\"ak_1\",\"name\":\"upload-bot\",\"blocked\":false,\"createdAt\":\"2030-01-01T00:00:00Z\"},"
        + "{\"appKey\":\"ak_22\",\"name\":\"serving\",\"status\":\"BLOCKED\"}]}");

    var run = app("list", "--tenant", "acme");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines()).containsExactly(
        "APP KEY  NAME        STATUS   CREATED",
        "ak_1     upload-bot  active   2030-01-01T00:00:00Z",
        "ak_22    serving     blocked  -");
  }

  @Test
  void shouldPrintTheServersJsonForScripts() {
    registry.answer(200, "{\"appKey\":\"ak_1\",\"name\":\"upload-bot\"}");

    var run = app("get", "--tenant", "acme", "ak_1", "--json");

    assertThat(run.out().trim()).isEqualTo("{\"appKey\":\"ak_1\",\"name\":\"upload-bot\"}");
  }

  @Test
  void shouldPrintTheServersCodeAndMessageAndFailWhenRefused() {
    registry.answer(404, "{\"code\":\"app_not_found\",\"message\":\"No app 'ak_9' in tenant 'acme'\"}");

    var run = app("get", "--tenant", "acme", "ak_9");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("app_not_found").contains("No app 'ak_9' in tenant 'acme'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shouldSayToRunUpWhenTheRegistryDoesNotAnswer() {
    var url = registry.url();
    registry.close();

    var run = CliRun.of("app", "list", "--tenant", "acme", "--registry-url", url, "--admin-token-file", tokenFile.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Cannot reach the registry at " + url).contains("./strata up");
  }

  @Test
  void shouldSayToRunUpWhenNothingRunsInTheDataDirectory() {
    var run = CliRun.of("app", "list", "--tenant", "acme", "--data-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Strata is not running in " + dir).contains("./strata up");
  }

  @Test
  void shouldRequireTheTenant() {
    var run = app("list");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--tenant");
    assertThat(registry.received()).isEmpty();
  }

  @Test
  void shouldRequireAReasonToBlock() {
    var run = app("block", "--tenant", "acme", "ak_1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--reason");
  }

  private CliRun app(String... args) {
    var all = new ArrayList<>(List.of("app"));
    all.addAll(List.of(args));
    all.addAll(List.of("--registry-url", registry.url(), "--admin-token-file", tokenFile.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }
}
