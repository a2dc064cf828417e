package dev.sociscope.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
