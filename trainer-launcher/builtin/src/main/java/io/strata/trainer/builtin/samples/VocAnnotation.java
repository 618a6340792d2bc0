package io.strata.trainer.builtin.samples;

/**
 * Writes the Pascal VOC XML of one generated shape, in the layout the upload gateway's label importer reads
 * ({@code annotation/filename}, {@code size/width|height|depth}, one {@code object} with {@code name},
 * {@code difficult} and {@code bndbox/xmin|ymin|xmax|ymax}).
 */
public final class VocAnnotation {

  private VocAnnotation() {}

  /** The XML document for {@code shape} stored as {@code filename}. */
  public static String of(String filename, ShapeImages.Shape shape) {
    int width = shape.image().getWidth();
    int height = shape.image().getHeight();
    return """
        <annotation>
          <folder>shapes</folder>
          <filename>%s</filename>
          <size>
            <width>%d</width>
            <height>%d</height>
            <depth>3</depth>
          </size>
          <object>
            <name>%s</name>
            <pose>Unspecified</pose>
            <truncated>0</truncated>
            <difficult>0</difficult>
            <bndbox>
              <xmin>%d</xmin>
              <ymin>%d</ymin>
              <xmax>%d</xmax>
              <ymax>%d</ymax>
            </bndbox>
          </object>
        </annotation>
        """.formatted(escape(filename), width, height, shape.classLabel(), shape.xMin(), shape.yMin(),
        Math.min(width, shape.xMax()), Math.min(height, shape.yMax()));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
