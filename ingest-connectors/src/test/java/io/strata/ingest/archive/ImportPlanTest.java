package io.strata.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.ingest.annotations.AnnotationProblem;
import io.strata.ingest.annotations.ImageAnnotation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPlanTest {

  static final String VOC = """
      <annotation>
        <filename>cat.jpg</filename>
        <size><width>64</width><height>48</height></size>
        <object><name>cat</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object>
        <object><name>cat</name><bndbox><xmin>x</xmin><ymin>2</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object>
      </annotation>
      """;
  static final String COCO = """
      {"images":[{"id":1,"file_name":"dog.png","width":40,"height":30},
                 {"id":2,"file_name":"missing.png","width":40,"height":30}],
       "categories":[{"id":7,"name":"dog"}],
       "annotations":[{"image_id":1,"category_id":7,"bbox":[1,1,10,10]},
                      {"image_id":1,"category_id":9,"bbox":[1,1,10,10]}]}
      """;

  @TempDir
  Path temp;

  /** The same files in every container. */
  static Map<String, byte[]> files() {
    var files = new LinkedHashMap<String, byte[]>();
    files.put("images/cat.jpg", new byte[] {1, 2, 3});
    files.put("images/dog.png", new byte[] {4, 5});
    files.put("images/plain.gif", new byte[] {6});
    files.put("annotations/cat.xml", VOC.getBytes(StandardCharsets.UTF_8));
    files.put("annotations/coco.json", COCO.getBytes(StandardCharsets.UTF_8));
    files.put("README.txt", "hello".getBytes(StandardCharsets.UTF_8));
    files.put("__MACOSX/images/._cat.jpg", new byte[] {0});
    return files;
  }

  @Test
  void shouldPairAnnotationsWithImagesAndReportEachProblemWhateverTheContainer() throws Exception {
    for (Path source : List.of(directory(), zip(), tar(false), tar(true))) {
      ImportPlan plan = ImportPlan.scan(ImportSource.of(source));
      assertThat(plan.images().keySet()).as(source.toString())
          .containsExactlyInAnyOrder("images/cat.jpg", "images/dog.png", "images/plain.gif");
      assertThat(plan.images().get("images/cat.jpg")).singleElement()
          .satisfies(a -> assertThat(a.boxes()).hasSize(1));
      List<ImageAnnotation> dog = plan.images().get("images/dog.png");
      assertThat(dog).singleElement().satisfies(a -> assertThat(a.boxes()).singleElement()
          .satisfies(b -> assertThat(b.classLabel()).isEqualTo("dog")));
      assertThat(plan.images().get("images/plain.gif")).isEmpty();
      assertThat(plan.problems()).extracting(AnnotationProblem::file, AnnotationProblem::field)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("annotations/cat.xml", "annotation/object/bndbox/xmin"),
              org.assertj.core.groups.Tuple.tuple("annotations/coco.json", "annotations[1].category_id"),
              org.assertj.core.groups.Tuple.tuple("annotations/coco.json", "images[file_name=missing.png]"));
      assertThat(plan.problems()).filteredOn(p -> p.file().endsWith(".xml")).singleElement()
          .satisfies(p -> assertThat(p.line()).isEqualTo(5));
      assertThat(plan.annotationFiles()).containsExactlyInAnyOrder("annotations/cat.xml", "annotations/coco.json");
      assertThat(plan.ignored()).containsExactly("README.txt");
    }
  }

  @Test
  void shouldNotGuessWhenABaseNameMatchesSeveralImages() {
    var annotation = new ImageAnnotation("cat.jpg", 0, 0, List.of(), "labels/cat.xml");
    ImportPlan plan = ImportPlan.pair(List.of("a/cat.jpg", "b/cat.jpg"),
        List.of(new io.strata.ingest.annotations.ParsedAnnotations(List.of(annotation), List.of())),
        List.of("labels/cat.xml"), List.of());
    assertThat(plan.images().values()).allSatisfy(a -> assertThat(a).isEmpty());
    assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("matches 2 images"));

    var sameFolder = new ImageAnnotation("cat.jpg", 0, 0, List.of(), "b/cat.xml");
    ImportPlan matched = ImportPlan.pair(List.of("a/cat.jpg", "b/cat.jpg"),
        List.of(new io.strata.ingest.annotations.ParsedAnnotations(List.of(sameFolder), List.of())),
        List.of("b/cat.xml"), List.of());
    assertThat(matched.images().get("b/cat.jpg")).hasSize(1);
    assertThat(matched.problems()).isEmpty();
  }

  @Test
  void shouldRefuseWhatIsNeitherADirectoryNorAnArchive() throws IOException {
    Path rar = Files.writeString(temp.resolve("images.rar"), "x");
    assertThatThrownBy(() -> ImportSource.of(rar)).hasMessageContaining(".zip");
    assertThatThrownBy(() -> ImportSource.of(temp.resolve("nothing"))).hasMessageContaining("No such");
  }

  @Test
  void shouldGiveEachFileItsBytes() throws Exception {
    var seen = new ArrayList<String>();
    ImportSource.of(tar(true)).forEach((path, size, in) -> {
      assertThat(in.readAllBytes()).as(path).isEqualTo(files().get(path));
      seen.add(path);
    });
    assertThat(seen).hasSize(6);
  }

  private Path directory() throws IOException {
    Path root = temp.resolve("dir");
    for (var file : files().entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    return root;
  }

  private Path zip() throws IOException {
    Path zip = temp.resolve("import.zip");
    try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (var file : files().entrySet()) {
        out.putNextEntry(new ZipEntry(file.getKey()));
        out.write(file.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }

  private Path tar(boolean gzipped) throws IOException {
    Path tar = temp.resolve(gzipped ? "import.tar.gz" : "import.tar");
    try (OutputStream file = Files.newOutputStream(tar);
        OutputStream raw = gzipped ? new GZIPOutputStream(file) : file;
        var out = new TarArchiveOutputStream(raw)) {
      out.putArchiveEntry(new TarArchiveEntry("./images/"));
      out.closeArchiveEntry();
      for (var item : files().entrySet()) {
        var entry = new TarArchiveEntry("./" + item.getKey());
        entry.setSize(item.getValue().length);
        out.putArchiveEntry(entry);
        out.write(item.getValue());
        out.closeArchiveEntry();
      }
    }
    return tar;
  }
}
