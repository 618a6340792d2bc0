package io.strata.ingest.annotations;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one Pascal VOC annotation file ({@code <annotation><filename/><size><width/><height/></size><object><name/>
 * <difficult/><bndbox><xmin/><ymin/><xmax/><ymax/></bndbox></object>...</annotation>}). An object with a missing or
 * malformed field is reported with its line and left out; the other objects are kept. A file that is not
 * well-formed XML, or names no image, yields only a problem. External entities and DTDs are refused.
 */
public final class PascalVoc {

  private static final List<String> OBJECT_FIELDS = List.of("name", "difficult", "bndbox/xmin", "bndbox/ymin",
      "bndbox/xmax", "bndbox/ymax");

  private PascalVoc() {
  }

  public static ParsedAnnotations parse(String file, InputStream xml) {
    var problems = new ArrayList<AnnotationProblem>();
    var boxes = new ArrayList<Box>();
    String filename = null;
    int width = 0;
    int height = 0;
    XMLStreamReader reader = null;
    try {
      reader = factory().createXMLStreamReader(xml);
      var path = new ArrayList<String>();
      ObjectFields object = null;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          path.add(reader.getLocalName());
          String where = String.join("/", path);
          int line = reader.getLocation().getLineNumber();
          switch (where) {
            case "annotation/object" -> object = new ObjectFields(line);
            case "annotation/filename" -> filename = reader.getElementText().trim();
            case "annotation/size/width" -> width = integer(file, line, where, reader.getElementText(), problems);
            case "annotation/size/height" -> height = integer(file, line, where, reader.getElementText(), problems);
            default -> {
              if (object != null && where.startsWith("annotation/object/")) {
                String field = where.substring("annotation/object/".length());
                if (OBJECT_FIELDS.contains(field)) {
                  object.set(field, reader.getElementText().trim(), line);
                }
              }
            }
          }
          if (reader.getEventType() == XMLStreamConstants.END_ELEMENT) {
            path.remove(path.size() - 1);
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (String.join("/", path).equals("annotation/object") && object != null) {
            object.toBox(file, width, height, problems).ifPresent(boxes::add);
            object = null;
          }
          path.remove(path.size() - 1);
        }
      }
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      problems.add(new AnnotationProblem(file, line, "annotation", "not well-formed XML: " + firstLine(e.getMessage())));
      return new ParsedAnnotations(List.of(), problems);
    } finally {
      close(reader);
    }
    if (filename == null || filename.isEmpty()) {
      problems.add(new AnnotationProblem(file, 0, "annotation/filename",
          "missing: a Pascal VOC file must name its image in <filename>"));
      return new ParsedAnnotations(List.of(), problems);
    }
    return new ParsedAnnotations(List.of(new ImageAnnotation(filename, width, height, boxes, file)), problems);
  }

  /** The fields of one {@code <object>}, with the line each was read on. */
  private static final class ObjectFields {
    private final int line;
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Integer> lines = new HashMap<>();

    ObjectFields(int line) {
      this.line = line;
    }

    void set(String field, String value, int atLine) {
      values.put(field, value);
      lines.put(field, atLine);
    }

    Optional<Box> toBox(String file, int width, int height, List<AnnotationProblem> problems) {
      int before = problems.size();
      String name = values.get("name");
      if (name == null || name.isEmpty()) {
        problems.add(new AnnotationProblem(file, line, "annotation/object/name", "missing: every object needs a class name"));
      }
      double[] coordinates = new double[4];
      String[] fields = {"bndbox/xmin", "bndbox/ymin", "bndbox/xmax", "bndbox/ymax"};
      for (int i = 0; i < 4; i++) {
        String raw = values.get(fields[i]);
        int at = lines.getOrDefault(fields[i], line);
        if (raw == null) {
          problems.add(new AnnotationProblem(file, line, "annotation/object/" + fields[i], "missing"));
          continue;
        }
        try {
          coordinates[i] = Double.parseDouble(raw);
          if (!Double.isFinite(coordinates[i]) || coordinates[i] < 0) {
            problems.add(new AnnotationProblem(file, at, "annotation/object/" + fields[i],
                "'" + raw + "' is not a pixel coordinate (a number >= 0)"));
          }
        } catch (NumberFormatException e) {
          problems.add(new AnnotationProblem(file, at, "annotation/object/" + fields[i],
              "'" + raw + "' is not a number"));
        }
      }
      if (problems.size() == before) {
        if (coordinates[0] >= coordinates[2] || coordinates[1] >= coordinates[3]) {
          problems.add(new AnnotationProblem(file, line, "annotation/object/bndbox",
              "empty box: xmin < xmax and ymin < ymax are required, got " + format(coordinates)));
        } else if (width > 0 && height > 0 && (coordinates[2] > width + 1 || coordinates[3] > height + 1)) {
          problems.add(new AnnotationProblem(file, line, "annotation/object/bndbox",
              "box " + format(coordinates) + " lies outside the declared size " + width + "x" + height));
        }
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      String difficult = values.getOrDefault("difficult", "0");
      return Optional.of(new Box(name, coordinates[0], coordinates[1], coordinates[2], coordinates[3],
          difficult.equals("1") || difficult.equalsIgnoreCase("true")));
    }
  }

  private static String format(double[] c) {
    return "(" + c[0] + ", " + c[1] + ", " + c[2] + ", " + c[3] + ")";
  }

  private static int integer(String file, int line, String field, String text, List<AnnotationProblem> problems) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(new AnnotationProblem(file, line, field, "'" + text.trim() + "' is not a size in pixels"));
      return 0;
    }
  }

  private static XMLInputFactory factory() {
    // The JDK's own StAX: another provider on the classpath (Woodstox, via Connect or S3Proxy) rejects ACCESS_EXTERNAL_DTD.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return factory;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    String tail = message.substring(message.lastIndexOf('\n') + 1);
    return newline < 0 ? message : tail.isBlank() ? message.substring(0, newline) : tail;
  }

  private static void close(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException e) {
        // nothing left to read; the parse result stands
      }
    }
  }
}
