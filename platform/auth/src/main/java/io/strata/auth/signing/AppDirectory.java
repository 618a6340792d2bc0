package io.strata.auth.signing;

import java.util.Optional;

/**
 * Where the verifier finds an app by its key: at a gateway, an in-memory view of the {@code apps} topic
 * with the secrets decrypted. Called once per request on the request thread, so it must answer from
 * memory without blocking, and be safe for concurrent readers while the view is updated.
 */
@FunctionalInterface
public interface AppDirectory {

  /** The app's credentials as this gateway currently knows them; empty if the key is unknown or deleted. */
  Optional<AppCredentials> find(String appKey);
}
