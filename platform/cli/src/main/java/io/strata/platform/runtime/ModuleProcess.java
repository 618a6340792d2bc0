package io.strata.platform.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Runs a main class of one of Strata's modules in a child JVM with that module's own classpath: its jar
 * {@code <module>/target/<artifactId>-<version>.jar} and the dependencies listed in {@code
 * <module>/target/classpath.txt} (written by the module's {@code maven-dependency-plugin} {@code build-classpath}
 * execution). A module whose libraries must not meet the CLI's (Spark, Kafka Connect) runs this way.
 *
 * <p>The Strata home (the repository root, where the modules are built) comes from the system property
 * {@value #HOME_PROPERTY}, which the {@code strata} script sets, or the environment variable {@value
 * #HOME_VARIABLE}. A module that is not built fails with a message that says to run the build.
 */
public final class ModuleProcess {

  /** System property naming the Strata home. */
  public static final String HOME_PROPERTY = "strata.home";
  /** Environment variable naming the Strata home when the property is not set. */
  public static final String HOME_VARIABLE = "STRATA_HOME";

  private final List<String> command;
  private final Path workingDirectory;
  private final Path logFile;
  private final Map<String, String> environment;

  private ModuleProcess(List<String> command, Path workingDirectory, Path logFile, Map<String, String> environment) {
    this.command = List.copyOf(command);
    this.workingDirectory = workingDirectory;
    this.logFile = logFile;
    this.environment = Map.copyOf(environment);
  }

  /** The Strata home from {@value #HOME_PROPERTY} or {@value #HOME_VARIABLE}. */
  public static Path home(Map<String, String> environmentVariables) {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = environmentVariables.get(HOME_VARIABLE);
    }
    if (home == null || home.isBlank()) {
      throw new IllegalStateException("Cannot find the Strata home (where its modules are built): run this through "
          + "the ./strata script, or set -D" + HOME_PROPERTY + " or " + HOME_VARIABLE + " to the repository root");
    }
    return Path.of(home).toAbsolutePath().normalize();
  }

  /** A process for {@code mainClass} of the module in directory {@code module} (relative to {@code home}). */
  public static Builder builder(Path home, String module, String mainClass) {
    return new Builder(home, module, mainClass);
  }

  /** The full command line: {@code java <jvm options> -cp <jar:classpath> <main class> <args>}. */
  public List<String> command() {
    return command;
  }

  /** Starts the child; its output goes to this process's console, or to the log file when one was given. */
  public Process start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    builder.environment().putAll(environment);
    if (logFile == null) {
      builder.inheritIO();
    } else {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }
    return builder.start();
  }

  /**
   * Starts the child, waits for it and returns its exit code. If this JVM is stopped (Ctrl-C) or the wait is
   * interrupted, the child is stopped too.
   */
  public int run() throws IOException, InterruptedException {
    Process process = start();
    Thread stopChild = new Thread(process::destroy, "stop-" + command.get(command.size() - 1));
    Runtime.getRuntime().addShutdownHook(stopChild);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already stopping: the hook runs and stops the child.
      }
    }
  }

  /** Builds a {@link ModuleProcess}; {@link #build()} checks that the module is built. */
  public static final class Builder {

    private final Path home;
    private final String module;
    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> extraModules = new ArrayList<>();
    private Path workingDirectory;
    private Path logFile;
    private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");

    private Builder(Path home, String module, String mainClass) {
      this.home = Objects.requireNonNull(home, "home");
      this.module = Objects.requireNonNull(module, "module");
      this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /** JVM options ({@code -Xmx1g}, {@code --add-opens=...}, {@code -Dkey=value}), before the main class. */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    /** Arguments of the main class. */
    public Builder args(List<String> arguments) {
      args.addAll(arguments);
      return this;
    }

    /** Environment variables added to the inherited environment. */
    public Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    /**
     * Also puts {@code otherModule}'s runtime classpath on the child's, after this module's own (whose versions
     * win where both have a library): e.g. a connector module's classes in the Connect worker of another.
     */
    public Builder withModule(String otherModule) {
      extraModules.add(otherModule);
      return this;
    }

    /** The child's working directory (default: this process's). */
    public Builder workingDirectory(Path directory) {
      workingDirectory = directory;
      return this;
    }

    /** Appends the child's standard output and error to {@code file} instead of this process's console. */
    public Builder logTo(Path file) {
      logFile = file;
      return this;
    }

    /** The {@code java} executable (default: the one running this JVM). */
    public Builder java(Path executable) {
      javaExecutable = executable;
      return this;
    }

    /** The process; fails with what to run when the module's jar or classpath file is missing. */
    public ModuleProcess build() {
      List<String> command = new ArrayList<>();
      command.add(javaExecutable.toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      StringBuilder classpath = new StringBuilder(classpath());
      for (String other : extraModules) {
        classpath.append(File.pathSeparator).append(new Builder(home, other, mainClass).classpath());
      }
      command.add(classpath.toString());
      command.add(mainClass);
      command.addAll(args);
      return new ModuleProcess(command, workingDirectory, logFile, environment);
    }

    /**
     * The module's runtime classpath: its jar, then the entries of its {@code target/classpath.txt}; fails with what
     * to run when the module is not built or an entry is gone.
     */
    public String classpath() {
      Path directory = home.resolve(module).normalize();
      Path pom = directory.resolve("pom.xml");
      if (!Files.isRegularFile(pom)) {
        throw new IllegalStateException("No module " + module + " in the Strata home " + home + " (no " + pom
            + "); check -D" + HOME_PROPERTY + " or " + HOME_VARIABLE);
      }
      String[] coordinates = artifactIdAndVersion(pom);
      Path jar = directory.resolve("target").resolve(coordinates[0] + "-" + coordinates[1] + ".jar");
      Path classpathFile = directory.resolve("target").resolve("classpath.txt");
      String advice = "; build it with `mvn -B -DskipTests install` in " + home
          + " (the ./strata script does this when sources changed)";
      if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpathFile)) {
        throw new ModuleNotBuiltException("Module " + module + " is not built: "
            + (Files.isRegularFile(jar) ? classpathFile : jar) + " is missing" + advice);
      }
      String classpath = read(classpathFile).strip();
      for (String entry : classpath.isEmpty() ? new String[0] : classpath.split(File.pathSeparator)) {
        if (!Files.exists(Path.of(entry))) {
          throw new ModuleNotBuiltException("Module " + module + " needs " + entry + ", which is gone (a module was"
              + " cleaned, or the local Maven repository changed)" + advice);
        }
      }
      return classpath.isEmpty() ? jar.toString() : jar + File.pathSeparator + classpath;
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }

    /** {@code project/artifactId} and {@code project/version} (or the parent's version) of {@code pom}. */
    private static String[] artifactIdAndVersion(Path pom) {
      try {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        String artifactId = child(project, "artifactId");
        String version = child(project, "version");
        if (version == null) {
          Element parent = Arrays.stream(children(project)).filter(e -> e.getTagName().equals("parent")).findFirst()
              .orElse(null);
          version = parent == null ? null : child(parent, "version");
        }
        if (artifactId == null || version == null) {
          throw new IllegalStateException(pom + " names no artifactId or version");
        }
        return new String[] {artifactId, version};
      } catch (IllegalStateException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("Cannot read the module's " + pom + ": " + e.getMessage(), e);
      }
    }

    private static String child(Element element, String name) {
      return Arrays.stream(children(element)).filter(e -> e.getTagName().equals(name)).findFirst()
          .map(e -> e.getTextContent().strip()).orElse(null);
    }

    private static Element[] children(Element element) {
      List<Element> elements = new ArrayList<>();
      for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element e) {
          elements.add(e);
        }
      }
      return elements.toArray(Element[]::new);
    }
  }

  /** A module's build output is missing; the message says what to run. */
  public static final class ModuleNotBuiltException extends IllegalStateException {
    public ModuleNotBuiltException(String message) {
      super(message);
    }
  }
}
