package io.strata.platform.status;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One line of {@code strata status}: a component, where it is, and whether it answered. */
@JsonPropertyOrder({"name", "url", "healthy"})
public record ComponentStatus(String name, String url, boolean healthy) {}
