package io.drover.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.drover.runtime.CapturedLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ListenersTest {
  private final Listeners<Consumer<String>> listeners = new Listeners<>("test: listener");
  private final List<String> heard = new ArrayList<>();

  @Test
  void forEach_reachesEveryListener_inTheOrderAdded() {
    listeners.add(news -> heard.add("first " + news));
    listeners.add(news -> heard.add("second " + news));

    listeners.forEach(listener -> listener.accept("mail"));

    assertThat(heard).containsExactly("first mail", "second mail");
  }

  @Test
  void aListenerThatThrows_keepsNoneOfTheOthersFromHearing_andIsLoggedAtWarnOnce() {
    listeners.add(news -> heard.add("before " + news));
    listeners.add(
        news -> {
          throw new IllegalStateException("broken listener");
        });
    listeners.add(news -> heard.add("after " + news));

    try (CapturedLogs logs = new CapturedLogs(Listeners.class)) {
      listeners.forEach(listener -> listener.accept("one"));
      listeners.forEach(listener -> listener.accept("two"));

      assertThat(heard).containsExactly("before one", "after one", "before two", "after two");
      assertThat(logs.at(Level.WARN))
          .singleElement()
          .asString()
          .startsWith("test: listener ")
          .contains("failed");
    }
  }

  @Test
  void closingASubscriptionTwice_removesOnlyItsOwnRegistration() {
    Consumer<String> listener = heard::add;
    Subscription first = listeners.add(listener);
    listeners.add(listener);

    first.close();
    first.close();
    listeners.forEach(each -> each.accept("mail"));

    assertThat(heard).containsExactly("mail");
  }

  @Test
  void clear_removesEveryListener_andLeavesClosingHarmless() {
    Subscription subscription = listeners.add(heard::add);

    listeners.clear();
    subscription.close();
    listeners.forEach(listener -> listener.accept("mail"));

    assertThat(listeners.isEmpty()).isTrue();
    assertThat(heard).isEmpty();
  }
}
