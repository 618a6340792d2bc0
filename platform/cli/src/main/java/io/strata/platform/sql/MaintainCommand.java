package io.strata.platform.sql;

import picocli.CommandLine.Command;

/** {@code strata maintain}: compaction, snapshot expiry and orphan-file removal for the lakehouse tables. */
@Command(name = "maintain", description = {"Compact small files, expire old snapshots and remove orphan files in the "
    + "lakehouse tables. ./strata maintain --help for the limits."})
public final class MaintainCommand extends LakehouseCommand {

  @Override
  String mainClass() {
    return LakehouseProcesses.MAINTAIN_MAIN;
  }
}
