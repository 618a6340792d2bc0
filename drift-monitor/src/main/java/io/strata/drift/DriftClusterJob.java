package io.strata.drift;

import java.net.InetAddress;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The drift job for a Flink cluster: {@code flink run -c io.strata.drift.DriftClusterJob
 * drift-monitor/target/strata-drift-monitor-<version>-flink-job.jar --bootstrap-servers=... --schema-registry-url=...}
 * (the same options as {@link DriftMonitorMain}, less {@code --metrics-port} and {@code --checkpoint-dir}: on a
 * cluster, checkpoint storage, parallelism and restarts come from the cluster's configuration, and a restore is
 * {@code flink run -s <checkpoint>}).
 */
public final class DriftClusterJob {

  private DriftClusterJob() {}

  public static void main(String[] args) throws Exception {
    DriftSettings settings = DriftMonitorMain.settings(DriftMonitorMain.parse(args));
    var env = StreamExecutionEnvironment.getExecutionEnvironment();
    DriftJob.build(env, settings, "drift-monitor@" + InetAddress.getLocalHost().getHostName());
    env.execute(DriftJob.NAME);
  }
}
