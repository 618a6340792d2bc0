package io.strata.platform.status;

import io.strata.platform.runtime.Component;
import io.strata.platform.runtime.HealthProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks each component whether it is alive, with a short timeout, never longer than {@link #timeout}. */
final class HealthChecks {

  private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);

  private final Duration timeout;
  private final HttpClient http;
  private final HealthProbe probe;

  HealthChecks(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.probe = new HealthProbe(timeout);
  }

  ComponentStatus check(Component component) {
    if (component.name().equals(Component.KAFKA)) {
      return new ComponentStatus(component.name(), component.url(), kafka(component.url()));
    }
    String probe = component.probeUrl();
    if (!HealthProbe.isHttp(probe)) {
      return new ComponentStatus(component.name(), component.url(), healthy(probe));
    }
    return new ComponentStatus(component.name(), component.url(), healthy(probe), metrics(probe));
  }

  /** Healthy when the cluster describes itself within the timeout. */
  private boolean kafka(String bootstrapServers) {
    int millis = (int) timeout.toMillis();
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) millis,
        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) millis);
    try (var admin = Admin.create(config)) {
      var clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
          .clusterId().get(millis, TimeUnit.MILLISECONDS);
      log.debug("Kafka at {} answered: clusterId={}", bootstrapServers, clusterId);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      log.debug("Kafka at {} did not answer: {}", bootstrapServers, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The summary of {@code GET <url>/metrics}, or {@code null} when the component serves none (404), does not answer
   * or answers something else: a component without metrics is shown as such, never as a failure.
   */
  private MetricsSummary metrics(String url) {
    var request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/metrics")).timeout(timeout).GET().build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        log.debug("{} answered {} to /metrics", url, response.statusCode());
        return null;
      }
      return MetricsSummary.of(response.body());
    } catch (IOException e) {
      log.debug("{} did not answer /metrics: {}", url, e.toString());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Healthy when the component answers its {@link HealthProbe} within the timeout. */
  private boolean healthy(String url) {
    try {
      return probe.healthy(url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
