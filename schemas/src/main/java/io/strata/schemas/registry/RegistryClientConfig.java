package io.strata.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of a schema registry client, read from the same map a Kafka serde or Connect converter is configured
 * with.
 *
 * <ul>
 *   <li>{@value #SCHEMA_REGISTRY_URL} (required): comma-separated {@code http(s)://host:port} URLs, tried in
 *       turn when one cannot be reached; or {@code mock://<scope>} for the in-memory registry of that scope;
 *   <li>{@value #CONNECT_TIMEOUT_MS} (default 5000): TCP connect timeout per URL;
 *   <li>{@value #REQUEST_TIMEOUT_MS} (default 10000): time allowed for one request's answer;
 *   <li>{@value #LATEST_CACHE_TTL_SEC} (default -1, never expires): how long the latest version of a subject
 *       is cached (Confluent's key and default).
 * </ul>
 *
 * @param urls registry base URLs, without a trailing slash
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one request
 * @param latestCacheTtl how long a subject's latest version is cached; negative means forever
 */
public record RegistryClientConfig(List<URI> urls, Duration connectTimeout, Duration requestTimeout,
    Duration latestCacheTtl) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final String MOCK_SCHEME = "mock";

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(latestCacheTtl, "latestCacheTtl");
    if (urls.isEmpty()) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, "", "Give at least one schema registry URL, e.g. http://localhost:8081");
    }
  }

  /** The given URLs (comma-separated) with the default timeouts. */
  public static RegistryClientConfig of(String urls) {
    return from(Map.of(SCHEMA_REGISTRY_URL, urls));
  }

  /**
   * Reads and validates the settings.
   *
   * @throws ConfigException naming the key and the accepted values when a setting is missing or invalid
   */
  public static RegistryClientConfig from(Map<String, ?> configs) {
    return new RegistryClientConfig(
        urls(configs.get(SCHEMA_REGISTRY_URL)),
        Duration.ofMillis(positiveLong(configs, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT.toMillis())),
        Duration.ofMillis(positiveLong(configs, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT.toMillis())),
        Duration.ofSeconds(ttlSeconds(configs.get(LATEST_CACHE_TTL_SEC))));
  }

  /** The scope when the URLs name the in-memory registry ({@code mock://<scope>}). */
  Optional<String> mockScope() {
    return MOCK_SCHEME.equals(urls.get(0).getScheme()) ? Optional.of(urls.get(0).getHost()) : Optional.empty();
  }

  private static List<URI> urls(Object value) {
    if (value == null || value.toString().isBlank()) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, value,
          "Missing: give the schema registry's URL(s), comma-separated, e.g. http://localhost:8081");
    }
    Collection<?> items = value instanceof Collection<?> list ? list : Arrays.asList(value.toString().split(","));
    var urls = new ArrayList<URI>();
    for (Object item : items) {
      String text = item.toString().strip().replaceAll("/+$", "");
      if (!text.isEmpty()) {
        urls.add(url(text, value));
      }
    }
    long mocks = urls.stream().filter(u -> MOCK_SCHEME.equals(u.getScheme())).count();
    if (mocks > 0 && (mocks != 1 || urls.size() != 1)) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, value, "A mock:// URL must be the only URL");
    }
    return urls;
  }

  private static URI url(String text, Object value) {
    try {
      URI uri = URI.create(text);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if ((http || MOCK_SCHEME.equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, value, "'" + text + "' is not a URL: " + e.getMessage());
    }
    throw new ConfigException(SCHEMA_REGISTRY_URL, value,
        "'" + text + "' is not an http://host:port, https://host:port or mock://scope URL");
  }

  private static long positiveLong(Map<String, ?> configs, String key, long defaultValue) {
    Object value = configs.get(key);
    long parsed = value == null ? defaultValue : parseLong(key, value);
    if (parsed <= 0) {
      throw new ConfigException(key, value, "Must be a positive number of milliseconds");
    }
    return parsed;
  }

  private static long ttlSeconds(Object value) {
    long parsed = value == null ? -1 : parseLong(LATEST_CACHE_TTL_SEC, value);
    return parsed < 0 ? -1 : parsed;
  }

  private static long parseLong(String key, Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "Must be a whole number");
    }
  }
}
