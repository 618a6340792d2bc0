package io.strata.trainer.service;

import io.strata.trainer.scheduler.Gpu;
import io.strata.trainer.scheduler.JobRequest;
import io.strata.trainer.scheduler.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool the service schedules on, read once at start from {@code STRATA_GPU_INVENTORY}: {@code auto} (this
 * host, with the GPUs {@code nvidia-smi} lists) or an inventory file. File format, one node per line, blank lines
 * and {@code #} comments ignored:
 *
 * <pre>
 * # name     GPUs: index:memoryMb[:model], comma-separated, or - for none    labels
 * gpu-01     0:81920:H100,1:81920:H100                                       zone=eu rack=r1
 * cpu-01     -
 * </pre>
 */
public final class GpuInventory {

  private static final Logger log = LoggerFactory.getLogger(GpuInventory.class);

  private GpuInventory() {}

  /** The nodes {@code spec} names: {@code auto} or the path of an inventory file. */
  public static List<Node> load(String spec, String host) {
    if (spec.equals("auto")) {
      return List.of(new Node(host, nvidiaSmi(), Map.of()));
    }
    try {
      return parse(Files.readString(Path.of(spec), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + LauncherSettings.GPU_INVENTORY + " '" + spec
          + "': expected 'auto' or the path of an inventory file (docs/gpu-scheduler.md)", e);
    }
  }

  /**
   * Parses an inventory file.
   *
   * @throws IllegalArgumentException naming the line that is wrong
   */
  public static List<Node> parse(String text) {
    var nodes = new ArrayList<Node>();
    var names = new HashSet<String>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = "inventory line " + (i + 1) + " '" + lines[i].strip() + "'";
      String[] parts = line.split("\\s+");
      if (parts.length < 2) {
        throw new IllegalArgumentException(where + ": expected '<node> <gpus or -> [label=value ...]'");
      }
      var gpus = new ArrayList<Gpu>();
      if (!parts[1].equals("-")) {
        for (String gpu : parts[1].split(",")) {
          gpus.add(gpu(gpu, where));
        }
      }
      var labels = new HashMap<String, String>();
      for (int k = 2; k < parts.length; k++) {
        int eq = parts[k].indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(where + ": label '" + parts[k] + "' must be name=value");
        }
        labels.put(parts[k].substring(0, eq), parts[k].substring(eq + 1));
      }
      if (!names.add(parts[0])) {
        throw new IllegalArgumentException(where + ": node '" + parts[0] + "' is listed twice");
      }
      try {
        nodes.add(new Node(parts[0], gpus, labels));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return nodes;
  }

  private static Gpu gpu(String text, String where) {
    String[] fields = text.split(":");
    if (fields.length < 2 || fields.length > 3) {
      throw new IllegalArgumentException(where + ": GPU '" + text + "' must be index:memoryMb[:model]");
    }
    try {
      return new Gpu(Integer.parseInt(fields[0]), fields.length == 3 ? fields[2] : "gpu", Integer.parseInt(fields[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": GPU '" + text + "' must be index:memoryMb[:model] with whole numbers");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code nvidia-smi --query-gpu=index,memory.total,name --format=csv,noheader,nounits}; lines that do not
   * parse are skipped with a warning.
   */
  public static List<Gpu> parseNvidiaSmi(String output) {
    var gpus = new ArrayList<Gpu>();
    for (String line : output.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",");
      try {
        String model = fields.length > 2 ? fields[2].strip().replaceAll("\\s+", "-") : "gpu";
        gpus.add(new Gpu(Integer.parseInt(fields[0].strip()), model, (int) Double.parseDouble(fields[1].strip())));
      } catch (RuntimeException e) {
        log.warn("Skipping an nvidia-smi line that does not parse line='{}' error={}", line, e.toString());
      }
    }
    return gpus;
  }

  /** This host's GPUs; none when {@code nvidia-smi} is absent or fails. */
  static List<Gpu> nvidiaSmi() {
    try {
      Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=index,memory.total,name",
          "--format=csv,noheader,nounits").redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        log.info("nvidia-smi failed; this host has no GPUs for training output='{}'",
            new String(out, StandardCharsets.UTF_8).strip());
        return List.of();
      }
      return parseNvidiaSmi(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.info("nvidia-smi not found; this host has no GPUs for training (jobs run on CPU)");
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /**
   * Why {@code job} can never run on {@code nodes}, even with the pool empty; null when it could.
   * Such a job would otherwise wait in the queue forever.
   */
  public static String neverFits(JobRequest job, List<Node> nodes) {
    int matching = 0;
    for (Node node : nodes) {
      if (!node.matches(job.nodeSelector())) {
        continue;
      }
      long big = node.gpus().stream().filter(g -> g.memoryMb() >= job.minGpuMemoryMb()).count();
      if (big >= job.gpusPerNode()) {
        matching++;
      }
    }
    if (matching >= job.nodes()) {
      return null;
    }
    return "job asks for " + job.gpusPerNode() + " GPU(s) with at least " + job.minGpuMemoryMb() + " MiB on each of "
        + job.nodes() + " node(s)" + (job.nodeSelector().isEmpty() ? "" : " labelled " + job.nodeSelector())
        + ", but the GPU inventory has only " + matching + " such node(s) (" + describe(nodes) + "); ask for fewer"
        + " GPUs, or add GPUs to " + LauncherSettings.GPU_INVENTORY + " and restart the trainer launcher";
  }

  /** {@code name: N GPUs} per node, for messages. */
  static String describe(List<Node> nodes) {
    var parts = new ArrayList<String>();
    for (Node node : nodes) {
      parts.add(node.name() + ": " + node.gpus().size() + " GPU(s)");
    }
    return parts.isEmpty() ? "no nodes" : String.join(", ", parts);
  }
}
