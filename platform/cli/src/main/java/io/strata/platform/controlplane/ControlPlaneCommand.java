package io.strata.platform.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Environment;
import io.strata.platform.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that makes one call to the operator API and prints the answer: the server's JSON with
 * {@code --json}, else a human form. A refused call prints the server's code and message and exits 1.
 */
public abstract class ControlPlaneCommand implements Callable<Integer> {

  @Mixin
  protected ControlPlaneOptions options = new ControlPlaneOptions();

  @Spec
  CommandSpec spec;

  /** Makes the call. */
  protected abstract JsonNode call(ControlPlaneClient client);

  /** Prints the answer for a person. */
  protected abstract void print(JsonNode answer, Printer printer);

  @Override
  public final Integer call() {
    var printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
    JsonNode answer;
    try {
      answer = call(options.client(Environment.system()));
    } catch (ControlPlaneException e) {
      printer.error(e.status() == 0 ? e.getMessage() : "Refused (" + e.status() + " " + e.code() + "): " + e.getMessage());
      return 1;
    }
    if (options.json()) {
      printer.line(answer.isMissingNode() ? "{}" : answer.toString());
    } else {
      print(answer, printer);
    }
    return 0;
  }

  /** The elements of a list answer: the array itself, or the first array field of an object. */
  protected static Iterable<JsonNode> elements(JsonNode answer) {
    return ControlPlaneClient.elements(answer);
  }

  /** A field as text, or {@code -} when absent. */
  protected static String text(JsonNode node, String field) {
    var value = node.path(field);
    return value.isMissingNode() || value.isNull() ? "-" : value.asText();
  }
}
