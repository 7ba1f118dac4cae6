package dev.tollgate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * HTTP goes through Apache's HttpClient, never the JDK's: a JDK client keeps a selector thread in
 * native code until it is collected, and the JVM's exit waits up to 0.3 s for threads in native code.
 * Three probes and a check used it, and every run ended 0.3 s after its last line.
 */
class HttpClientTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tollgate");

    @Test
    void noClassUsesTheJdksHttpClient() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .because("the JVM's exit waits up to 0.3 s for the JDK HttpClient's selector threads").check(CLASSES);
    }
}
