package io.beep.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.beep.contracts.common.EventRevision;
import org.junit.jupiter.api.Test;

/** Every event record names the revision of its stored form. */
class EventsCarryRevisionsTest {

    @Test
    void everyEventRecordIsAnnotatedWithItsRevision() {
        classes().that().haveSimpleNameEndingWith("Event").and().areRecords()
                .should().beAnnotatedWith(EventRevision.class)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.beep.contracts"));
    }
}
