package dev.sociscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layering rules of the app, checked on the compiled classes. */
class ArchitectureTest {
  /** One package per view; services and the model know none of them. */
  private static final String[] VIEWS = {"dev.sociscope.app.gui..", "dev.sociscope.app.connect..",
      "dev.sociscope.app.browse..", "dev.sociscope.app.files..", "dev.sociscope.app.create..",
      "dev.sociscope.app.ztoc..", "dev.sociscope.app.preview..", "dev.sociscope.app.activity..",
      "dev.sociscope.app.sources..", "dev.sociscope.app.health..", "dev.sociscope.app.compare..", "dev.sociscope.app.profile.."};
  private static JavaClasses app;

  @BeforeAll
  static void importApp() {
    app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.sociscope.app");
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.sociscope.app.(*)..").should().beFreeOfCycles()
        .because("a view, the services and the model each change without dragging the others along")
        .check(app);
  }

  @Test
  void servicesAndTheModelKnowNoViewAndNoScene() {
    noClasses().that().resideInAnyPackage("dev.sociscope.app.service..", "dev.sociscope.app.model..")
        .should().dependOnClassesThat().resideInAnyPackage(VIEWS)
        .orShould().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
        .because("services run off the FX thread and serve every view")
        .check(app);
  }

  @Test
  void commonHelpersKnowNoView() {
    noClasses().that().resideInAPackage("dev.sociscope.app.common..")
        .should().dependOnClassesThat().resideInAnyPackage(VIEWS)
        .because("every view uses them")
        .check(app);
  }

  @Test
  void viewModelsHoldNoNodesSoTheyCanBeTestedWithoutAToolkit() {
    classes().that().haveSimpleNameEndingWith("ViewModel")
        .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene.control..",
            "javafx.scene.layout..", "javafx.stage..")
        .check(app);
  }

  @Test
  void theCliDecidesNoSociRuleAndKnowsNoView() {
    noClasses().that().resideInAPackage("dev.sociscope.app.cli..")
        .should().dependOnClassesThat().resideInAnyPackage(VIEWS)
        .orShould().dependOnClassesThat().resideInAnyPackage("javafx..")
        .because("the CLI runs headless on core alone")
        .check(app);
  }
}
