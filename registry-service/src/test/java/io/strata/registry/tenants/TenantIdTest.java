package io.strata.registry.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.registry.controlplane.ApiError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"acme", "a1", "acme-robotics", "0-x"})
  void shouldAcceptValidIds(String id) {
    assertThat(TenantId.validate(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "-acme", "Acme", "acme_robotics", "acme.io", ""})
  void shouldRefuseInvalidIds(String id) {
    assertThatThrownBy(() -> TenantId.validate(id)).isInstanceOfSatisfying(ApiError.class, e -> {
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.code()).isEqualTo("INVALID_TENANT_ID");
      assertThat(e.getMessage()).contains("lowercase");
    });
  }
}
