package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.trainer.scheduler.Gpu;
import io.strata.trainer.scheduler.JobRequest;
import io.strata.trainer.scheduler.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuInventoryTest {

  @Test
  void shouldParseNodesGpusAndLabelsIgnoringCommentsAndBlankLines() {
    var nodes = GpuInventory.parse("""
        # name   gpus                       labels
        gpu-01   0:81920:H100,1:40960:A100   zone=eu rack=r1

        cpu-01   -      # a CPU-only node
        """);

    assertThat(nodes).containsExactly(
        new Node("gpu-01", List.of(new Gpu(0, "H100", 81920), new Gpu(1, "A100", 40960)),
            Map.of("zone", "eu", "rack", "r1")),
        new Node("cpu-01", List.of(), Map.of()));
  }

  @Test
  void shouldNameTheLineThatIsWrong() {
    assertThatThrownBy(() -> GpuInventory.parse("a 0:100\nb 0:x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inventory line 2 'b 0:x'");
    assertThatThrownBy(() -> GpuInventory.parse("a 0:100\na -"))
        .hasMessageContaining("line 2").hasMessageContaining("listed twice");
    assertThatThrownBy(() -> GpuInventory.parse("a 0:100,0:100"))
        .hasMessageContaining("line 1").hasMessageContaining("GPU index 0 twice");
    assertThatThrownBy(() -> GpuInventory.parse("lonely"))
        .hasMessageContaining("expected '<node> <gpus or -> [label=value ...]'");
    assertThatThrownBy(() -> GpuInventory.parse("a - zone"))
        .hasMessageContaining("label 'zone' must be name=value");
  }

  @Test
  void shouldReadNvidiaSmiOutputAndSkipLinesThatDoNotParse() {
    var gpus = GpuInventory.parseNvidiaSmi("0, 81559, NVIDIA H100 80GB HBM3\n1, 81559, NVIDIA H100 80GB HBM3\n"
        + "garbage\n");

    assertThat(gpus).containsExactly(new Gpu(0, "NVIDIA-H100-80GB-HBM3", 81559),
        new Gpu(1, "NVIDIA-H100-80GB-HBM3", 81559));
    assertThat(GpuInventory.parseNvidiaSmi("0, 16384\n")).containsExactly(new Gpu(0, "gpu", 16384));
  }

  @Test
  void shouldSayWhenAJobCanNeverFitThePool() {
    var pool = List.of(Node.uniform("a", 2, "H100", 80_000, Map.of("zone", "eu")), Node.uniform("cpu", 0, "x", 0,
        Map.of()));

    assertThat(GpuInventory.neverFits(JobRequest.single("j", "t", 0, 0, 0, 0), pool)).isNull();
    assertThat(GpuInventory.neverFits(JobRequest.single("j", "t", 0, 2, 80_000, 0), pool)).isNull();
    assertThat(GpuInventory.neverFits(JobRequest.single("j", "t", 0, 3, 0, 0), pool))
        .contains("asks for 3 GPU(s)").contains("has only 0 such node(s) (a: 2 GPU(s), cpu: 0 GPU(s))");
    assertThat(GpuInventory.neverFits(JobRequest.single("j", "t", 0, 1, 90_000, 0), pool)).isNotNull();
    assertThat(GpuInventory.neverFits(new JobRequest("j", "t", 0, 2, 1, 0, Map.of(), 0), pool)).isNotNull();
    assertThat(GpuInventory.neverFits(new JobRequest("j", "t", 0, 1, 1, 0, Map.of("zone", "us"), 0), pool))
        .contains("labelled {zone=us}");
    assertThat(GpuInventory.neverFits(JobRequest.single("j", "t", 0, 1, 0, 0), List.of()))
        .contains("no nodes");
  }
}
