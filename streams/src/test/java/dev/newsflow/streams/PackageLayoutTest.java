package dev.newsflow.streams;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.junit.jupiter.api.Test;

/**
 * The streams module's layout as rules (streams/README.md, "Packages"): the package tree follows the
 * data flow, no package cycle survives a change, and the query side reads state stores without
 * depending on the classes that build the topology. The quality evaluation is a module of its own
 * ({@code eval/}), so Maven itself keeps it off the streams runtime.
 */
class PackageLayoutTest {
  private static final String ROOT = "dev.newsflow.streams";

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  /** Every package of the module is a slice of its own, the root package included. */
  private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      String p = c.getPackageName();
      return p.equals(ROOT) || p.startsWith(ROOT + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "each package of " + ROOT;
    }
  };

  private static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles();

  /** What builds the topology: a {@code *Topology} class, a Kafka Streams processor, the application class. */
  private static final DescribedPredicate<JavaClass> TOPOLOGY_CLASS = describe("topology classes",
      c -> c.getSimpleName().endsWith("Topology") || c.isAssignableTo(Processor.class)
          || c.isAssignableTo(FixedKeyProcessor.class) || c.getPackageName().equals(ROOT));

  @Test
  void noPackageCycles() {
    NO_PACKAGE_CYCLES.check(MAIN);
  }

  @Test
  void theCycleRuleFailsOnACycle() {
    JavaClasses cyclic = new ClassFileImporter().importClasses(
        dev.newsflow.streams.layoutfixture.one.One.class, dev.newsflow.streams.layoutfixture.two.Two.class);
    assertThrows(AssertionError.class, () -> NO_PACKAGE_CYCLES.check(cyclic));
  }

  @Test
  void queriesDoNotDependOnTopologyClasses() throws IOException {
    noClasses().that().resideInAPackage(ROOT + ".query..")
        .should().dependOnClassesThat(TOPOLOGY_CLASS)
        .check(MAIN);
    // A store name is a compile-time constant, which javac copies into the reader's class file, so
    // reading through one leaves no trace in bytecode: the imports in the sources must say it.
    Set<String> topology = MAIN.stream().filter(TOPOLOGY_CLASS).map(JavaClass::getName).collect(Collectors.toSet());
    List<String> imported = importsOf(Path.of("src/main/java", ROOT.replace('.', '/'), "query"));
    assertEquals(List.of(), imported.stream().filter(topology::contains).toList(), "query/ imports topology classes");
  }

  /** Upstream never reaches downstream: enrichment knows nothing of aggregation, alerts or queries. */
  @Test
  void enrichmentDependsOnNoLaterStage() {
    noClasses().that().resideInAPackage(ROOT + ".enrich..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".aggregate..", ROOT + ".alerts..", ROOT + ".query..")
        .check(MAIN);
  }

  /** The values and helpers every stage shares depend on no stage, so any stage may import them. */
  @Test
  void sharedPackagesDependOnNoStage() {
    noClasses().that().resideInAnyPackage(ROOT + ".event..", ROOT + ".phrases..", ROOT + ".state..", ROOT + ".errors..")
        .should().dependOnClassesThat().resideInAnyPackage(
            ROOT + ".enrich..", ROOT + ".aggregate..", ROOT + ".alerts..", ROOT + ".query..")
        .check(MAIN);
  }

  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+?)(?:\\.[a-z]\\w*)?;", Pattern.MULTILINE);

  /** The classes the Java sources under {@code dir} import (a static import names its class). */
  private static List<String> importsOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> out = new java.util.ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          out.add(m.group(1));
        }
      }
      if (out.isEmpty()) {
        throw new IllegalStateException("no imports read under " + dir.toAbsolutePath());
      }
      return out;
    }
  }
}
