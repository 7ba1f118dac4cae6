package dev.tollgate.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import dev.tollgate.load.SuiteLoadResult;
import dev.tollgate.load.SuiteLoader;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.Variables;

/**
 * Turns selectors into suite descriptors. A directory selects every suite file below it; a file,
 * a classpath resource or a unique id selects one suite (a step's unique id runs the scenario up to
 * that step). A suite that does not load becomes discovery issues at its file, never a crash.
 */
final class SuiteSelectorResolver implements SelectorResolver {

    private final SuiteLoader loader;
    private final Variables names;
    private final DiscoveryIssueReporter issues;

    /** @param names variables known before the run, to show {@code install ${candidate}} as {@code install 1.1.0} */
    SuiteSelectorResolver(SuiteLoader loader, Variables names, DiscoveryIssueReporter issues) {
        this.loader = loader;
        this.names = names;
        this.issues = issues;
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        try (Stream<Path> files = Files.walk(selector.getPath())) {
            Set<DiscoverySelector> suites = files.filter(Files::isRegularFile).filter(SuiteLoader::isSuiteFile)
                    .sorted().map(file -> (DiscoverySelector) selectFile(file.toFile()))
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
            return suites.isEmpty() ? Resolution.unresolved() : Resolution.selectors(suites);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list suites in " + selector.getPath(), e);
        }
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path file = selector.getPath();
        return SuiteLoader.isSuiteFile(file) ? resolveSuite(file.toAbsolutePath().normalize(), null, context)
                : Resolution.unresolved();
    }

    @Override
    public Resolution resolve(ClasspathResourceSelector selector, Context context) {
        if (!SuiteLoader.isSuiteFile(Path.of(selector.getClasspathResourceName()))) {
            return Resolution.unresolved();
        }
        URL resource = Thread.currentThread().getContextClassLoader().getResource(selector.getClasspathResourceName());
        if (resource == null || !"file".equals(resource.getProtocol())) {
            return Resolution.unresolved();
        }
        try {
            return resolveSuite(Path.of(resource.toURI()), null, context);
        } catch (URISyntaxException e) {
            return Resolution.unresolved();
        }
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2 || !SuiteDescriptor.SEGMENT.equals(segments.get(1).getType())) {
            return Resolution.unresolved();
        }
        Path file = Path.of(java.net.URI.create(segments.get(1).getValue()));
        String step = segments.size() > 2 ? segments.get(2).getValue() : null;
        return resolveSuite(file, step, context);
    }

    private Resolution resolveSuite(Path file, String upToStep, Context context) {
        SuiteLoadResult result = loader.load(file);
        if (!result.issues().isEmpty()) {
            result.issues().forEach(this::report);
            return Resolution.unresolved();
        }
        Optional<SuiteDescriptor> suite = context.addToParent(parent -> Optional.of(
                SuiteDescriptor.of(parent, file, result.suite().orElseThrow(), upToStep, names)));
        return suite.map(descriptor -> Resolution.match(Match.exact(descriptor))).orElse(Resolution.unresolved());
    }

    private void report(LoadIssue issue) {
        issues.reportIssue(DiscoveryIssue.builder(DiscoveryIssue.Severity.ERROR, issue.toString())
                .source(FileSource.from(issue.position().file().toFile(),
                        FilePosition.from(issue.position().line(), issue.position().column()))));
    }
}
