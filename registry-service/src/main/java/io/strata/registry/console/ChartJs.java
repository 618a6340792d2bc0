package io.strata.registry.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Where the Chart.js WebJar keeps its browser bundle (the version is read from the WebJar's own metadata). */
final class ChartJs {

  private static final String POM = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private ChartJs() {}

  /** The classpath resource of the minified UMD bundle, e.g. {@code /META-INF/resources/webjars/chart.js/4.5.1/...}. */
  static String bundle() {
    try (InputStream in = ChartJs.class.getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("The Chart.js WebJar (org.webjars.npm:chart.js) is missing from the "
            + "registry's classpath");
      }
      var properties = new Properties();
      properties.load(in);
      return "/META-INF/resources/webjars/chart.js/" + properties.getProperty("version") + "/dist/chart.umd.min.js";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
