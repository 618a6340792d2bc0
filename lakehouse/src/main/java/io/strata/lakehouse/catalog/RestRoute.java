package io.strata.lakehouse.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTRequest;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.ReportMetricsRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/**
 * The routes of the Iceberg REST catalog protocol (v1, no prefix) that {@link RestCatalogServer} serves: each
 * is one of Iceberg's {@link Endpoint}s, so {@code GET /v1/config} can list exactly these and a client calls
 * nothing else. Not served: multi-table transactions ({@code /v1/transactions/commit}: the JDBC catalog commits
 * one table at a time, so they could not be atomic), token exchange ({@code /v1/oauth/tokens}), credential
 * vending, remote signing and server-side scan planning.
 */
enum RestRoute {
  CONFIG("GET", "v1/config", null, null),
  LIST_NAMESPACES("GET", "v1/namespaces", null, Endpoint.V1_LIST_NAMESPACES),
  CREATE_NAMESPACE("POST", "v1/namespaces", CreateNamespaceRequest.class, Endpoint.V1_CREATE_NAMESPACE),
  NAMESPACE_EXISTS("HEAD", "v1/namespaces/{namespace}", null, Endpoint.V1_NAMESPACE_EXISTS),
  LOAD_NAMESPACE("GET", "v1/namespaces/{namespace}", null, Endpoint.V1_LOAD_NAMESPACE),
  DROP_NAMESPACE("DELETE", "v1/namespaces/{namespace}", null, Endpoint.V1_DELETE_NAMESPACE),
  UPDATE_NAMESPACE("POST", "v1/namespaces/{namespace}/properties", UpdateNamespacePropertiesRequest.class,
      Endpoint.V1_UPDATE_NAMESPACE),
  LIST_TABLES("GET", "v1/namespaces/{namespace}/tables", null, Endpoint.V1_LIST_TABLES),
  CREATE_TABLE("POST", "v1/namespaces/{namespace}/tables", CreateTableRequest.class, Endpoint.V1_CREATE_TABLE),
  TABLE_EXISTS("HEAD", "v1/namespaces/{namespace}/tables/{table}", null, Endpoint.V1_TABLE_EXISTS),
  LOAD_TABLE("GET", "v1/namespaces/{namespace}/tables/{table}", null, Endpoint.V1_LOAD_TABLE),
  UPDATE_TABLE("POST", "v1/namespaces/{namespace}/tables/{table}", UpdateTableRequest.class,
      Endpoint.V1_UPDATE_TABLE),
  DROP_TABLE("DELETE", "v1/namespaces/{namespace}/tables/{table}", null, Endpoint.V1_DELETE_TABLE),
  REGISTER_TABLE("POST", "v1/namespaces/{namespace}/register", RegisterTableRequest.class,
      Endpoint.V1_REGISTER_TABLE),
  REPORT_METRICS("POST", "v1/namespaces/{namespace}/tables/{table}/metrics", ReportMetricsRequest.class,
      Endpoint.V1_REPORT_METRICS),
  RENAME_TABLE("POST", "v1/tables/rename", RenameTableRequest.class, Endpoint.V1_RENAME_TABLE),
  LIST_VIEWS("GET", "v1/namespaces/{namespace}/views", null, Endpoint.V1_LIST_VIEWS),
  CREATE_VIEW("POST", "v1/namespaces/{namespace}/views", CreateViewRequest.class, Endpoint.V1_CREATE_VIEW),
  VIEW_EXISTS("HEAD", "v1/namespaces/{namespace}/views/{view}", null, Endpoint.V1_VIEW_EXISTS),
  LOAD_VIEW("GET", "v1/namespaces/{namespace}/views/{view}", null, Endpoint.V1_LOAD_VIEW),
  UPDATE_VIEW("POST", "v1/namespaces/{namespace}/views/{view}", UpdateTableRequest.class,
      Endpoint.V1_UPDATE_VIEW),
  DROP_VIEW("DELETE", "v1/namespaces/{namespace}/views/{view}", null, Endpoint.V1_DELETE_VIEW),
  RENAME_VIEW("POST", "v1/views/rename", RenameTableRequest.class, Endpoint.V1_RENAME_VIEW);

  private final String method;
  private final List<String> segments;
  private final Class<? extends RESTRequest> requestType;
  private final Endpoint endpoint;

  RestRoute(String method, String template, Class<? extends RESTRequest> requestType, Endpoint endpoint) {
    this.method = method;
    this.segments = List.of(template.split("/"));
    this.requestType = requestType;
    this.endpoint = endpoint;
  }

  /** What a request's path and method matched. */
  record Match(RestRoute route, Map<String, String> pathVariables) {}

  /** The outcome of routing: a match, a known path with another method (405), or nothing (404). */
  sealed interface Routing permits Routed, WrongMethod, NoRoute {}

  record Routed(Match match) implements Routing {}

  record WrongMethod(List<String> allowed) implements Routing {}

  record NoRoute() implements Routing {}

  /**
   * Routes {@code method} on {@code rawPath} (still percent-encoded, with or without its leading slash): path
   * variables are returned raw, for {@code RESTUtil} to decode (a namespace's levels are joined by
   * {@code %1F}).
   */
  static Routing route(String method, String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String[] parts = path.split("/", -1);
    List<String> allowed = new ArrayList<>();
    for (RestRoute candidate : values()) {
      Optional<Map<String, String>> variables = candidate.variables(parts);
      if (variables.isPresent()) {
        if (candidate.method.equals(method)) {
          return new Routed(new Match(candidate, variables.get()));
        }
        allowed.add(candidate.method);
      }
    }
    return allowed.isEmpty() ? new NoRoute() : new WrongMethod(List.copyOf(allowed));
  }

  private Optional<Map<String, String>> variables(String[] parts) {
    if (parts.length != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String segment = segments.get(i);
      if (segment.startsWith("{")) {
        if (parts[i].isEmpty()) {
          return Optional.empty();
        }
        variables.put(segment.substring(1, segment.length() - 1), parts[i]);
      } else if (!segment.equals(parts[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(variables);
  }

  String method() {
    return method;
  }

  /** The request body's type, or null for a route without one. */
  Class<? extends RESTRequest> requestType() {
    return requestType;
  }

  /**
   * The endpoints {@code GET /v1/config} announces: every route but the config route itself, the view routes
   * only when the catalog has views.
   */
  static List<Endpoint> endpoints(boolean withViews) {
    return Arrays.stream(values())
        .filter(route -> route.endpoint != null && (withViews || !route.name().contains("VIEW")))
        .map(route -> route.endpoint)
        .toList();
  }
}
