package io.strata.trainer.builtin.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeImagesTest {

  @Test
  void shouldDrawTheSamePictureForTheSameSeedAndIndex() {
    BufferedImage first = new ShapeImages(5, 48).draw(17).image();
    BufferedImage again = new ShapeImages(5, 48).draw(17).image();
    BufferedImage otherSeed = new ShapeImages(6, 48).draw(17).image();

    assertThat(pixels(again)).isEqualTo(pixels(first));
    assertThat(pixels(otherSeed)).isNotEqualTo(pixels(first));
  }

  @Test
  void shouldCycleThroughTheClassesWithTheBoxInsideTheImage() {
    var shapes = new ShapeImages(1, 64);

    IntStream.range(0, 30).mapToObj(shapes::draw).forEach(shape -> {
      assertThat(shape.classLabel()).isEqualTo(ShapeImages.CLASSES.get(shape.index() % 3));
      assertThat(shape.xMin()).isBetween(0, 63);
      assertThat(shape.yMin()).isBetween(0, 63);
      assertThat(shape.xMax()).isGreaterThan(shape.xMin()).isLessThanOrEqualTo(64);
      assertThat(shape.yMax()).isGreaterThan(shape.yMin()).isLessThanOrEqualTo(64);
      assertThat(shape.image().getWidth()).isEqualTo(64);
    });
  }

  @Test
  void shouldEncodePngAndJpegThatImageIoReadsBack() throws IOException {
    BufferedImage image = new ShapeImages(2, 32).draw(0).image();

    for (String format : new String[] {"png", "jpeg"}) {
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(ShapeImages.encode(image, format)));
      assertThat(decoded.getWidth()).as(format).isEqualTo(32);
    }
    assertThatThrownBy(() -> ShapeImages.encode(image, "tiff")).hasMessageContaining("use png or jpeg");
  }

  @Test
  void shouldWriteImagesLabelsAndVocFilesWithTheShapesBox(@TempDir Path dir) throws Exception {
    int written = GenerateShapes.write(dir, 4, 9, "png", 40, true);

    assertThat(written).isEqualTo(4);
    assertThat(Files.readAllLines(dir.resolve("labels.csv"))).containsExactly("file,classLabel",
        "shape-000000.png,circle", "shape-000001.png,square", "shape-000002.png,triangle", "shape-000003.png,circle");
    ShapeImages.Shape shape = new ShapeImages(9, 40).draw(1);
    Map<String, String> voc = voc(dir.resolve("shape-000001.xml"));
    assertThat(voc).containsEntry("annotation/filename", "shape-000001.png")
        .containsEntry("annotation/size/width", "40")
        .containsEntry("annotation/size/height", "40")
        .containsEntry("annotation/object/name", "square")
        .containsEntry("annotation/object/difficult", "0")
        .containsEntry("annotation/object/bndbox/xmin", Integer.toString(shape.xMin()))
        .containsEntry("annotation/object/bndbox/ymin", Integer.toString(shape.yMin()))
        .containsEntry("annotation/object/bndbox/xmax", Integer.toString(shape.xMax()))
        .containsEntry("annotation/object/bndbox/ymax", Integer.toString(shape.yMax()));
    assertThat(ImageIO.read(dir.resolve("shape-000003.png").toFile()).getHeight()).isEqualTo(40);
  }

  @Test
  void shouldRefuseUnknownOptions() {
    assertThatThrownBy(() -> GenerateShapes.parse(new String[] {"--out=x", "--count=2", "--colour=red"}))
        .hasMessageContaining("Unknown option '--colour'");
    assertThatThrownBy(() -> GenerateShapes.parse(new String[] {"--out=x"})).hasMessage("Missing --count");
    assertThatThrownBy(() -> GenerateShapes.parse(new String[] {"--out=x", "--count=many"}))
        .hasMessageContaining("--count must be a whole number");
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static Map<String, String> voc(Path file) throws IOException, XMLStreamException {
    var values = new HashMap<String, String>();
    var reader = XMLInputFactory.newFactory().createXMLStreamReader(Files.newInputStream(file));
    var path = new java.util.ArrayList<String>();
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        path.add(reader.getLocalName());
      } else if (event == XMLStreamConstants.CHARACTERS && !reader.isWhiteSpace()) {
        values.put(String.join("/", path), reader.getText().trim());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        path.remove(path.size() - 1);
      }
    }
    return values;
  }
}
