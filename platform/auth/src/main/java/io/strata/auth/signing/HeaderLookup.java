package io.strata.auth.signing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read access to a request's headers, as the HTTP layer holds them. The verifier asks for the five signature
 * headers by name; the adapter answers every value a header has (a repeated signature header is refused).
 */
@FunctionalInterface
public interface HeaderLookup {

  /** Every value of the header {@code name}, matched case-insensitively as HTTP does; empty if absent. */
  List<String> values(String name);

  /** Headers from a map of single values, matched case-insensitively; for tests and simple callers. */
  static HeaderLookup of(Map<String, String> headers) {
    var byName = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> byName.put(name, List.of(value)));
    return name -> byName.getOrDefault(name, List.of());
  }
}
