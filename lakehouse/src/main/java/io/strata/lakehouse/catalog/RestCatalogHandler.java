package io.strata.lakehouse.catalog;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.strata.lakehouse.catalog.RestRoute.Match;
import io.strata.observability.metrics.HttpRequestMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.UnprocessableEntityException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;
import org.apache.iceberg.rest.RESTRequest;
import org.apache.iceberg.rest.RESTSerializers;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the Iceberg REST catalog protocol from a {@link Catalog} with Iceberg's own {@link CatalogHandlers}
 * (the same request validation and commit logic as Iceberg's reference server) and Iceberg's JSON
 * serializers. Every request must carry {@code Authorization: Bearer <token>}; errors are Iceberg's
 * {@link ErrorResponse} ({@code {"error":{"message","type","code"}}}), which every Iceberg client turns back
 * into the matching exception. Stack traces are logged, never sent.
 */
final class RestCatalogHandler implements HttpHandler {

  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
  private static final String PATH_NAMESPACE_SEPARATOR = "%1F";
  private static final Logger log = LoggerFactory.getLogger(RestCatalogHandler.class);

  private final Catalog catalog;
  private final SupportsNamespaces namespaces;
  private final ViewCatalog views;
  private final byte[] token;
  private final HttpRequestMetrics metrics;
  private final ObjectMapper mapper = mapper();

  RestCatalogHandler(Catalog catalog, String token, HttpRequestMetrics metrics) {
    if (!(catalog instanceof SupportsNamespaces supportsNamespaces)) {
      throw new IllegalArgumentException("Catalog " + catalog.name() + " (" + catalog.getClass().getName()
          + ") has no namespaces; the REST catalog needs one that has, such as Iceberg's JDBC catalog");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("The REST catalog needs a bearer token for its clients: set one");
    }
    this.catalog = catalog;
    this.namespaces = supportsNamespaces;
    this.views = catalog instanceof ViewCatalog viewCatalog ? viewCatalog : null;
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.metrics = metrics;
  }

  /** Iceberg's REST JSON: field access, kebab-case names, Iceberg's serializers, unknown fields ignored. */
  static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());
    RESTSerializers.registerAll(mapper);
    return mapper;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String routeName = "unrouted";
    int status;
    try (exchange) {
      RestRoute.Routing routing = RestRoute.route(method, exchange.getRequestURI().getRawPath());
      if (!authorized(exchange)) {
        status = sendError(exchange, 401, "NotAuthorizedException",
            "Missing or wrong bearer token: send 'Authorization: Bearer <token>' (Iceberg clients: the catalog "
                + "property token=<token>) with the token this catalog server was started with");
      } else if (routing instanceof RestRoute.NoRoute) {
        status = sendError(exchange, 404, "NoSuchRouteException", "No Iceberg REST route " + method + " "
            + exchange.getRequestURI().getRawPath() + "; GET /v1/config lists the endpoints this server serves");
      } else if (routing instanceof RestRoute.WrongMethod wrong) {
        exchange.getResponseHeaders().set("Allow", String.join(", ", wrong.allowed()));
        status = sendError(exchange, 405, "MethodNotAllowedException", method + " is not supported on "
            + exchange.getRequestURI().getRawPath() + "; use " + String.join(" or ", wrong.allowed()));
      } else {
        Match match = ((RestRoute.Routed) routing).match();
        routeName = match.route().name();
        status = serve(exchange, match);
      }
    }
    if (metrics != null) {
      metrics.record(method, routeName, status, System.nanoTime() - started);
    }
  }

  private int serve(HttpExchange exchange, Match match) throws IOException {
    try {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      RESTRequest body = body(exchange, match.route());
      Object response = dispatch(match, query, body);
      if (response == null) {
        exchange.sendResponseHeaders(204, -1);
        return 204;
      }
      return send(exchange, 200, mapper.writeValueAsBytes(response));
    } catch (BadRequest e) {
      return sendError(exchange, 400, "BadRequestException", e.getMessage());
    } catch (RuntimeException e) {
      int status = status(e);
      if (status >= 500) {
        log.warn("REST catalog {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return sendError(exchange, status, e.getClass().getSimpleName(), message);
    }
  }

  private Object dispatch(Match match, Map<String, String> query, RESTRequest body) {
    Map<String, String> path = match.pathVariables();
    return switch (match.route()) {
      case CONFIG -> ConfigResponse.builder().withEndpoints(RestRoute.endpoints(views != null)).build();
      case LIST_NAMESPACES -> {
        Namespace parent = query.containsKey("parent")
            ? RESTUtil.namespaceFromQueryParam(query.get("parent")) : Namespace.empty();
        yield query.containsKey("pageSize")
            ? CatalogHandlers.listNamespaces(namespaces, parent, query.get("pageToken"), query.get("pageSize"))
            : CatalogHandlers.listNamespaces(namespaces, parent);
      }
      case CREATE_NAMESPACE -> CatalogHandlers.createNamespace(namespaces, (CreateNamespaceRequest) body);
      case NAMESPACE_EXISTS -> {
        CatalogHandlers.namespaceExists(namespaces, namespace(path));
        yield null;
      }
      case LOAD_NAMESPACE -> CatalogHandlers.loadNamespace(namespaces, namespace(path));
      case DROP_NAMESPACE -> {
        CatalogHandlers.dropNamespace(namespaces, namespace(path));
        yield null;
      }
      case UPDATE_NAMESPACE -> CatalogHandlers.updateNamespaceProperties(namespaces, namespace(path),
          (UpdateNamespacePropertiesRequest) body);
      case LIST_TABLES -> query.containsKey("pageSize")
          ? CatalogHandlers.listTables(catalog, namespace(path), query.get("pageToken"), query.get("pageSize"))
          : CatalogHandlers.listTables(catalog, namespace(path));
      case CREATE_TABLE -> {
        CreateTableRequest request = (CreateTableRequest) body;
        yield request.stageCreate()
            ? CatalogHandlers.stageTableCreate(catalog, namespace(path), request)
            : CatalogHandlers.createTable(catalog, namespace(path), request);
      }
      case TABLE_EXISTS -> {
        CatalogHandlers.tableExists(catalog, table(path, "table"));
        yield null;
      }
      case LOAD_TABLE -> CatalogHandlers.loadTable(catalog, table(path, "table"), snapshotMode(query));
      case UPDATE_TABLE -> CatalogHandlers.updateTable(catalog, table(path, "table"), (UpdateTableRequest) body);
      case DROP_TABLE -> {
        if (Boolean.parseBoolean(query.getOrDefault("purgeRequested", "false"))) {
          CatalogHandlers.purgeTable(catalog, table(path, "table"));
        } else {
          CatalogHandlers.dropTable(catalog, table(path, "table"));
        }
        yield null;
      }
      case REGISTER_TABLE -> CatalogHandlers.registerTable(catalog, namespace(path), (RegisterTableRequest) body);
      case REPORT_METRICS -> null;
      case RENAME_TABLE -> {
        CatalogHandlers.renameTable(catalog, (RenameTableRequest) body);
        yield null;
      }
      case LIST_VIEWS -> query.containsKey("pageSize")
          ? CatalogHandlers.listViews(views(), namespace(path), query.get("pageToken"), query.get("pageSize"))
          : CatalogHandlers.listViews(views(), namespace(path));
      case CREATE_VIEW -> CatalogHandlers.createView(views(), namespace(path), (CreateViewRequest) body);
      case VIEW_EXISTS -> {
        CatalogHandlers.viewExists(views(), table(path, "view"));
        yield null;
      }
      case LOAD_VIEW -> CatalogHandlers.loadView(views(), table(path, "view"));
      case UPDATE_VIEW -> CatalogHandlers.updateView(views(), table(path, "view"), (UpdateTableRequest) body);
      case DROP_VIEW -> {
        CatalogHandlers.dropView(views(), table(path, "view"));
        yield null;
      }
      case RENAME_VIEW -> {
        CatalogHandlers.renameView(views(), (RenameTableRequest) body);
        yield null;
      }
    };
  }

  private ViewCatalog views() {
    if (views == null) {
      throw new UnsupportedOperationException("Catalog " + catalog.name() + " has no views");
    }
    return views;
  }

  private static Namespace namespace(Map<String, String> path) {
    return RESTUtil.decodeNamespace(path.get("namespace"), PATH_NAMESPACE_SEPARATOR);
  }

  private static TableIdentifier table(Map<String, String> path, String variable) {
    return TableIdentifier.of(namespace(path), RESTUtil.decodeString(path.get(variable)));
  }

  private static SnapshotMode snapshotMode(Map<String, String> query) {
    String value = query.getOrDefault("snapshots", "all");
    try {
      return SnapshotMode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("Query parameter snapshots=" + value + " is not one of all, refs");
    }
  }

  private RESTRequest body(HttpExchange exchange, RestRoute route) throws IOException {
    Class<? extends RESTRequest> type = route.requestType();
    if (type == null) {
      return null;
    }
    byte[] bytes = readBody(exchange.getRequestBody());
    if (bytes.length == 0) {
      throw new BadRequest(route.method() + " " + exchange.getRequestURI().getRawPath()
          + " needs a JSON body (" + type.getSimpleName() + ")");
    }
    RESTRequest request;
    try {
      request = mapper.readValue(bytes, type);
    } catch (JsonProcessingException e) {
      throw new BadRequest("The body is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
    try {
      request.validate();
    } catch (IllegalArgumentException e) {
      throw new BadRequest("Invalid " + type.getSimpleName() + ": " + e.getMessage());
    }
    return request;
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new BadRequest("The body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    return bytes;
  }

  static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("Query parameter '" + pair + "' is not valid percent-encoding");
      }
    }
    return query;
  }

  private boolean authorized(HttpExchange exchange) {
    List<String> values = exchange.getRequestHeaders().get("Authorization");
    return values != null && values.size() == 1
        && MessageDigest.isEqual(token, values.get(0).getBytes(StandardCharsets.UTF_8));
  }

  /** The status Iceberg's clients expect for each of its exceptions (the REST catalog OpenAPI spec). */
  static int status(RuntimeException e) {
    if (e instanceof IllegalArgumentException || e instanceof ValidationException) {
      return 400;
    } else if (e instanceof NotAuthorizedException) {
      return 401;
    } else if (e instanceof ForbiddenException) {
      return 403;
    } else if (e instanceof NoSuchNamespaceException || e instanceof NoSuchTableException
        || e instanceof NoSuchViewException) {
      return 404;
    } else if (e instanceof UnsupportedOperationException) {
      return 406;
    } else if (e instanceof AlreadyExistsException || e instanceof CommitFailedException
        || e instanceof NamespaceNotEmptyException) {
      return 409;
    } else if (e instanceof UnprocessableEntityException) {
      return 422;
    }
    return 500;
  }

  private int sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
    ErrorResponse error = ErrorResponse.builder().responseCode(status).withType(type).withMessage(message).build();
    return send(exchange, status, mapper.writeValueAsBytes(error));
  }

  private static int send(HttpExchange exchange, int status, byte[] json) throws IOException {
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, head ? -1 : json.length);
    if (!head) {
      exchange.getResponseBody().write(json);
    }
    return status;
  }

  /** A request this server cannot parse: 400 with the reason. */
  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
