package io.strata.platform.app;

import picocli.CommandLine.Parameters;

/** An app command on one app, named by its key. */
abstract class OneAppCommand extends TenantAppCommand {

  @Parameters(index = "0", paramLabel = "APP_KEY", description = "The app's key, e.g. ak_4Fz9QmT2xLp8RcV1bN6w")
  String appKey;

  String appPath() {
    return appPath(appKey);
  }
}
