package io.strata.ingest.annotations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one COCO object-detection file: {@code images} ({@code id}, {@code file_name}, {@code width},
 * {@code height}), {@code categories} ({@code id}, {@code name}) and {@code annotations} ({@code image_id},
 * {@code category_id}, {@code bbox} as {@code [x, y, width, height]}, optional {@code iscrowd}). A malformed
 * image, category or annotation is reported with its field path (e.g. {@code annotations[3].bbox}) and left out;
 * the rest is kept. Every listed image is returned, with no boxes when nothing annotates it.
 */
public final class Coco {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Coco() {
  }

  public static ParsedAnnotations parse(String file, InputStream json) {
    var problems = new ArrayList<AnnotationProblem>();
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problems.add(new AnnotationProblem(file, line, "$", "not valid JSON: " + e.getOriginalMessage()));
      return new ParsedAnnotations(List.of(), problems);
    } catch (IOException e) {
      problems.add(new AnnotationProblem(file, 0, "$", "cannot be read: " + e.getMessage()));
      return new ParsedAnnotations(List.of(), problems);
    }
    if (root == null || !root.isObject() || !root.path("images").isArray()) {
      problems.add(new AnnotationProblem(file, 0, "images", "missing: a COCO file has an 'images' array"));
      return new ParsedAnnotations(List.of(), problems);
    }
    Map<Long, ImageEntry> images = images(file, root.path("images"), problems);
    Map<Long, String> categories = categories(file, root.path("categories"), problems);
    JsonNode annotations = root.path("annotations");
    for (int i = 0; i < annotations.size(); i++) {
      annotation(file, "annotations[" + i + "]", annotations.get(i), images, categories, problems);
    }
    List<ImageAnnotation> result = new ArrayList<>();
    for (ImageEntry image : images.values()) {
      result.add(new ImageAnnotation(image.fileName, image.width, image.height, image.boxes, file));
    }
    return new ParsedAnnotations(result, problems);
  }

  private static final class ImageEntry {
    final String fileName;
    final int width;
    final int height;
    final List<Box> boxes = new ArrayList<>();

    ImageEntry(String fileName, int width, int height) {
      this.fileName = fileName;
      this.width = width;
      this.height = height;
    }
  }

  private static Map<Long, ImageEntry> images(String file, JsonNode images, List<AnnotationProblem> problems) {
    Map<Long, ImageEntry> byId = new LinkedHashMap<>();
    for (int i = 0; i < images.size(); i++) {
      JsonNode image = images.get(i);
      String at = "images[" + i + "]";
      if (!image.path("id").canConvertToLong() || !image.path("id").isIntegralNumber()) {
        problems.add(new AnnotationProblem(file, 0, at + ".id", "missing or not an integer"));
      } else if (!image.path("file_name").isTextual() || image.path("file_name").asText().isBlank()) {
        problems.add(new AnnotationProblem(file, 0, at + ".file_name", "missing: every image needs its file name"));
      } else if (byId.containsKey(image.path("id").asLong())) {
        problems.add(new AnnotationProblem(file, 0, at + ".id", "duplicate image id " + image.path("id").asLong()));
      } else {
        byId.put(image.path("id").asLong(), new ImageEntry(image.path("file_name").asText(),
            image.path("width").asInt(0), image.path("height").asInt(0)));
      }
    }
    return byId;
  }

  private static Map<Long, String> categories(String file, JsonNode categories, List<AnnotationProblem> problems) {
    Map<Long, String> byId = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      JsonNode category = categories.get(i);
      if (!category.path("id").isIntegralNumber() || !category.path("name").isTextual()) {
        problems.add(new AnnotationProblem(file, 0, "categories[" + i + "]",
            "needs an integer 'id' and a text 'name'"));
      } else {
        byId.put(category.path("id").asLong(), category.path("name").asText());
      }
    }
    return byId;
  }

  private static void annotation(String file, String at, JsonNode annotation, Map<Long, ImageEntry> images,
      Map<Long, String> categories, List<AnnotationProblem> problems) {
    ImageEntry image = images.get(annotation.path("image_id").asLong(Long.MIN_VALUE));
    if (!annotation.path("image_id").isIntegralNumber() || image == null) {
      problems.add(new AnnotationProblem(file, 0, at + ".image_id",
          "'" + annotation.path("image_id").asText() + "' is not the id of an image in 'images'"));
      return;
    }
    String category = categories.get(annotation.path("category_id").asLong(Long.MIN_VALUE));
    if (!annotation.path("category_id").isIntegralNumber() || category == null) {
      problems.add(new AnnotationProblem(file, 0, at + ".category_id",
          "'" + annotation.path("category_id").asText() + "' is not the id of a category in 'categories'"));
      return;
    }
    JsonNode bbox = annotation.path("bbox");
    if (!bbox.isArray() || bbox.size() != 4 || !allNumbers(bbox)) {
      problems.add(new AnnotationProblem(file, 0, at + ".bbox", "expected [x, y, width, height] as four numbers, got "
          + (bbox.isMissingNode() ? "nothing" : bbox.toString())));
      return;
    }
    double x = bbox.get(0).asDouble();
    double y = bbox.get(1).asDouble();
    double w = bbox.get(2).asDouble();
    double h = bbox.get(3).asDouble();
    if (x < 0 || y < 0 || w <= 0 || h <= 0) {
      problems.add(new AnnotationProblem(file, 0, at + ".bbox",
          "x and y must be >= 0 and width and height > 0, got " + bbox));
      return;
    }
    if (image.width > 0 && image.height > 0 && (x + w > image.width + 1 || y + h > image.height + 1)) {
      problems.add(new AnnotationProblem(file, 0, at + ".bbox", "box " + bbox + " lies outside the image's size "
          + image.width + "x" + image.height));
      return;
    }
    image.boxes.add(new Box(category, x, y, x + w, y + h, annotation.path("iscrowd").asInt(0) == 1));
  }

  private static boolean allNumbers(JsonNode array) {
    for (JsonNode value : array) {
      if (!value.isNumber()) {
        return false;
      }
    }
    return true;
  }
}
