package io.strata.ingest.gateway;

import io.micronaut.runtime.Micronaut;

/**
 * Runs the upload gateway as its own process. Configuration from {@code application.yml}, system properties
 * ({@code -Dstrata.ingest.blob-directory=...}) or environment variables ({@code STRATA_INGEST_BLOB_DIRECTORY});
 * see {@link GatewaySettings} and docs/ingest.md. Prints {@code STRATA_GATEWAY_LISTENING port=<port>} on
 * standard output once it serves, for a supervisor that started it on port 0.
 */
public final class GatewayApplication {

  private GatewayApplication() {}

  public static void main(String[] args) {
    var context = Micronaut.build(args).mainClass(GatewayApplication.class).environments(GatewayServer.ENVIRONMENT)
        .deduceEnvironment(false).banner(false)
        .start();
    int port = context.getBean(io.micronaut.runtime.server.EmbeddedServer.class).getPort();
    System.out.println("STRATA_GATEWAY_LISTENING port=" + port);
    System.out.flush();
  }
}
