package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.model.Variables;

class VariablesTest {

    @Test
    void replacesEveryPlaceholder() {
        Variables variables = Variables.of(Map.of("release", "1.1.0", "service.port", "8081"));
        assertEquals("release 1.1.0 on 8081", variables.resolve("release ${release} on ${service.port}"));
    }

    @Test
    void explicitValuesWinAndAreNotShared() {
        Variables base = Variables.of(Map.of("release", "1.0.0"));
        Variables next = base.with("release", "1.1.0");
        assertEquals("1.0.0", base.resolve("${release}"));
        assertEquals("1.1.0", next.resolve("${release}"));
    }

    @Test
    void valuesAreNotReinterpreted() {
        assertEquals("a$b\\c", Variables.of(Map.of("x", "a$b\\c")).resolve("${x}"));
    }

    @Test
    void undefinedVariableIsNamed() {
        Variables.UndefinedVariableException e = assertThrows(Variables.UndefinedVariableException.class,
                () -> Variables.of(Map.of()).resolve("-jar ${app.jar}"));
        assertEquals("app.jar", e.variable());
    }

    @Test
    void listsReferencedNamesInOrder() {
        assertEquals(List.of("a", "b.c", "a"), Variables.referencedBy("${a}/${b.c}/${a}"));
    }
}
