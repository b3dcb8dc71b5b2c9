package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./drover} launcher as a user runs it: which JDK it takes, what it says about it, and
 * that stdout carries only the command's data. Runs after {@code package}, so the jar is fresh.
 */
class LauncherIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
  private static final String THIS_JDK = System.getProperty("java.home");

  @TempDir Path tmp;

  @Test
  void onlyJdk17_stopsWithTheLaunchersOwnMessage() throws Exception {
    assumeTrue(
        Files.isExecutable(JDK_17.resolve("bin/java")), "needs the system JDK 17 at " + JDK_17);
    // The JDK 17 is everywhere the launcher looks: JAVA_HOME, the java on PATH, the JVM directory.
    Path jvmDir = Files.createDirectories(tmp.resolve("jvm"));
    Files.createSymbolicLink(jvmDir.resolve("java-17"), JDK_17);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("java"), JDK_17.resolve("bin/java"));

    Run run =
        run(
            REPO.resolve("drover"),
            Map.of(
                "JAVA_HOME", JDK_17.toString(),
                "DROVER_JVM_DIRS", jvmDir.toString(),
                "PATH", bin + ":/usr/bin:/bin"),
            "server");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .startsWith("drover: needs a JDK 21 or newer, and found none.\n")
        .contains("  tried: " + JDK_17 + " (17)\n")
        .contains("  tried: " + jvmDir.resolve("java-17") + " (17, the newest in " + jvmDir + ")")
        .doesNotContain("Unrecognized option");
  }

  @Test
  void namesItsJdkOnce_onStderr() throws Exception {
    Files.deleteIfExists(REPO.resolve("drover-server/target/launcher-jdk"));
    Map<String, String> env = Map.of("JAVA_HOME", THIS_JDK, "PATH", "/usr/bin:/bin");

    Run first = run(REPO.resolve("drover"), env, "--version");
    Run second = run(REPO.resolve("drover"), env, "--version");

    assertThat(first.exit()).isZero();
    assertThat(first.stdout()).matches("drover \\S+\n");
    assertThat(first.stderr())
        .isEqualTo("drover: using JDK " + Runtime.version().feature() + " at " + THIS_JDK + "\n");
    assertThat(second.exit()).isZero();
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(second.stderr()).as("said once, not on every command").isEmpty();
  }

  /**
   * A first run builds with Maven, whose 3.8 writes colour resets even with colour off: a stand-in
   * {@code mvn} writes them (and "builds" by copying the real jar) in a copy of the launcher's
   * layout, so the real jar is left alone.
   */
  @Test
  void build_leavesNoColourCodes_andKeepsStdoutForData() throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.createDirectories(checkout.resolve(".ci"));
    Files.copy(
        REPO.resolve("drover"), checkout.resolve("drover"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(REPO.resolve(".ci/jdk.sh"), checkout.resolve(".ci/jdk.sh"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path jar = checkout.resolve("drover-server/target/drover.jar");
    script(
        bin.resolve("mvn"),
        "printf '\\033[0m\\033[0m'",
        "printf '\\033[0m\\033[0m' >&2",
        "mkdir -p '" + jar.getParent() + "'",
        "cp '" + REPO.resolve("drover-server/target/drover.jar") + "' '" + jar + "'");

    Run run =
        run(
            checkout.resolve("drover"),
            Map.of("JAVA_HOME", THIS_JDK, "PATH", bin + ":/usr/bin:/bin"),
            "--version");

    assertThat(run.exit()).isZero();
    assertThat(run.stdout()).matches("drover \\S+\n");
    assertThat(run.stderr())
        .isEqualTo(
            "drover: using JDK "
                + Runtime.version().feature()
                + " at "
                + THIS_JDK
                + "\ndrover: building "
                + jar
                + " (sources changed or first run; this takes a minute)...\n");
  }

  private record Run(int exit, String stdout, String stderr) {}

  private static Run run(Path launcher, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    byte[] stdout = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher exits").isTrue();
    return new Run(
        process.exitValue(),
        new String(stdout, StandardCharsets.UTF_8),
        new String(stderr.join(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void script(Path path, String... lines) throws IOException {
    Files.writeString(path, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
