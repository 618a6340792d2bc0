package io.strata.platform.signing;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.signing.RequestSigner;
import io.strata.platform.Environment;
import io.strata.platform.up.DefaultApp;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --app-key} and {@code --app-secret} (or {@value #SECRET_VARIABLE}); without them, the default app that
 * {@code strata up} created for the data directory.
 */
public final class AppCredentialsOptions {

  /** Where the secret may come from instead of the command line (which other users can see in {@code ps}). */
  public static final String SECRET_VARIABLE = "STRATA_APP_SECRET";

  @Option(names = "--app-key", paramLabel = "KEY", description = "Sign as this app (with --app-secret)")
  String appKey;

  @Option(names = "--app-secret", paramLabel = "SECRET", description = "The app's secret; env " + SECRET_VARIABLE)
  String appSecret;

  /**
   * The signer of the given app, else of the default app of {@code dataDirectory}.
   *
   * @throws IllegalArgumentException when only one of key and secret is given, or there is no default app
   */
  public RequestSigner signer(Path dataDirectory, Environment environment) {
    String secret = appSecret != null ? appSecret : environment.variables().get(SECRET_VARIABLE);
    if (appKey != null || appSecret != null) {
      if (appKey == null || secret == null) {
        throw new IllegalArgumentException("Give both --app-key and --app-secret, or neither to use the default app");
      }
      return RequestSigner.create(appKey, AppSecret.of(secret));
    }
    DefaultApp app = DefaultApp.read(dataDirectory).orElseThrow(() -> new IllegalArgumentException("No default app in "
        + dataDirectory + " (" + DefaultApp.file(dataDirectory) + " is missing): start ./strata up once with this "
        + "--data-dir, or give --app-key and --app-secret"));
    return RequestSigner.create(app.appKey(), AppSecret.of(app.appSecret()));
  }
}
