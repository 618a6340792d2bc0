package io.strata.platform.demo;

import io.strata.platform.runtime.ModuleProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The demo's data, made locally (nothing is downloaded): shape images with Pascal VOC annotations drawn by the
 * built-in trainer's generator ({@code io.strata.trainer.builtin.samples.GenerateShapes}, run in a JVM of its own),
 * a few files the gateway must refuse, and a zip of the annotations as a labelling tool would export them.
 */
final class DemoImages {

  static final String GENERATOR = "io.strata.trainer.builtin.samples.GenerateShapes";
  static final String GENERATOR_MODULE = "trainer-launcher/builtin";

  /** The bad files and the refusal each must get. */
  static final List<BadFile> BAD_FILES = List.of(
      new BadFile("bad-empty.png", "an empty file", new byte[0]),
      new BadFile("bad-truncated.png", "a PNG cut after its signature",
          new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13}),
      new BadFile("bad-text.jpg", "a text file named .jpg", "this is not an image\n".getBytes(StandardCharsets.UTF_8)));

  record BadFile(String name, String what, byte[] content) {}

  /**
   * The generated set.
   *
   * @param images directory of the images (and the bad files)
   * @param annotations directory of the VOC XML files, one per image
   * @param archive the zip of the annotations and their images, as an export would be
   */
  record Generated(Path images, Path annotations, Path archive, int imageCount) {}

  private DemoImages() {}

  /** Draws {@code count} images into {@code directory}, adds the bad files, and zips the annotations. */
  static Generated generate(Path home, Path directory, int count, long seed) throws IOException, InterruptedException {
    Path images = directory.resolve("images");
    Path annotations = directory.resolve("annotations");
    Path generated = directory.resolve("generated");
    deleteRecursively(directory);
    Files.createDirectories(images);
    Files.createDirectories(annotations);
    runGenerator(home, generated, count, seed, true, directory.resolve("generate.log"));
    int imageCount = 0;
    try (Stream<Path> files = Files.list(generated)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".xml")) {
          Files.move(file, annotations.resolve(name));
        } else if (name.endsWith(".jpg") || name.endsWith(".png")) {
          Files.move(file, images.resolve(name));
          imageCount++;
        } else {
          Files.delete(file); // the generator's labels.csv: the demo's labels come from the VOC files
        }
      }
    }
    Files.delete(generated);
    for (BadFile bad : BAD_FILES) {
      Files.write(images.resolve(bad.name()), bad.content());
    }
    Path archive = directory.resolve("labels-voc.zip");
    zip(images, annotations, archive);
    return new Generated(images, annotations, archive, imageCount);
  }

  /**
   * Draws {@code count} images that the model never saw (another seed) into {@code directory}, with the
   * generator's {@code labels.csv} ({@code file,classLabel}); returns that file.
   */
  static Path generateHeldOut(Path home, Path directory, int count, long seed) throws IOException,
      InterruptedException {
    deleteRecursively(directory);
    runGenerator(home, directory, count, seed, false, directory.resolveSibling(directory.getFileName() + ".log"));
    return directory.resolve("labels.csv");
  }

  private static void runGenerator(Path home, Path out, int count, long seed, boolean voc, Path log)
      throws IOException, InterruptedException {
    var args = new ArrayList<>(List.of("--out=" + out, "--count=" + count, "--seed=" + seed, "--format=jpeg"));
    if (voc) {
      args.add("--voc");
    }
    int exit = ModuleProcess.builder(home, GENERATOR_MODULE, GENERATOR).jvmOptions(List.of("-Xmx256m")).args(args)
        .logTo(log).build().run();
    if (exit != 0) {
      throw new IllegalStateException("The image generator failed (exit " + exit + "); see " + log);
    }
  }

  /** A zip laid out as labelling tools export Pascal VOC: {@code Annotations/*.xml} and {@code JPEGImages/*}. */
  private static void zip(Path images, Path annotations, Path archive) throws IOException {
    try (OutputStream file = Files.newOutputStream(archive); var zip = new ZipOutputStream(file)) {
      for (Path xml : list(annotations)) {
        add(zip, "Annotations/" + xml.getFileName(), xml);
      }
      for (Path image : list(images)) {
        if (!image.getFileName().toString().startsWith("bad-")) {
          add(zip, "JPEGImages/" + image.getFileName(), image);
        }
      }
    }
  }

  private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    Files.copy(file, zip);
    zip.closeEntry();
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = new ArrayList<>(walk.toList());
    }
    for (int i = paths.size() - 1; i >= 0; i--) {
      try {
        Files.delete(paths.get(i));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot clear the demo directory " + directory, e);
      }
    }
  }
}
