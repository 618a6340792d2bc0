package io.strata.trainer.builtin.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a demo image set: {@code GenerateShapes --out=<dir> --count=N --seed=S [--format=png|jpeg] [--size=96]
 * [--voc]} creates {@code shape-000000.png} ... in {@code dir}, a {@code labels.csv} ({@code file,classLabel}) and,
 * with {@code --voc}, one Pascal VOC file {@code shape-000000.xml} per image with the shape's bounding box.
 */
public final class GenerateShapes {

  private static final Set<String> OPTIONS = Set.of("out", "count", "seed", "format", "size", "voc");

  private GenerateShapes() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: GenerateShapes --out=<dir> --count=N --seed=S [--format=png|jpeg] [--size=96] [--voc]");
      System.exit(2);
      return;
    }
    Path out = Path.of(options.get("out"));
    int count = Integer.parseInt(options.get("count"));
    String format = options.getOrDefault("format", "png");
    int written = write(out, count, Long.parseLong(options.getOrDefault("seed", "1")), format,
        Integer.parseInt(options.getOrDefault("size", "96")), options.containsKey("voc"));
    System.out.println("wrote " + written + " images to " + out.toAbsolutePath());
  }

  /**
   * Writes {@code count} images (and VOC files when {@code voc}) into {@code out}; returns the number written.
   */
  public static int write(Path out, int count, long seed, String format, int size, boolean voc) throws IOException {
    Files.createDirectories(out);
    String extension = format.equals("jpeg") || format.equals("jpg") ? "jpg" : "png";
    var shapes = new ShapeImages(seed, size);
    var labels = new StringBuilder("file,classLabel\n");
    for (int i = 0; i < count; i++) {
      ShapeImages.Shape shape = shapes.draw(i);
      String name = "shape-%06d".formatted(i);
      String file = name + "." + extension;
      Files.write(out.resolve(file), ShapeImages.encode(shape.image(), format));
      if (voc) {
        Files.writeString(out.resolve(name + ".xml"), VocAnnotation.of(file, shape), StandardCharsets.UTF_8);
      }
      labels.append(file).append(',').append(shape.classLabel()).append('\n');
    }
    Files.writeString(out.resolve("labels.csv"), labels, StandardCharsets.UTF_8);
    return count;
  }

  static Map<String, String> parse(String[] args) {
    var options = new LinkedHashMap<String, String>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "': options are --name=value");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("Unknown option '--" + name + "': the options are " + OPTIONS);
      }
      options.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
    }
    for (String required : new String[] {"out", "count"}) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("Missing --" + required);
      }
    }
    for (String number : new String[] {"count", "seed", "size"}) {
      if (options.containsKey(number) && !options.get(number).matches("-?\\d{1,18}")) {
        throw new IllegalArgumentException("--" + number + " must be a whole number, got '" + options.get(number) + "'");
      }
    }
    String format = options.getOrDefault("format", "png");
    if (!Set.of("png", "jpeg", "jpg").contains(format)) {
      throw new IllegalArgumentException("Unknown --format '" + format + "': use png or jpeg");
    }
    return options;
  }
}
