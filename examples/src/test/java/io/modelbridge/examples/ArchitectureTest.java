package io.modelbridge.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the dependency direction of DEVELOPERS.md over the production classes of every module, and that
 * no public API exposes a type from an {@code .internal} package. This module depends on all the others,
 * so their classes are all on its test class path.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
        .importPackages("io.modelbridge");
  }

  @Test
  void importFindsEveryModule() {
    // Guards the rules below against passing vacuously because a module's classes were not imported.
    for (String pkg : List.of("io.modelbridge.json", "io.modelbridge.adapters.spi", "io.modelbridge.adapters.tck",
        "io.modelbridge.adapters.jdbc", "io.modelbridge.adapters.http", "io.modelbridge.adapters.file",
        "io.modelbridge.core", "io.modelbridge.mapping", "io.modelbridge.security", "io.modelbridge.pipeline",
        "io.modelbridge.cli")) {
      org.assertj.core.api.Assertions.assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
          .as("classes of %s imported", pkg)
          .isTrue();
    }
  }

  @Test
  void adapterSpiDependsOnlyOnTheJdk() {
    noClasses().that().resideInAPackage("io.modelbridge.adapters.spi..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.modelbridge.adapters.spi..", "java..")
        .because("a vendor's plugin must pull nothing but the SPI jar")
        .check(classes);
  }

  @Test
  void adaptersAndTheirKitDependOnlyOnTheSpi() {
    noClasses().that().resideInAnyPackage(
            "io.modelbridge.adapters.tck..", "io.modelbridge.adapters.jdbc..",
            "io.modelbridge.adapters.http..", "io.modelbridge.adapters.file..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.modelbridge.core..", "io.modelbridge.mapping..", "io.modelbridge.security..",
            "io.modelbridge.cli..", "io.modelbridge.examples..", "dev.langchain4j..")
        .because("reference adapters are plugins like any vendor's: they see only the SPI")
        .check(classes);
  }

  @Test
  void coreDependsOnlyOnTheSpi() {
    noClasses().that().resideInAPackage("io.modelbridge.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.modelbridge.mapping..", "io.modelbridge.security..", "io.modelbridge.pipeline..",
            "io.modelbridge.cli..", "io.modelbridge.examples..", "io.modelbridge.adapters.tck..", "io.modelbridge.adapters.jdbc..",
            "io.modelbridge.adapters.http..", "io.modelbridge.adapters.file..", "io.modelbridge.samples..")
        .because("data-mapping and security plug into hooks that core defines, never the reverse")
        .check(classes);
  }

  @Test
  void mappingAndSecurityDoNotDependOnEachOtherOrOnTheWiring() {
    noClasses().that().resideInAPackage("io.modelbridge.mapping..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.modelbridge.security..", "io.modelbridge.pipeline..", "io.modelbridge.cli..",
            "io.modelbridge.examples..")
        .check(classes);
    noClasses().that().resideInAPackage("io.modelbridge.security..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.modelbridge.mapping..", "io.modelbridge.pipeline..", "io.modelbridge.cli..",
            "io.modelbridge.examples..")
        .check(classes);
  }

  @Test
  void pipelineWiresTheLibrariesAndNothingAboveIt() {
    noClasses().that().resideInAPackage("io.modelbridge.pipeline..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.modelbridge.cli..", "io.modelbridge.examples..", "io.modelbridge.samples..",
            "io.modelbridge.adapters.jdbc..", "io.modelbridge.adapters.http..", "io.modelbridge.adapters.file..",
            "io.modelbridge.adapters.tck..")
        .because("the pipeline works with any adapter through the SPI; only cli, examples and benchmarks wire"
            + " concrete adapters and sample data")
        .check(classes);
  }

  @Test
  void jsonDependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("io.modelbridge.json..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.modelbridge.json..", "java..",
            "com.fasterxml.jackson..")
        .because("the one JSON configuration sits below every module and depends on Jackson only")
        .check(classes);
  }

  /** The one class that reads CSV: CSV is its own format, so it keeps a CsvMapper (with BigDecimal for floats). */
  private static final String CSV_READER = "io.modelbridge.mapping.RecordFile";

  private static final Set<String> CONFIGURING_METHODS = Set.of("<init>", "builder", "copy", "copyWith",
      "findAndRegisterModules", "setNodeFactory", "configure", "enable", "disable", "registerModule");

  @Test
  void noModuleBuildsItsOwnMapper() {
    noClasses().that().resideOutsideOfPackage("io.modelbridge.json..")
        .should().callCodeUnitWhere(DescribedPredicate.describe(
            "a constructor, builder() or setting of an ObjectMapper (JsonMapper, YAMLMapper, CsvMapper...)",
            (JavaCall<?> call) -> call.getTargetOwner().isAssignableTo("com.fasterxml.jackson.databind.ObjectMapper")
                && CONFIGURING_METHODS.contains(call.getName())
                && !(call.getTargetOwner().isAssignableTo("com.fasterxml.jackson.dataformat.csv.CsvMapper")
                    && call.getOriginOwner().getName().equals(CSV_READER))))
        .because("every module reads and writes data with io.modelbridge.json.DataJson, so numbers keep their"
            + " digits (BigDecimal, written plainly) and duplicate keys are refused everywhere; derive an"
            + " ObjectReader/ObjectWriter from DataJson for a local need")
        .check(classes);
  }

  @Test
  void modulesHaveNoCycles() {
    slices().matching("io.modelbridge.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void publicApiExposesNoInternalType() {
    classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
        .should(notExposeInternalTypes())
        .check(classes);
  }

  private static ArchCondition<JavaClass> notExposeInternalTypes() {
    return new ArchCondition<>("not expose types from .internal packages in their public or protected API") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        List<String> leaks = new ArrayList<>();
        type.getRawSuperclass().filter(ArchitectureTest::isInternal)
            .ifPresent(s -> leaks.add("extends " + s.getName()));
        type.getRawInterfaces().stream().filter(ArchitectureTest::isInternal)
            .forEach(i -> leaks.add("implements " + i.getName()));
        for (JavaCodeUnit unit : type.getCodeUnits()) {
          if (!isVisible(unit.getModifiers())) {
            continue;
          }
          if (isInternal(unit.getRawReturnType())) {
            leaks.add(unit.getName() + " returns " + unit.getRawReturnType().getName());
          }
          for (JavaClass p : unit.getRawParameterTypes()) {
            if (isInternal(p)) {
              leaks.add(unit.getName() + " takes " + p.getName());
            }
          }
          for (JavaType t : unit.getParameterTypes()) {
            t.getAllInvolvedRawTypes().stream().filter(ArchitectureTest::isInternal)
                .forEach(c -> leaks.add(unit.getName() + " takes a type involving " + c.getName()));
          }
          unit.getReturnType().getAllInvolvedRawTypes().stream().filter(ArchitectureTest::isInternal)
              .forEach(c -> leaks.add(unit.getName() + " returns a type involving " + c.getName()));
        }
        for (JavaField field : type.getFields()) {
          if (isVisible(field.getModifiers()) && isInternal(field.getRawType())) {
            leaks.add("field " + field.getName() + " is a " + field.getRawType().getName());
          }
        }
        for (String leak : leaks) {
          events.add(SimpleConditionEvent.violated(type, type.getName() + " " + leak));
        }
      }
    };
  }

  private static boolean isVisible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isInternal(JavaClass c) {
    return INTERNAL.test(c);
  }

  private static final DescribedPredicate<JavaClass> INTERNAL =
      DescribedPredicate.describe("in an .internal package",
          c -> c.getPackageName().contains(".internal") && c.getPackageName().startsWith("io.modelbridge"));
}
