package io.strata.ingest.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PascalVocTest {

  private static ParsedAnnotations parse(String xml) {
    return PascalVoc.parse("cat_001.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldReadTheBoxesOfAnExportedFile() {
    var parsed = parse("""
        <annotation>
          <folder>images</folder>
          <filename>cat_001.jpg</filename>
          <size><width>640</width><height>480</height><depth>3</depth></size>
          <object>
            <name>cat</name><pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>
            <bndbox><xmin>48</xmin><ymin>240</ymin><xmax>195</xmax><ymax>371</ymax></bndbox>
          </object>
          <object>
            <name>dog</name><difficult>1</difficult>
            <bndbox><xmin>8.5</xmin><ymin>12</ymin><xmax>352</xmax><ymax>498</ymax></bndbox>
          </object>
        </annotation>
        """.replace("<ymax>498</ymax>", "<ymax>470</ymax>"));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.images()).singleElement().satisfies(image -> {
      assertThat(image.imageFile()).isEqualTo("cat_001.jpg");
      assertThat(image.width()).isEqualTo(640);
      assertThat(image.height()).isEqualTo(480);
      assertThat(image.source()).isEqualTo("cat_001.xml");
      assertThat(image.boxes()).containsExactly(
          new Box("cat", 48, 240, 195, 371, false),
          new Box("dog", 8.5, 12, 352, 470, true));
    });
  }

  @Test
  void shouldReportAMalformedObjectWithItsLineAndKeepTheOthers() {
    var parsed = parse("""
        <annotation>
          <filename>cat_001.jpg</filename>
          <size><width>640</width><height>480</height></size>
          <object>
            <name>cat</name>
            <bndbox><xmin>forty</xmin><ymin>240</ymin><xmax>195</xmax><ymax>371</ymax></bndbox>
          </object>
          <object>
            <name>cat</name>
            <bndbox><xmin>300</xmin><ymin>10</ymin><xmax>200</xmax><ymax>50</ymax></bndbox>
          </object>
          <object>
            <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>20</xmax><ymax>20</ymax></bndbox>
          </object>
          <object>
            <name>bird</name>
            <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>20</xmax><ymax>20</ymax></bndbox>
          </object>
        </annotation>
        """);

    assertThat(parsed.images()).singleElement()
        .satisfies(image -> assertThat(image.boxes()).containsExactly(new Box("bird", 1, 1, 20, 20, false)));
    assertThat(parsed.problems()).extracting(AnnotationProblem::toString).containsExactly(
        "cat_001.xml:6 annotation/object/bndbox/xmin: 'forty' is not a number",
        "cat_001.xml:8 annotation/object/bndbox: empty box: xmin < xmax and ymin < ymax are required, got (300.0, 10.0, 200.0, 50.0)",
        "cat_001.xml:12 annotation/object/name: missing: every object needs a class name");
  }

  @Test
  void shouldReportABoxOutsideTheDeclaredSize() {
    var parsed = parse("""
        <annotation><filename>a.png</filename><size><width>100</width><height>100</height></size>
        <object><name>cat</name><bndbox><xmin>10</xmin><ymin>10</ymin><xmax>400</xmax><ymax>50</ymax></bndbox></object>
        </annotation>""");

    assertThat(parsed.images()).singleElement().satisfies(image -> assertThat(image.boxes()).isEmpty());
    assertThat(parsed.problems()).singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("outside the declared size 100x100"));
  }

  @Test
  void shouldReportXmlThatIsNotWellFormedWithItsLine() {
    var parsed = parse("<annotation>\n<filename>a.png</filename>\n<object><name>cat</object>\n</annotation>");

    assertThat(parsed.images()).isEmpty();
    assertThat(parsed.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(3);
      assertThat(problem.message()).startsWith("not well-formed XML");
    });
  }

  @Test
  void shouldRefuseAFileThatNamesNoImage() {
    var parsed = parse("<annotation><size><width>1</width><height>1</height></size></annotation>");

    assertThat(parsed.images()).isEmpty();
    assertThat(parsed.problems()).singleElement()
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("annotation/filename"));
  }

  @Test
  void shouldNotResolveExternalEntities() {
    var parsed = parse("""
        <?xml version="1.0"?>
        <!DOCTYPE annotation [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <annotation><filename>&secret;</filename></annotation>""");

    assertThat(parsed.images()).isEmpty();
    assertThat(parsed.problems()).isNotEmpty();
  }
}
