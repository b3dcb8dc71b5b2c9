package io.drover.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.InvalidJobException;
import org.junit.jupiter.api.Test;

class QueuePatternTest {

  @Test
  void glob_matchesAnyRunOfCharacters() {
    QueuePattern scrape = QueuePattern.of("scrape.*");
    assertThat(scrape.matches("scrape.high")).isTrue();
    assertThat(scrape.matches("scrape.eu.low")).isTrue();
    assertThat(scrape.matches("scrapers")).isFalse();
    assertThat(QueuePattern.of("*").matches("anything")).isTrue();
    assertThat(QueuePattern.of("a*z").matches("a.b.z")).isTrue();
  }

  @Test
  void literal_matchesOnlyItself() {
    QueuePattern email = QueuePattern.of("email");
    assertThat(email.isLiteral()).isTrue();
    assertThat(email.matches("email")).isTrue();
    assertThat(email.matches("email2")).isFalse();
  }

  @Test
  void list_isCommaSeparated_andBadPatternsNameTheField() {
    assertThat(QueuePattern.parseList("scrape.*, email ,,"))
        .extracting(QueuePattern::text)
        .containsExactly("scrape.*", "email");
    assertThatThrownBy(() -> QueuePattern.of("bad queue"))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("queues"));
  }
}
