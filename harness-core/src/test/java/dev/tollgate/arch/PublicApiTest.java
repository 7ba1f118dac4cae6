package dev.tollgate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * What plug-ins and users may rely on, so it stays that way: every public type says how public it
 * is ({@code @API}); the types that say "rely on me" (EXPERIMENTAL and up) are the check SPI, what its
 * signatures show (the model, the system under test, a database snapshot), the {@code api} package and
 * the JUnit engine's entry; and none of them makes a plug-in touch an INTERNAL type. See
 * {@code docs/typed-model.md} ("The public API").
 */
class PublicApiTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tollgate");

    /** Packages whose public types may be public API: {@code check} without its sub-packages (one per built-in type). */
    private static final List<String> API_PACKAGES = List.of("dev.tollgate.api", "dev.tollgate.check",
            "dev.tollgate.model", "dev.tollgate.system");

    /**
     * Public API outside those packages: the snapshot {@link dev.tollgate.check.CheckContext#snapshot} hands
     * a check, with what it holds, and the engine that JUnit Platform finds through its ServiceLoader.
     */
    private static final Set<String> API_TYPES = Set.of("dev.tollgate.db.Snapshot", "dev.tollgate.db.SchemaSnapshot",
            "dev.tollgate.db.MigrationHistory", "dev.tollgate.db.AppliedMigration", "dev.tollgate.db.DataFingerprint",
            "dev.tollgate.db.TableFingerprint", "dev.tollgate.db.ColumnFingerprints", "dev.tollgate.db.KeptRows",
            "dev.tollgate.db.StateFingerprint", "dev.tollgate.db.ValueHash", "dev.tollgate.db.KeyHash",
            "dev.tollgate.engine.TollgateTestEngine");

    static final ArchRule EVERY_PUBLIC_TYPE_SAYS_HOW_PUBLIC_IT_IS = classes().that().arePublic().and().areTopLevelClasses()
            .and().resideInAPackage("dev.tollgate..").should().beAnnotatedWith(API.class);

    static final ArchRule ONLY_THE_CHOSEN_SURFACE_IS_PUBLIC_API = classes().that(isPublicApi())
            .should(new ArchCondition<JavaClass>("be in " + API_PACKAGES + " or " + API_TYPES) {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    JavaClass topLevel = topLevel(type);
                    boolean chosen = API_PACKAGES.contains(topLevel.getPackageName()) || API_TYPES.contains(topLevel.getName());
                    events.add(new SimpleConditionEvent(type, chosen, type.getName() + " is @API(" + status(type).orElseThrow()
                            + ") but not part of the public surface: make it @API(status = INTERNAL), or add it to the surface"
                            + " on purpose (and to docs/typed-model.md)"));
                }
            });

    static final ArchRule PUBLIC_API_SHOWS_NO_INTERNAL_TYPE = classes().that(isPublicApi())
            .should(new ArchCondition<JavaClass>("show only public API types of Tollgate") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    supertypes(type).filter(PublicApiTest::isTollgateInternal).forEach(internal -> events.add(SimpleConditionEvent
                            .violated(type, type.getName() + " extends " + internal.getName() + ", which is internal")));
                    Stream.concat(Stream.concat(type.getMethods().stream(), type.getConstructors().stream()), type.getFields().stream())
                            .filter(PublicApiTest::visibleToPlugins).forEach(member -> signature(member)
                                    .flatMap(shown -> shown.getAllInvolvedRawTypes().stream())
                                    .filter(PublicApiTest::isTollgateInternal).distinct()
                                    .forEach(internal -> events.add(SimpleConditionEvent.violated(member, member.getFullName()
                                            + " shows " + internal.getName() + ", which is internal: make it public API, keep it"
                                            + " out of the signature, or mark the member @API(status = INTERNAL) and say why"))));
                }
            });

    @Test
    void everyPublicTypeSaysHowPublicItIs() {
        EVERY_PUBLIC_TYPE_SAYS_HOW_PUBLIC_IT_IS.check(CLASSES);
    }

    @Test
    void onlyTheChosenSurfaceIsPublicApi() {
        ONLY_THE_CHOSEN_SURFACE_IS_PUBLIC_API.check(CLASSES);
    }

    @Test
    void publicApiShowsNoInternalType() {
        PUBLIC_API_SHOWS_NO_INTERNAL_TYPE.check(CLASSES);
    }

    /**
     * The rules above only examine types that are already public API, so hiding the SPI (marking it INTERNAL, or
     * renaming a type the allowance names) would pass them: the entry types a plug-in and a user start from are
     * named here, and every allowance in {@link #API_TYPES} names a class that exists.
     */
    @Test
    void theSpiEntryTypesArePublicApiAndEveryAllowanceExists() {
        List<String> entries = List.of("dev.tollgate.check.CheckType", "dev.tollgate.check.CheckTypeProvider",
                "dev.tollgate.check.CheckContext", "dev.tollgate.check.CheckResult", "dev.tollgate.check.CheckConfig",
                "dev.tollgate.check.Evidence", "dev.tollgate.check.Status", "dev.tollgate.model.Facts",
                "dev.tollgate.system.RunningService", "dev.tollgate.system.DatabaseEndpoint", "dev.tollgate.db.Snapshot",
                "dev.tollgate.engine.TollgateTestEngine");
        List<String> notPublicApi = entries.stream()
                .filter(name -> !CLASSES.contain(name) || !publicApi(CLASSES.get(name))).toList();
        assertEquals(List.of(), notPublicApi, "SPI entry types that are missing or not public API (@API above INTERNAL)");

        List<String> missing = API_TYPES.stream().filter(name -> !CLASSES.contain(name)).sorted().toList();
        assertEquals(List.of(), missing, "API_TYPES names classes that do not exist: remove or rename them");
    }

    /** Each rule is seen to fail: on {@link PublicApiViolations}, which breaks each once (and honours a member's INTERNAL). */
    @Test
    void eachRuleFailsOnATypeThatBreaksIt() {
        JavaClasses violations = new ClassFileImporter().importClasses(PublicApiViolations.class,
                PublicApiViolations.Exposing.class, PublicApiViolations.Hidden.class);

        assertEquals(List.of(PublicApiViolations.class.getName()), violators(EVERY_PUBLIC_TYPE_SAYS_HOW_PUBLIC_IT_IS, violations));
        assertEquals(List.of(PublicApiViolations.Exposing.class.getName()),
                violators(ONLY_THE_CHOSEN_SURFACE_IS_PUBLIC_API, violations));
        assertEquals(List.of(PublicApiViolations.Exposing.class.getName() + ".hidden()"),
                violators(PUBLIC_API_SHOWS_NO_INTERNAL_TYPE, violations), "the member marked INTERNAL is allowed to show it");
    }

    /** What each violation is about: the class or member each line of the rule's report names first. */
    private static List<String> violators(ArchRule rule, JavaClasses classes) {
        return rule.evaluate(classes).getFailureReport().getDetails().stream()
                .map(line -> line.replaceAll("^Class <([^>]*)>.*", "$1").split(" ")[0]).toList();
    }

    private static DescribedPredicate<JavaClass> isPublicApi() {
        return DescribedPredicate.describe("are public API", PublicApiTest::publicApi);
    }

    /** Public (and inside public types), and marked (or inside a type marked) anything but INTERNAL. */
    private static boolean publicApi(JavaClass type) {
        return accessible(type) && status(type).filter(status -> status != API.Status.INTERNAL).isPresent();
    }

    private static boolean accessible(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC) && !type.isAnonymousClass() && !type.isLocalClass()
                && type.getEnclosingClass().map(PublicApiTest::accessible).orElse(true);
    }

    /** The {@code @API} status of a type, or of the innermost type around it that has one. */
    private static Optional<API.Status> status(JavaClass type) {
        Optional<API.Status> own = type.tryGetAnnotationOfType(API.class).map(API::status);
        return own.isPresent() ? own : type.getEnclosingClass().flatMap(PublicApiTest::status);
    }

    private static boolean isTollgateInternal(JavaClass type) {
        JavaClass named = type.isArray() ? type.getBaseComponentType() : type;
        return named.getPackageName().startsWith("dev.tollgate") && !publicApi(named);
    }

    private static JavaClass topLevel(JavaClass type) {
        return type.getEnclosingClass().map(PublicApiTest::topLevel).orElse(type);
    }

    private static Stream<JavaClass> supertypes(JavaClass type) {
        return Stream.concat(type.getRawSuperclass().stream(), type.getRawInterfaces().stream());
    }

    /** Public (or protected where a plug-in may subclass), and not marked INTERNAL on the member itself. */
    private static boolean visibleToPlugins(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        boolean visible = modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED)
                && !member.getOwner().getModifiers().contains(JavaModifier.FINAL);
        boolean markedInternal = member.tryGetAnnotationOfType(API.class).map(API::status)
                .filter(status -> status == API.Status.INTERNAL).isPresent();
        return visible && !markedInternal;
    }

    /** The types a member shows: its field type, or its parameters, return type and the exceptions it declares. */
    private static Stream<JavaType> signature(JavaMember member) {
        if (member instanceof JavaField field) {
            return Stream.of(field.getType());
        }
        JavaCodeUnit code = (JavaCodeUnit) member;
        return Stream.<JavaType>concat(Stream.concat(code.getParameterTypes().stream(), Stream.of(code.getReturnType())),
                code.getThrowsClause().getTypes().stream());
    }
}
