package io.strata.platform.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata app}: the group of app commands. */
@Command(name = "app", mixinStandardHelpOptions = true,
    description = "Manage a tenant's apps and their credentials (operator; uses the admin token).",
    subcommands = {CreateAppCommand.class, ListAppsCommand.class, GetAppCommand.class, RotateSecretCommand.class,
        BlockAppCommand.class, UnblockAppCommand.class})
public final class AppCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Say what to do: strata app create | list | get | rotate | block | unblock");
  }
}
