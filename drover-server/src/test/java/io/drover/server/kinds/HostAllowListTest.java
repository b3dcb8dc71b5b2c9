package io.drover.server.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {

  @Test
  void namesMatchWithoutCase_andGlobsMatchAnyRun() {
    HostAllowList allowed = new HostAllowList(List.of("api.stripe.com", "*.example.com"));

    assertThat(allowed.allows("API.Stripe.com")).isTrue();
    assertThat(allowed.allows("hooks.example.com")).isTrue();
    assertThat(allowed.allows("a.b.example.com")).isTrue();
    assertThat(allowed.allows("example.com")).isFalse();
    assertThat(allowed.allows("example.com.evil.net")).isFalse();
    assertThat(allowed.allows("stripe.com")).isFalse();
  }

  @Test
  void theDefault_isLoopbackOnly_withIpv6AsUrlsWriteIt() {
    HostAllowList loopback = new HostAllowList(List.of("localhost", "127.0.0.1", "::1"));

    assertThat(loopback.allows("localhost")).isTrue();
    assertThat(loopback.allows("[::1]")).isTrue();
    assertThat(loopback.allows("169.254.169.254")).isFalse();
    assertThat(loopback.allows("10.0.0.5")).isFalse();
  }

  @Test
  void aLoneStar_allowsEveryHost() {
    assertThat(new HostAllowList(List.of("*")).allows("anything.at.all")).isTrue();
  }
}
