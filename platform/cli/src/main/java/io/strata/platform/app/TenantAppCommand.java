package io.strata.platform.app;

import io.strata.platform.controlplane.ControlPlaneClient;
import io.strata.platform.controlplane.ControlPlaneCommand;
import picocli.CommandLine.Option;

/** An app command of one tenant. */
abstract class TenantAppCommand extends ControlPlaneCommand {

  @Option(names = "--tenant", required = true, paramLabel = "TENANT", description = "The tenant the app belongs to")
  String tenant;

  String appsPath() {
    return ControlPlaneClient.path("/v1/tenants/%s/apps", tenant);
  }

  String appPath(String appKey) {
    return ControlPlaneClient.path("/v1/tenants/%s/apps/%s", tenant, appKey);
  }
}
