package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpApiRouteTest {

  @Test
  void shouldNameRoutesWithoutTheirIdsSoThatTimersStayFew() {
    assertThat(HttpApi.routeTemplate("/v1/training-jobs")).isEqualTo("/v1/training-jobs");
    assertThat(HttpApi.routeTemplate("/v1/training-jobs/job-42")).isEqualTo("/v1/training-jobs/{id}");
    assertThat(HttpApi.routeTemplate("/v1/training-jobs/job-42/logs")).isEqualTo("/v1/training-jobs/{id}/logs");
    assertThat(HttpApi.routeTemplate("/v1/trainers/yolo/code")).isEqualTo("/v1/trainers/{id}/code");
    assertThat(HttpApi.routeTemplate("/health")).isEqualTo("/health");
    assertThat(HttpApi.routeTemplate("/v1/whatever/../../etc")).isEqualTo("other");
  }
}
