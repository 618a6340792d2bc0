package io.strata.trainer.service;

import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for the built-in trainer, run by the service as a real child process in {@link TrainerLauncherIT}:
 * it speaks the stdout protocol ({@code strata.progress}, {@code strata.outcome}, {@code strata.error}) and obeys
 * two hyperparameters of its own: {@code --sleep-ms=N} between its epochs and {@code --fail=message}. JDK only,
 * so the test classes directory is its whole classpath.
 */
public final class FakeTrainer {

  private FakeTrainer() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 2) {
        options.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
    }
    System.out.println("fake trainer pid=" + ProcessHandle.current().pid());
    System.out.println("args " + String.join(" ", args));
    System.out.println("env DJL_CACHE_DIR=" + System.getenv("DJL_CACHE_DIR") + " CUDA_VISIBLE_DEVICES=["
        + System.getenv("CUDA_VISIBLE_DEVICES") + "] offline=" + System.getProperty("ai.djl.offline"));
    if (options.containsKey("fail")) {
      System.out.println("strata.error " + options.get("fail"));
      System.exit(2);
    }
    long sleep = Long.parseLong(options.getOrDefault("sleep-ms", "0"));
    System.out.println("strata.progress epoch=1 loss=0.9 accuracy=0.5");
    Thread.sleep(sleep);
    System.out.println("strata.progress epoch=2 loss=0.4 accuracy=0.75");
    System.out.println("strata.outcome artifactUri=blob:sha256/feed artifactSha256=feed accuracy=0.75 items="
        + options.get("items"));
  }
}
