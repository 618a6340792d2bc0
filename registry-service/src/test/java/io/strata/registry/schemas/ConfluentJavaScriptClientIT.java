package io.strata.registry.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.serde.GenericAvroDeserializer;
import io.strata.schemas.serde.GenericAvroSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confluent's own JavaScript client ({@code @kafkajs/confluent-schema-registry}, pinned in
 * {@code src/test/node/package-lock.json}) registers, evolves, encodes and decodes against Strata's registry
 * unchanged, and its bytes equal those of Strata's Java serializer. Needs node and npm (.ci/run installs
 * them when missing) and the npm registry for {@code npm ci}.
 */
class ConfluentJavaScriptClientIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SOURCES = Path.of("src/test/node");
  private static final Path WORK = Path.of("target/node-interop");
  private static final Schema V1 = new Schema.Parser().parse("""
      {"type":"record","name":"Greeting","namespace":"io.strata.interop",
       "fields":[{"name":"id","type":"string"},{"name":"count","type":"int"}]}""");

  @BeforeAll
  static void installTheClient() throws Exception {
    assumeTrue(works("node", "--version") && works("npm", "--version"),
        "node and npm are needed for this test; .ci/run installs them (apt-get install nodejs npm)");
    Files.createDirectories(WORK);
    for (String file : List.of("package.json", "package-lock.json", "interop.mjs")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
  }

  @Test
  void shouldRegisterEvolveEncodeAndDecodeWithConfluentsJavaScriptClient() throws Exception {
    try (var registry = TestRegistry.on(TestTopics.unique("_schemas-js"));
        var serializer = new GenericAvroSerializer();
        var deserializer = new GenericAvroDeserializer()) {
      String topic = TestTopics.unique("greetings");
      Map<String, String> configs = Map.of("schema.registry.url", registry.url());
      serializer.configure(configs, false);
      deserializer.configure(configs, false);
      byte[] javaBytes = serializer.serialize(topic, greeting("a", 7));
      int javaId = ByteBuffer.wrap(javaBytes, 1, 4).getInt();

      List<String> interop = List.of("node", "interop.mjs", registry.url(), topic + "-value",
          HexFormat.of().formatHex(javaBytes));
      String result = run(interop, 120).lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b)
          .orElseThrow(() -> new AssertionError("No JSON result from " + interop));
      JsonNode js = JSON.readTree(result);

      assertThat(js.path("v1Id").asInt()).as("same schema, same subject, same id").isEqualTo(javaId);
      assertThat(js.path("encodedHex").asText()).as("byte-for-byte the Java serializer's output")
          .isEqualTo(HexFormat.of().formatHex(javaBytes));
      assertThat(js.path("decodedJava")).isEqualTo(JSON.readTree("{\"id\":\"a\",\"count\":7}"));
      assertThat(js.path("decodedOwn")).isEqualTo(JSON.readTree("{\"id\":\"a\",\"count\":7}"));
      assertThat(js.path("v2Id").asInt()).isNotEqualTo(javaId);
      assertThat(js.path("v1IdAgain").asInt()).as("re-registering is idempotent").isEqualTo(javaId);
      assertThat(js.path("breakingStatus").asInt()).as("a field without default is refused").isEqualTo(409);
      assertThat(js.path("latestId").asInt()).isEqualTo(js.path("v2Id").asInt());
      assertThat(js.path("lookupId").asInt()).isEqualTo(javaId);
      assertThat(js.path("v2DecodedByFreshClient"))
          .isEqualTo(JSON.readTree("{\"id\":\"b\",\"count\":8,\"lang\":\"zh\"}"));
      GenericRecord decoded = (GenericRecord) deserializer.deserialize(topic,
          HexFormat.of().parseHex(js.path("encodedHex").asText()));
      assertThat(decoded.get("id").toString()).isEqualTo("a");
      assertThat(decoded.get("count")).isEqualTo(7);
    }
  }

  private static GenericRecord greeting(String id, int count) {
    var record = new GenericData.Record(V1);
    record.put("id", id);
    record.put("count", count);
    return record;
  }

  private static boolean works(String... command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String run(List<String> command, int timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("node-interop", ".log");
    Process process = new ProcessBuilder(command).directory(WORK.toFile())
        .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + output);
    }
    assertThat(process.exitValue()).as("%s failed:%n%s", String.join(" ", command), output).isZero();
    return output;
  }
}
