package io.strata.registry.models;

import io.strata.registry.controlplane.ApiError;
import java.util.regex.Pattern;

/** The name of a model within its tenant: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit. */
public final class ModelName {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private ModelName() {}

  /** Returns {@code name} if valid. @throws ApiError 422 with {@code code} naming what is wrong */
  public static String validate(String name, String code) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw ApiError.invalid(code, "Invalid model name '" + name + "': use 1 to 100 letters, digits, '.', '_' or "
          + "'-', starting with a letter or digit");
    }
    return name;
  }
}
