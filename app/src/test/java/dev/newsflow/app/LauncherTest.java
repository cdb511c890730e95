package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code newsflow} launcher script, run for real against a stand-in {@code java} that prints the options it
 * was given: the stages, the broker and the bench keep the optimising compiler, the brief commands stop at the
 * first tier, {@code NEWSFLOW_JAVA_OPTS} replaces both, and every command the script names exists.
 */
class LauncherTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String QUICK_TIER = "-XX:TieredStopAtLevel=1";

  @TempDir Path home;
  private Path bin;

  /** A copy of the launcher beside a built-looking jar, and a {@code java} that answers the version check and echoes. */
  @BeforeEach
  void launcherBesideAStandInJava() throws IOException {
    Files.copy(ROOT.resolve("newsflow"), home.resolve("newsflow"));
    Files.createDirectories(home.resolve("app/target/lib"));
    Files.writeString(home.resolve("app/target/newsflow.jar"), "");
    bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, """
        #!/usr/bin/env bash
        if [ "$1" = "-XshowSettings:properties" ]; then echo "    java.specification.version = 17" >&2; exit 0; fi
        echo "$@"
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private String launch(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("newsflow").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().remove("NEWSFLOW_JAVA_OPTS");
    builder.environment().putAll(environment);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher did not finish");
    assertEquals(0, process.exitValue(), out);
    return out;
  }

  @Test
  void longRunningStagesKeepTheOptimisingCompilerAndBriefCommandsStopAtTheFirstTier() throws Exception {
    for (String stage : List.of("streams", "summaries", "alerts", "feed", "ingest-server", "broker", "bench")) {
      String options = launch(Map.of(), stage, "--help");
      assertTrue(options.startsWith("-Xmx1g -XX:+UseSerialGC "), options);
      assertFalse(options.contains(QUICK_TIER), stage + ": " + options);
      assertTrue(options.contains("dev.newsflow.app.Main " + stage + " --help"), options);
    }
    for (String brief : List.of("demo", "import", "enrich", "companies", "rules", "tail", "digest", "eval")) {
      String options = launch(Map.of(), brief);
      assertTrue(options.startsWith("-Xmx1g -XX:+UseSerialGC " + QUICK_TIER + " "), brief + ": " + options);
    }
    assertTrue(launch(Map.of()).contains(QUICK_TIER), "no command at all is brief too");
    // the command is found behind the option that may come first, with its value in either form
    assertFalse(launch(Map.of(), "--log-format", "json", "streams").contains(QUICK_TIER));
    assertFalse(launch(Map.of(), "--log-format=json", "summaries").contains(QUICK_TIER));
    assertTrue(launch(Map.of(), "--log-format", "json", "import", "x").contains(QUICK_TIER));
  }

  @Test
  void newsflowJavaOptsReplacesTheDefaults() throws Exception {
    String options = launch(Map.of("NEWSFLOW_JAVA_OPTS", "-Xmx2g"), "demo", "--once");
    assertTrue(options.startsWith("-Xmx2g -Dnewsflow.home="), options);
    assertFalse(options.contains("UseSerialGC"), options);
  }

  /** A renamed command must not fall silently among the brief ones: each name the script lists is a real command. */
  @Test
  void everyCommandTheLauncherKeepsOnTheOptimisingCompilerExists() throws IOException {
    String script = Files.readString(ROOT.resolve("newsflow"), StandardCharsets.UTF_8);
    String line = script.lines().filter(l -> l.strip().endsWith(") ;;") && l.contains("streams|")).findFirst()
        .orElseThrow(() -> new AssertionError("no list of long-running commands in the launcher"));
    CommandLine cli = new CommandLine(new Main());
    for (String name : line.strip().replace(") ;;", "").split("\\|")) {
      assertTrue(cli.getSubcommands().containsKey(name), "the launcher names '" + name + "', which is no command");
    }
  }
}
