package dev.sociscope.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Architecture rules for the core library. */
class CoreArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.sociscope.core");
  }

  @Test
  void coreDoesNotDependOnJavaFx() {
    noClasses().that().resideInAPackage("dev.sociscope.core..")
        .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
        .because("core is a plain library used by the CLI and tests; only the app module may use JavaFX")
        .check(core);
  }

  @Test
  void coreDoesNotDependOnTheApp() {
    noClasses().that().resideInAPackage("dev.sociscope.core..")
        .should().dependOnClassesThat().resideInAPackage("dev.sociscope.app..")
        .because("the app depends on core, never the other way round")
        .check(core);
  }

  @Test
  void ociModelDoesNotDependOnSoci() {
    noClasses().that().resideInAPackage("dev.sociscope.core.oci..")
        .should().dependOnClassesThat().resideInAPackage("dev.sociscope.core.soci..")
        .because("the OCI model is generic; SOCI builds on it")
        .check(core);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.sociscope.core.(**)").should().beFreeOfCycles()
        .because("each package is a room with one door: cycles make every change touch everything")
        .check(core);
  }

  @Test
  void errorsDependOnNothingElseInCore() {
    classes().that().resideInAPackage("dev.sociscope.core.error..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.sociscope.core.error..", "java..")
        .because("every package throws these; they must not pull anything in")
        .check(core);
  }

  @Test
  void imagesAreReadWithoutKnowingWhereTheyLive() {
    noClasses().that().resideInAPackage("dev.sociscope.core.image..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.sociscope.core.registry..",
            "dev.sociscope.core.layout..", "dev.sociscope.core.workflow..")
        .because("registries and layouts implement the image abstractions, not the other way round")
        .check(core);
  }

  @Test
  void formatsAndEngineKnowNothingOfStoresOrWorkflows() {
    noClasses().that().resideInAnyPackage("dev.sociscope.core.ztoc..", "dev.sociscope.core.gzip..",
            "dev.sociscope.core.tar..", "dev.sociscope.core.build..", "dev.sociscope.core.extract..",
            "dev.sociscope.core.soci..", "dev.sociscope.core.oci..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.sociscope.core.registry..",
            "dev.sociscope.core.layout..", "dev.sociscope.core.workflow..", "dev.sociscope.core.files..")
        .because("formats and the engine are used by every store and workflow")
        .check(core);
  }
}
