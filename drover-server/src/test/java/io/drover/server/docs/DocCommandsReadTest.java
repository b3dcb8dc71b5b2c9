package io.drover.server.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.server.docs.DocCommands.Command;
import io.drover.server.docs.DocCommands.Found;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link DocCommands} reads a Markdown file's commands. */
class DocCommandsReadTest {
  @TempDir Path dir;

  @Test
  void commands_joinContinuationsAndOpenQuotes_keepTheOutputUnderThem_andSkipMarkedBlocks()
      throws IOException {
    Files.writeString(
        dir.resolve("doc.md"),
        """
        Text.

        ```sh
        # a description, not output
        curl -s -X POST localhost:8080/x \\
          -d '{"a":1,
               "b":2}'
        # {"id":"019a…"}
        ./drover queues purge demo --state failed # the queue's failed jobs

        # a remark after a blank line
        ```

        ```json
        {"not":"a command"}
        ```

        <!-- not run: needs a browser -->
        ```bash
        open http://localhost:8080
        ```
        """);

    Found found = DocCommands.read(dir, "doc.md");

    assertThat(found.commands())
        .extracting(Command::text)
        .containsExactly(
            "curl -s -X POST localhost:8080/x   -d '{\"a\":1,\n       \"b\":2}'",
            "./drover queues purge demo --state failed # the queue's failed jobs");
    assertThat(found.commands().get(0).shownOutput()).isEqualTo(List.of("{\"id\":\"019a…\"}"));
    assertThat(found.commands().get(1).shownOutput()).isEmpty();
    assertThat(found.commands().get(0).line()).isEqualTo(5);
    assertThat(found.skipped())
        .singleElement()
        .satisfies(skip -> assertThat(skip.reason()).isEqualTo("needs a browser"));
  }

  @Test
  void aShownLine_isAShape_withNumbersFree_upToAnElisionOrARemark() {
    OutputShape shape =
        OutputShape.of(
            List.of(
                "{\"id\":\"019a…\",\"created\":true}   (again: \"created\":false)",
                "enqueued 10000/10000 (100%)",
                "secret: drover_vAcAuzLBkK…   (43 characters)"));

    shape.check(
        "ok", "{\"id\":\"x\",\"created\":false}\nsecret: drover_abc", "enqueued 3/3 (100%)");
    assertThatThrownBy(
            () -> shape.check("missing", "{\"id\":\"x\"}", "enqueued 3/3 (100%)\nsecret: x"))
        .hasMessageContaining("prints the field created");
    assertThatThrownBy(
            () ->
                shape.check("bad json", "{\"id\":,\"created\":1}", "enqueued 1/1 (100%)\nsecret:"))
        .hasMessageContaining("does not parse");
  }
}
