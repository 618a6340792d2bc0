package io.strata.platform;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where log lines go. The console shows only Strata's own warnings and errors (the printer shows the rest).
 * Short-lived commands keep the jar's {@code logback.xml} (nothing else on the console); while the platform
 * runs, every component logs to {@code <data-dir>/logs/<component>.log}.
 */
public final class Logging {

  private Logging() {}

  /** Logs of a running platform: {@code kafka.log}, {@code registry.log} and {@code strata.log} in {@code logDirectory}. */
  public static void toFiles(Path logDirectory) {
    var resource = "/strata-logback-files.xml";
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding was chosen by the embedding application; leave its setup alone
    }
    context.reset();
    context.putProperty("STRATA_LOG_DIR", logDirectory.toString());
    var configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Logging.class.getResource(resource));
    } catch (JoranException e) {
      throw new IllegalStateException("Broken logging configuration " + resource + " in the strata-cli jar", e);
    }
  }
}
