package io.drover.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.server.TestTokens;
import io.drover.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenFileTest {
  private static final String DIGEST = "a".repeat(64);

  @TempDir Path dir;

  @Test
  void aWrittenFile_authenticatesEachSecretAsItsToken_andNothingElse() {
    TestTokens tokens = TestTokens.write(dir);

    ApiTokens loaded = TokenFile.load(tokens.file());

    assertThat(loaded.enabled()).isTrue();
    assertThat(loaded.size()).isEqualTo(4);
    ApiToken producer = loaded.authenticate(tokens.secret("producer")).orElseThrow();
    assertThat(producer.name()).isEqualTo("producer");
    assertThat(producer.role()).isEqualTo(Role.PRODUCER);
    assertThat(producer.mayUseQueue("scrape.high")).isTrue();
    assertThat(producer.mayUseQueue("billing")).isFalse();
    assertThat(producer.seesAllQueues()).isFalse();
    assertThat(loaded.authenticate(tokens.secret("admin") + "x")).isEmpty();
    assertThat(loaded.authenticate("")).isEmpty();
  }

  @Test
  void noFile_meansNoTokens() {
    assertThat(TokenFile.load(null).enabled()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | [ | is not valid JSON",
        "an empty array | [] | at least one token",
        "an object, not an array | {} | at least one token",
        "an unknown field | [{'name':'a','role':'admin','queues':['*'],'sha256':'D','secret':'x'}]"
            + " | [0].secret is not a known field",
        "a bad role | [{'name':'a','role':'root','queues':['*'],'sha256':'D'}]"
            + " | [0].role must be one of admin, producer, worker, viewer",
        "no queues | [{'name':'a','role':'admin','queues':[],'sha256':'D'}] | [0].queues must be",
        "a bad queue glob | [{'name':'a','role':'admin','queues':['a b'],'sha256':'D'}]"
            + " | [0].queues[0]",
        "a short digest | [{'name':'a','role':'admin','queues':['*'],'sha256':'abc'}]"
            + " | [0].sha256 must be the 64 hex digits",
        "a name with a space | [{'name':'a b','role':'admin','queues':['*'],'sha256':'D'}]"
            + " | [0].name must be",
        "a name used twice | [{'name':'a','role':'admin','queues':['*'],'sha256':'D'},"
            + "{'name':'a','role':'viewer','queues':['*'],'sha256':'E'}] | [1].name 'a' is used twice",
        "a digest used twice | [{'name':'a','role':'admin','queues':['*'],'sha256':'D'},"
            + "{'name':'b','role':'viewer','queues':['*'],'sha256':'D'}] | [1].sha256 is the same"
      })
  void aBadFile_stopsTheServerNamingTheEntryAndField(String what, String json, String message)
      throws IOException {
    Path file = dir.resolve("tokens.json");
    Files.writeString(
        file,
        json.replace('\'', '"')
            .replace("\"D\"", "\"" + DIGEST + "\"")
            .replace("\"E\"", "\"" + "b".repeat(64) + "\""));

    assertThatThrownBy(() -> TokenFile.load(file))
        .as(what)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tokensFile " + file + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void aMissingFile_saysItCannotBeRead() {
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(() -> TokenFile.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot be read");
  }
}
