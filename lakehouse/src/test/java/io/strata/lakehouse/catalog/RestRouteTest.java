package io.strata.lakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.lakehouse.catalog.RestRoute.Match;
import io.strata.lakehouse.catalog.RestRoute.NoRoute;
import io.strata.lakehouse.catalog.RestRoute.Routed;
import io.strata.lakehouse.catalog.RestRoute.WrongMethod;
import java.util.Map;
import org.apache.iceberg.rest.Endpoint;
import org.junit.jupiter.api.Test;

class RestRouteTest {

  @Test
  void shouldRouteByMethodAndPathAndKeepVariablesEncoded() {
    Match match = ((Routed) RestRoute.route("GET", "/v1/namespaces/a%1Fb/tables/api%20calls")).match();

    assertThat(match.route()).isEqualTo(RestRoute.LOAD_TABLE);
    assertThat(match.pathVariables()).isEqualTo(Map.of("namespace", "a%1Fb", "table", "api%20calls"));
  }

  @Test
  void shouldTellTheSameTemplateApartByMethod() {
    assertThat(((Routed) RestRoute.route("HEAD", "/v1/namespaces/ns/tables/t")).match().route())
        .isEqualTo(RestRoute.TABLE_EXISTS);
    assertThat(((Routed) RestRoute.route("POST", "/v1/namespaces/ns/tables/t")).match().route())
        .isEqualTo(RestRoute.UPDATE_TABLE);
    assertThat(((Routed) RestRoute.route("DELETE", "/v1/namespaces/ns/tables/t")).match().route())
        .isEqualTo(RestRoute.DROP_TABLE);
    assertThat(((Routed) RestRoute.route("POST", "v1/namespaces/ns/tables/t/metrics/")).match().route())
        .isEqualTo(RestRoute.REPORT_METRICS);
  }

  @Test
  void shouldAnswerWrongMethodWithTheAllowedOnes() {
    assertThat(RestRoute.route("PUT", "/v1/namespaces/ns")).isInstanceOfSatisfying(WrongMethod.class,
        wrong -> assertThat(wrong.allowed()).containsExactly("HEAD", "GET", "DELETE"));
  }

  @Test
  void shouldNotRouteUnknownPathsOrEmptyVariables() {
    assertThat(RestRoute.route("GET", "/v1/namespaces/ns/tables/t/snapshots")).isInstanceOf(NoRoute.class);
    assertThat(RestRoute.route("GET", "/v1/namespaces//tables")).isInstanceOf(NoRoute.class);
    assertThat(RestRoute.route("POST", "/v1/transactions/commit")).isInstanceOf(NoRoute.class);
    assertThat(RestRoute.route("GET", "/v2/config")).isInstanceOf(NoRoute.class);
  }

  @Test
  void shouldAnnounceViewEndpointsOnlyForCatalogsWithViews() {
    assertThat(RestRoute.endpoints(false)).contains(Endpoint.V1_LOAD_TABLE, Endpoint.V1_UPDATE_TABLE)
        .doesNotContain(Endpoint.V1_LOAD_VIEW, Endpoint.V1_COMMIT_TRANSACTION);
    assertThat(RestRoute.endpoints(true)).contains(Endpoint.V1_LOAD_VIEW, Endpoint.V1_RENAME_VIEW);
  }

  @Test
  void shouldDecodeQueryParameters() {
    assertThat(RestCatalogHandler.query("parent=a%1Fb&pageSize=10&flag"))
        .containsEntry("parent", "a\u001fb").containsEntry("pageSize", "10").containsEntry("flag", "");
  }
}
