package io.strata.platform.tenant;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata tenant}: the group of tenant commands. */
@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Create and list tenants (operator; uses the admin token).",
    subcommands = {CreateTenantCommand.class, ListTenantsCommand.class})
public final class TenantCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Say what to do: strata tenant create | list");
  }
}
