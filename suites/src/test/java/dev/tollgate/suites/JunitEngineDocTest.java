package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestEngine;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import dev.tollgate.api.Constants;
import dev.tollgate.engine.TollgateTestEngine;

/**
 * {@code docs/junit-engine.md} names the engine as it is: the coordinates of the module that holds
 * it (read from its pom), the versions of the JUnit and Allure artifacts the build uses, settings
 * that exist, and the engine id the engine registers. A rename anywhere fails here, not in a user's build.
 */
class JunitEngineDocTest {

    private static final Path ROOT = Path.of("..");
    private static final Path DOC = ROOT.resolve("docs/junit-engine.md");

    @Test
    void theDocumentedDependenciesAreTheEngineModulesAndTheBuildsVersions() throws Exception {
        Map<String, Element> dependencies = documentedDependencies();
        Document engineModule = xml(Files.readString(ROOT.resolve("harness-core/pom.xml")));
        Element harness = dependencies.get(child(engineModule.getDocumentElement(), "artifactId"));
        assertTrue(harness != null, "the doc's pom has no dependency on the engine module's artifactId "
                + child(engineModule.getDocumentElement(), "artifactId") + ": " + dependencies.keySet());
        Element parent = (Element) engineModule.getElementsByTagName("parent").item(0);
        assertEquals(child(parent, "groupId"), child(harness, "groupId"));
        assertEquals(child(parent, "version"), child(harness, "version"));
        assertTrue(readDoc().contains("`" + child(parent, "groupId") + ":" + child(harness, "artifactId") + ":"
                + child(parent, "version") + "`"), "the coordinates in the table");

        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        String junit = property(rootPom, "junit.version");
        // The JUnit BOM 5.x.y manages the Platform's 1.x.y.
        assertEquals("1." + junit.substring(junit.indexOf('.') + 1), child(dependencies.get("junit-platform-suite"), "version"));
        assertEquals(property(rootPom, "allure.version"), child(dependencies.get("allure-junit-platform"), "version"));
    }

    @Test
    void theDocumentedSettingsExist() throws Exception {
        Set<String> settings = new java.util.HashSet<>();
        for (Field field : Constants.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                settings.add((String) field.get(null));
            }
        }
        Document pom = xml(xmlBlock());
        NodeList properties = pom.getElementsByTagName("systemPropertyVariables");
        assertEquals(1, properties.getLength());
        List<String> documented = new ArrayList<>();
        for (Node node = properties.item(0).getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                documented.add(element.getTagName());
            }
        }
        assertFalse(documented.isEmpty());
        assertEquals(List.of(), documented.stream().filter(name -> !settings.contains(name)).toList(),
                "settings the engine does not read");
    }

    @Test
    void theDocumentedEngineIdIsTheOneTheEngineRegisters() throws IOException {
        Matcher includes = Pattern.compile("@IncludeEngines\\(\"([^\"]+)\"\\)").matcher(readDoc());
        List<String> ids = new ArrayList<>();
        while (includes.find()) {
            ids.add(includes.group(1));
        }
        assertFalse(ids.isEmpty(), "no @IncludeEngines in the doc");
        List<String> registered = ServiceLoader.load(TestEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(TollgateTestEngine.class::isInstance).map(TestEngine::getId).toList();
        assertEquals(List.of(TollgateTestEngine.ENGINE_ID), registered, "the engine as META-INF/services registers it");
        ids.forEach(id -> assertEquals(TollgateTestEngine.ENGINE_ID, id));
        assertTrue(readDoc().contains("| engine id | `" + TollgateTestEngine.ENGINE_ID + "`"));
        assertTrue(Files.readString(ROOT.resolve("docs/README.md")).contains("(junit-engine.md)"), "linked from docs/README.md");
    }

    private static Map<String, Element> documentedDependencies() throws Exception {
        NodeList nodes = xml(xmlBlock()).getElementsByTagName("dependency");
        Map<String, Element> byArtifact = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element dependency = (Element) nodes.item(i);
            byArtifact.put(child(dependency, "artifactId"), dependency);
        }
        return byArtifact;
    }

    private static String xmlBlock() throws IOException {
        Matcher block = Pattern.compile("(?ms)^```xml\\n(.*?)^```").matcher(readDoc());
        assertTrue(block.find(), "no ```xml block in " + DOC);
        return "<pom>" + block.group(1) + "</pom>";
    }

    private static String readDoc() throws IOException {
        return Files.readString(DOC);
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    private static String child(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().strip();
            }
        }
        return null;
    }

    private static String property(String pom, String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(matcher.find(), name + " in the root pom");
        return matcher.group(1).strip();
    }
}
