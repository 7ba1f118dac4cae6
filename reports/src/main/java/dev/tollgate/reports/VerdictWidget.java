package dev.tollgate.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The verdict on the Allure report's overview: an Allure plugin ({@code tollgate-verdict}, its
 * {@code allure-plugin.yml} and {@code static/index.js} are resources of this module) that adds a
 * widget showing the verdict, the releases, the reasons and the table of {@code release-readiness.md},
 * from {@code widgets/tollgate-verdict.json}, which this class writes into the generated report.
 *
 * <p>The Allure command line is not changed to enable it: {@code allure generate --config FILE}
 * reads the list of plugins from a file of ours, which names the command line's own plugins (from
 * its {@code config/allure.yml}) and this one by its absolute path — the command line looks a
 * plugin up as {@code APP_HOME/plugins/NAME}, and an absolute name resolves to itself. So the same
 * code enables it for the reports module's command line, the distribution's and the Maven plugin's.
 */
final class VerdictWidget {

    static final String NAME = "tollgate-verdict";
    private static final String RESOURCES = "allure-plugin/" + NAME + "/";
    private static final List<String> FILES = List.of("allure-plugin.yml", "static/index.js", "static/styles.css");
    private static final YAMLMapper YAML = new YAMLMapper();
    /**
     * Plugins the command line enables by default that have nothing to do in a report of Tollgate's
     * results, which are Allure 2 results only: readers of other formats (JUnit and xUnit XML, TRX,
     * Xcode results), which only scan the directory; the Packages tab, which groups results by Java
     * package, which no step has (it listed every step again, ungrouped); and screenshot diffs.
     * Each cost the report some milliseconds; the Jira and Xray exports stay, for a user who set them up.
     */
    static final Set<String> NOT_FOR_TOLLGATE = Set.of("junit-xml-plugin", "xunit-xml-plugin", "trx-plugin", "xctest-plugin",
            "packages-plugin", "screen-diff-plugin");

    private VerdictWidget() {
    }

    /**
     * Writes the plugin into {@code dir} and, beside it, the command line's configuration with it enabled.
     *
     * @param home the Allure command line (its {@code config/allure.yml} lists the plugins it enables by default)
     * @return the configuration, for {@code allure generate --config}
     */
    static Path allureConfig(Path home, Path dir) throws IOException {
        Path plugin = dir.resolve(NAME).toAbsolutePath();
        for (String file : FILES) {
            try (InputStream in = VerdictWidget.class.getResourceAsStream(RESOURCES + file)) {
                if (in == null) {
                    throw new IOException(RESOURCES + file + " is not packaged with the reports module");
                }
                Files.createDirectories(plugin.resolve(file).getParent());
                Files.copy(in, plugin.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> plugins = new ArrayList<>(commandLinePlugins(home));
        plugins.add(plugin.toString());
        Path config = dir.resolve("allure.yml");
        YAML.writeValue(config.toFile(), Map.of("plugins", plugins));
        return config;
    }

    /** The command line's own plugins that a report of Tollgate's results uses: its defaults but {@link #NOT_FOR_TOLLGATE}. */
    static List<String> commandLinePlugins(Path home) throws IOException {
        Path allureYml = home.resolve("config").resolve("allure.yml");
        if (!Files.isRegularFile(allureYml)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        YAML.readTree(allureYml.toFile()).path("plugins").forEach(name -> {
            if (!NOT_FOR_TOLLGATE.contains(name.asText())) {
                names.add(name.asText());
            }
        });
        return names;
    }

    /** {@code REPORT/widgets/tollgate-verdict.json}: what the widget shows. */
    static void write(Readiness readiness, Path report) throws IOException {
        Path widgets = report.resolve("widgets");
        Files.createDirectories(widgets);
        ReadinessJson.JSON.writeValue(widgets.resolve(NAME + ".json").toFile(), data(readiness));
    }

    static JsonNode data(Readiness readiness) {
        ObjectNode data = ReadinessJson.JSON.createObjectNode();
        data.put("verdict", readiness.result().verdict().display());
        data.put("headline", readiness.headline());
        data.put("previous", readiness.previous());
        data.put("candidate", readiness.candidate());
        data.put("profile", readiness.profile());
        data.put("gate", readiness.mode().key());
        ArrayNode reasons = data.putArray("reasons");
        readiness.result().reasons().forEach(reason -> reasons.add(AreaRow.oneLine(reason)));
        ArrayNode areas = data.putArray("areas");
        readiness.result().areas().stream().map(AreaRow::of).forEach(row -> areas.addObject()
                .put("area", row.area().area().key())
                .put("label", row.area().area().label())
                .put("required", row.area().required())
                .put("status", row.area().status().name())
                .put("advisory", row.area().advisory())
                .put("result", row.result())
                .put("why", row.why()));
        return data;
    }
}
