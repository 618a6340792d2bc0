package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void shouldEscapeEveryMarkupCharacter() {
    assertThat(Html.esc("<script>alert('x')</script> & \"q\"")).isEqualTo(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assertThat(Html.esc(null)).isEmpty();
  }

  @Test
  void shouldEncodePathSegmentsAndEscapeLinks() {
    assertThat(Html.path("a b/c?d")).isEqualTo("a%20b%2Fc%3Fd");
    assertThat(Html.link("/x?a=1&b=2", "<b>")).isEqualTo("<a href=\"/x?a=1&amp;b=2\">&lt;b&gt;</a>");
  }

  @Test
  void shouldDrawLossAndAccuracyPerEpoch() {
    String svg = LossChart.svg(List.of(
        Map.of("epoch", 1, "loss", 2.0, "metrics", Map.of("accuracy", 0.5)),
        Map.of("epoch", 2, "loss", 1.0, "metrics", Map.of("accuracy", 0.75))));
    assertThat(svg).startsWith("<svg").contains("<polyline class=\"loss\" points=\"32.0,32.0 448.0,100.0\"/>")
        .contains("<polyline class=\"accuracy\"").contains("epoch 2");
    assertThat(LossChart.svg(List.of())).contains("No progress reported yet");
  }

  @Test
  void shouldRenderANavBarOnlyWhenSignedIn() {
    var page = new Page("T <x>", "jobs", "<p>body</p>", 5);
    assertThat(page.render(true)).contains("<meta http-equiv=\"refresh\" content=\"5\">")
        .contains("<title>T &lt;x&gt; · Strata console</title>").contains("href=\"/console/jobs\" class=\"active\"")
        .contains("action=\"/console/logout\"");
    assertThat(Page.of("Sign in", "", "").render(false)).doesNotContain("<nav>").doesNotContain("refresh");
  }
}
