package io.strata.lakehouse.sql.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real S3 server for Spark tests: S3Proxy ({@code org.gaul.s3proxy.Main}) over a directory, in a JVM of its own
 * ({@link LakehouseModuleJvm}: jclouds needs a newer Guava than the one Spark's build pins). Every directory under
 * {@link #root()} is a bucket.
 */
public final class S3ProxyProcess implements AutoCloseable {

  public static final String IDENTITY = "strata-test";
  public static final String CREDENTIAL = "strata-test-secret";

  private final LakehouseModuleJvm jvm;
  private final int port;
  private final Path root;

  private S3ProxyProcess(LakehouseModuleJvm jvm, int port, Path root) {
    this.jvm = jvm;
    this.port = port;
    this.root = root;
  }

  /** Starts S3Proxy with {@code bucket} in {@code directory}, and waits until it answers. */
  public static S3ProxyProcess start(Path directory, String bucket) throws Exception {
    Path root = Files.createDirectories(directory.resolve("s3"));
    Files.createDirectories(root.resolve(bucket));
    int port = LakehouseModuleJvm.freePort();
    Path properties = Files.writeString(directory.resolve("s3proxy.properties"), String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + IDENTITY,
        "s3proxy.credential=" + CREDENTIAL,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + root,
        ""));
    LakehouseModuleJvm jvm = LakehouseModuleJvm.start("org.gaul.s3proxy.Main",
        List.of("--properties", properties.toString()), directory.resolve("s3proxy.log"));
    S3ProxyProcess server = new S3ProxyProcess(jvm, port, root);
    try {
      // Any HTTP answer (403 for an unsigned request) means it is listening.
      jvm.awaitHttp(server.endpoint() + "/", status -> status > 0);
      return server;
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The directory holding the buckets' objects. */
  public Path root() {
    return root;
  }

  @Override
  public void close() throws InterruptedException {
    jvm.close();
  }
}
