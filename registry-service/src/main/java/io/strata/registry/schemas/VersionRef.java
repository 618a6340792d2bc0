package io.strata.registry.schemas;

/**
 * A version as a request names it: a number from 1, or {@code latest} (also spelled {@code -1}).
 *
 * @param number the version, or {@link #LATEST_NUMBER}
 */
record VersionRef(int number) {

  static final int LATEST_NUMBER = -1;
  static final VersionRef LATEST = new VersionRef(LATEST_NUMBER);

  /** @throws RegistryException 42202 when {@code text} is neither a positive int nor latest/-1 */
  static VersionRef parse(String text) {
    if ("latest".equalsIgnoreCase(text)) {
      return LATEST;
    }
    try {
      int number = Integer.parseInt(text);
      if (number == LATEST_NUMBER) {
        return LATEST;
      }
      if (number >= 1) {
        return new VersionRef(number);
      }
    } catch (NumberFormatException e) {
      // not a number: answered below
    }
    throw RegistryException.invalidVersion(text);
  }

  boolean latest() {
    return number == LATEST_NUMBER;
  }

  @Override
  public String toString() {
    return latest() ? "latest" : Integer.toString(number);
  }
}
