package io.beep.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** api-contracts stays pure: records and annotations only, no framework behind them. */
class ContractsArePureTest {

    private final JavaClasses contracts = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.beep.contracts");

    @Test
    void contractsDependOnlyOnTheJdkAnnotationsAndGeneratedGrpc() {
        classes().that().resideOutsideOfPackage("io.beep.contracts.grpc..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.beep.contracts..", "java..", "com.fasterxml.jackson.annotation..",
                        "org.axonframework.modelling.command..")
                .check(contracts);
    }

    @Test
    void commandsEventsAndViewsAreRecords() {
        classes().that().haveSimpleNameEndingWith("Command")
                .or().haveSimpleNameEndingWith("Event").and().areNotInterfaces()
                .or().haveSimpleNameEndingWith("View")
                .should().beRecords()
                .check(contracts);
    }
}
