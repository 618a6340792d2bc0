package io.strata.platform.runtime;

/** A main for {@link ModuleProcessTest}: prints its arguments and a system property, exits with code 3. */
public final class EchoMain {

  private EchoMain() {}

  public static void main(String[] args) {
    System.out.println("args=" + String.join(",", args));
    System.out.println("greeting=" + System.getProperty("greeting"));
    System.err.println("to stderr");
    System.exit(3);
  }
}
