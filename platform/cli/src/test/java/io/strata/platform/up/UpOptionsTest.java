package io.strata.platform.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.platform.Environment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UpOptionsTest {

  @Test
  void shouldUseDefaultsWhenNothingIsGiven() {
    var settings = parse().resolve(new Environment(Map.of()));

    assertThat(settings.dataDirectory()).isEqualTo(Path.of("strata-data").toAbsolutePath());
    assertThat(settings.kafkaPort()).isEqualTo(9092);
    assertThat(settings.controllerPort()).isEqualTo(9093);
    assertThat(settings.registryPort()).isEqualTo(8081);
  }

  @Test
  void shouldTakeTheEnvironmentOverTheDefaults() {
    var environment = new Environment(Map.of("STRATA_DATA_DIR", "/srv/strata", "STRATA_KAFKA_PORT", "19092",
        "STRATA_CONTROLLER_PORT", "19093", "STRATA_REGISTRY_PORT", "18081"));

    var settings = parse().resolve(environment);

    assertThat(settings.dataDirectory()).isEqualTo(Path.of("/srv/strata"));
    assertThat(settings).extracting(UpSettings::kafkaPort, UpSettings::controllerPort, UpSettings::registryPort)
        .containsExactly(19092, 19093, 18081);
  }

  @Test
  void shouldTakeFlagsOverTheEnvironment() {
    var environment = new Environment(Map.of("STRATA_DATA_DIR", "/srv/strata", "STRATA_KAFKA_PORT", "19092"));

    var settings = parse("--data-dir", "/tmp/mine", "--kafka-port", "29092", "--controller-port", "29093",
        "--registry-port", "28081").resolve(environment);

    assertThat(settings.dataDirectory()).isEqualTo(Path.of("/tmp/mine"));
    assertThat(settings).extracting(UpSettings::kafkaPort, UpSettings::controllerPort, UpSettings::registryPort)
        .containsExactly(29092, 29093, 28081);
  }

  @Test
  void shouldKeepKafkaDataAndLogsInsideTheDataDirectory() {
    var settings = parse("--data-dir", "/tmp/mine").resolve(new Environment(Map.of()));

    assertThat(settings.broker().dataDirectory()).isEqualTo(Path.of("/tmp/mine/kafka"));
    assertThat(settings.logDirectory()).isEqualTo(Path.of("/tmp/mine/logs"));
  }

  @Test
  void shouldServeTheRestCatalogOnlyWhenAsked() {
    assertThat(parse().resolve(new Environment(Map.of())).restCatalog()).isFalse();

    var flagged = parse("--rest-catalog").resolve(new Environment(Map.of()));
    assertThat(flagged.restCatalog()).isTrue();
    assertThat(flagged.restCatalogUrl()).isEqualTo("http://localhost:8181");

    var fromEnvironment = parse().resolve(new Environment(Map.of("STRATA_REST_CATALOG", "true",
        "STRATA_REST_CATALOG_PORT", "18181")));
    assertThat(fromEnvironment).extracting(UpSettings::restCatalog, UpSettings::restCatalogPort)
        .containsExactly(true, 18181);
    assertThatThrownBy(() -> parse().resolve(new Environment(Map.of("STRATA_REST_CATALOG", "yes"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("STRATA_REST_CATALOG must be true or false, got 'yes'");
  }

  @Test
  void shouldRefuseARestCatalogPortAnotherComponentHas() {
    assertThatThrownBy(() -> parse("--rest-catalog", "--rest-catalog-port", "8081")
        .resolve(new Environment(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Two components would share a port")
        .hasMessageContaining("--rest-catalog-port");
    // Not run, so its port does not count.
    assertThat(parse("--rest-catalog-port", "8081").resolve(new Environment(Map.of())).restCatalog()).isFalse();
  }

  private static UpOptions parse(String... args) {
    var command = new UpCommand();
    new CommandLine(command).parseArgs(args);
    return command.options;
  }
}
