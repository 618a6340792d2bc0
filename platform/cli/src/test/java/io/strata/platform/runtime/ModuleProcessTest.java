package io.strata.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleProcessTest {

  @TempDir
  Path home;

  @Test
  void shouldRunTheMainWithTheModulesJarAndClasspathAndLogItsOutput() throws Exception {
    Path module = module("tools/echo", "strata-echo", "1.2.3");
    Files.writeString(module.resolve("target/classpath.txt"), System.getProperty("java.class.path"));
    Path log = home.resolve("logs/echo.log");

    var process = ModuleProcess.builder(home, "tools/echo", EchoMain.class.getName())
        .jvmOptions(List.of("-Dgreeting=hello", "-Xmx64m"))
        .args(List.of("--data-dir", "/tmp/x", "SELECT 1"))
        .logTo(log)
        .build();

    assertThat(process.command()).startsWith(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dgreeting=hello", "-Xmx64m", "-cp");
    assertThat(process.command().get(4)).startsWith(module.resolve("target/strata-echo-1.2.3.jar") + File.pathSeparator);
    assertThat(process.command()).endsWith(EchoMain.class.getName(), "--data-dir", "/tmp/x", "SELECT 1");
    assertThat(process.run()).isEqualTo(3);
    assertThat(Files.readString(log)).contains("args=--data-dir,/tmp/x,SELECT 1", "greeting=hello", "to stderr");
  }

  @Test
  void shouldTakeTheVersionFromTheParentWhenTheModuleHasNone() throws Exception {
    Path module = home.resolve("lakehouse/sql");
    Files.createDirectories(module.resolve("target"));
    Files.writeString(module.resolve("pom.xml"), """
        <project><parent><groupId>io.strata</groupId><artifactId>strata-parent</artifactId>
        <version>0.1.0-SNAPSHOT</version></parent><artifactId>strata-lakehouse-sql</artifactId></project>""");
    Files.writeString(module.resolve("target/classpath.txt"), "");
    emptyJar(module.resolve("target/strata-lakehouse-sql-0.1.0-SNAPSHOT.jar"));

    var process = ModuleProcess.builder(home, "lakehouse/sql", "x.Main").build();

    assertThat(process.command()).containsSubsequence("-cp",
        module.resolve("target/strata-lakehouse-sql-0.1.0-SNAPSHOT.jar").toString(), "x.Main");
  }

  @Test
  void shouldSayToRunTheBuildWhenTheModuleIsNotBuilt() throws Exception {
    module("tools/echo", "strata-echo", "1.2.3");
    Files.delete(home.resolve("tools/echo/target/strata-echo-1.2.3.jar"));

    assertThatThrownBy(() -> ModuleProcess.builder(home, "tools/echo", "x.Main").build())
        .isInstanceOf(ModuleProcess.ModuleNotBuiltException.class)
        .hasMessageContaining("Module tools/echo is not built")
        .hasMessageContaining("strata-echo-1.2.3.jar is missing")
        .hasMessageContaining("mvn -B -DskipTests install");
  }

  @Test
  void shouldSayToRebuildWhenAClasspathEntryIsGone() throws Exception {
    Path module = module("tools/echo", "strata-echo", "1.2.3");
    Files.writeString(module.resolve("target/classpath.txt"), home.resolve("gone.jar").toString());

    assertThatThrownBy(() -> ModuleProcess.builder(home, "tools/echo", "x.Main").build())
        .hasMessageContaining("needs " + home.resolve("gone.jar") + ", which is gone");
  }

  @Test
  void shouldExplainHowToNameTheHomeWhenNothingNamesIt() {
    String before = System.clearProperty(ModuleProcess.HOME_PROPERTY);
    try {
      assertThatThrownBy(() -> ModuleProcess.home(Map.of()))
          .hasMessageContaining("-Dstrata.home").hasMessageContaining("STRATA_HOME");
      assertThat(ModuleProcess.home(Map.of(ModuleProcess.HOME_VARIABLE, home.toString()))).isEqualTo(home);
    } finally {
      if (before != null) {
        System.setProperty(ModuleProcess.HOME_PROPERTY, before);
      }
    }
  }

  private Path module(String directory, String artifactId, String version) throws Exception {
    Path module = home.resolve(directory);
    Files.createDirectories(module.resolve("target"));
    Files.writeString(module.resolve("pom.xml"), "<project><artifactId>" + artifactId + "</artifactId><version>"
        + version + "</version></project>");
    Files.writeString(module.resolve("target/classpath.txt"), "");
    emptyJar(module.resolve("target/" + artifactId + "-" + version + ".jar"));
    return module;
  }

  private static void emptyJar(Path jar) throws Exception {
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.finish();
    }
  }
}
