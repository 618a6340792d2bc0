package io.strata.ingest.archive;

import io.strata.ingest.annotations.AnnotationProblem;
import io.strata.ingest.annotations.Coco;
import io.strata.ingest.annotations.ImageAnnotation;
import io.strata.ingest.annotations.ParsedAnnotations;
import io.strata.ingest.annotations.PascalVoc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an import holds: its images (by path, in the container's order) each with the annotations that name it,
 * every annotation problem (malformed, or naming an image the import does not have), the annotation files read and
 * the files that are neither images nor annotations. Built by {@link #scan}, which reads only the annotation files.
 *
 * <p>Pairing is by file name: an annotation's image name ({@code <filename>}, COCO {@code file_name}) is matched
 * against the images' paths, first whole, then relative to the annotation file's folder, then by base name; a base
 * name shared by several images matches none of them (an ambiguity problem), so that no label lands on the wrong
 * image.
 *
 * @param images the images with their annotations (possibly none)
 * @param problems every malformed or unmatched annotation, by file and line or field
 * @param annotationFiles the annotation files read
 * @param ignored files that are neither images nor annotations
 */
public record ImportPlan(Map<String, List<ImageAnnotation>> images, List<AnnotationProblem> problems,
    List<String> annotationFiles, List<String> ignored) {

  /** The file name endings read as images (the gateway decides whether each really is one). */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");

  public ImportPlan {
    images = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(images));
    problems = List.copyOf(problems);
    annotationFiles = List.copyOf(annotationFiles);
    ignored = List.copyOf(ignored);
  }

  /** Reads the annotation files of {@code source} and pairs them with its images. */
  public static ImportPlan scan(ImportSource source) throws IOException {
    var imagePaths = new ArrayList<String>();
    var parsed = new ArrayList<ParsedAnnotations>();
    var annotationFiles = new ArrayList<String>();
    var ignored = new ArrayList<String>();
    source.forEach((path, size, in) -> {
      String extension = extension(path);
      if (IMAGE_EXTENSIONS.contains(extension)) {
        imagePaths.add(path);
      } else if (extension.equals("xml")) {
        annotationFiles.add(path);
        parsed.add(PascalVoc.parse(path, in));
      } else if (extension.equals("json")) {
        annotationFiles.add(path);
        parsed.add(Coco.parse(path, in));
      } else {
        ignored.add(path);
      }
    });
    return pair(imagePaths, parsed, annotationFiles, ignored);
  }

  /** Pairs parsed annotations with image paths (see the class comment). */
  static ImportPlan pair(List<String> imagePaths, List<ParsedAnnotations> parsed, List<String> annotationFiles,
      List<String> ignored) {
    var images = new LinkedHashMap<String, List<ImageAnnotation>>();
    var byBaseName = new HashMap<String, List<String>>();
    for (String path : imagePaths) {
      images.put(path, new ArrayList<>());
      byBaseName.computeIfAbsent(baseName(path), k -> new ArrayList<>()).add(path);
    }
    var problems = new ArrayList<AnnotationProblem>();
    for (ParsedAnnotations file : parsed) {
      problems.addAll(file.problems());
      for (ImageAnnotation annotation : file.images()) {
        String name = annotation.imageFile().replace('\\', '/');
        String folder = annotation.source().contains("/")
            ? annotation.source().substring(0, annotation.source().lastIndexOf('/') + 1) : "";
        List<String> sameBase = byBaseName.getOrDefault(baseName(name), List.of());
        String match = images.containsKey(name) ? name : images.containsKey(folder + name) ? folder + name
            : sameBase.size() == 1 ? sameBase.get(0) : null;
        if (match != null) {
          images.get(match).add(annotation);
        } else {
          problems.add(new AnnotationProblem(annotation.source(), 0, field(annotation), sameBase.isEmpty()
              ? "names the image '" + name + "', which is not in the import; its annotation was left out"
              : "names the image '" + name + "', which matches " + sameBase.size() + " images " + sameBase
                  + "; give its path relative to the import's root"));
        }
      }
    }
    return new ImportPlan(images, problems, annotationFiles, ignored);
  }

  private static String field(ImageAnnotation annotation) {
    return annotation.source().toLowerCase(Locale.ROOT).endsWith(".xml") ? "annotation/filename"
        : "images[file_name=" + annotation.imageFile() + "]";
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String extension(String path) {
    String base = baseName(path);
    int dot = base.lastIndexOf('.');
    return dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
