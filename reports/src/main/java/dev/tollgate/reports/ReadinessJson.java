package dev.tollgate.reports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tollgate.check.Status;
import dev.tollgate.gate.AreaResult;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.Waiver;
import dev.tollgate.report.RunRecord;

/**
 * {@code release-readiness.json}: what CI reads. Field names are a contract; the verdict is
 * written as people write it ({@code GO}, {@code NO-GO}, {@code INCONCLUSIVE}).
 */
final class ReadinessJson {

    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private ReadinessJson() {
    }

    static ObjectNode of(Readiness readiness) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", readiness.result().verdict().display());
        root.put("summary", readiness.headline());
        strings(root.putArray("reasons"), readiness.result().reasons());
        strings(root.putArray("notes"), readiness.result().notes());
        root.put("versionEvidence", readiness.result().versionEvidence().key());
        dev.tollgate.gate.CodeRollback rollback = readiness.result().codeRollback();
        ObjectNode codeRollback = root.putObject("codeRollback");
        codeRollback.put("probe", rollback.probe().key()).put("classification", rollback.classification().key())
                .put("statement", rollback.statement()).put("evidence", rollback.evidence());
        rollback.disagreement().ifPresent(why -> codeRollback.put("disagreement", why));
        strings(codeRollback.putArray("warnings"), rollback.warnings());
        ObjectNode releases = root.putObject("releases");
        releases.put("previous", readiness.previous()).put("candidate", readiness.candidate());
        root.put("profile", readiness.profile());
        root.put("gate", readiness.mode().key());
        readiness.run().ifPresent(run -> {
            root.put("tollgateVersion", run.tollgateVersion());
            // The exact bits judged: each file a release was started from, with its SHA-256.
            ArrayNode artifacts = releases.putArray("artifacts");
            run.environment().artifacts().forEach(artifact -> artifacts.addObject().put("release", artifact.release())
                    .put("role", artifact.role()).put("file", readiness.shown(Path.of(artifact.file())))
                    .put("sha256", artifact.sha256()).put("bytes", artifact.bytes()));
            // Compose releases are images: each one's id (and registry digests) as the engine reported it.
            ArrayNode images = releases.putArray("images");
            run.environment().images().forEach(image -> {
                ObjectNode node = images.addObject().put("release", image.release()).put("role", image.role())
                        .put("service", image.service()).put("image", image.reference()).put("id", image.id());
                ArrayNode digests = node.putArray("digests");
                image.digests().forEach(digests::add);
            });
            root.putObject("environment").put("java", run.environment().java()).put("database", run.environment().database());
            if (run.target() != null) {
                // A deployment Tollgate did not make: where it was, and whether destructive steps were let through.
                ObjectNode target = root.putObject("target");
                target.put("url", run.target().url()).put("database", run.target().database())
                        .put("destructiveAllowed", run.target().destructiveAllowed());
                ArrayNode destructive = target.putArray("destructiveSuites");
                run.target().destructiveSuites().forEach(destructive::add);
            }
            ObjectNode timings = root.putObject("timings");
            timings.put("startedAt", String.valueOf(run.startedAt()));
            timings.put("finishedAt", String.valueOf(run.finishedAt()));
            if (run.startedAt() != null && run.finishedAt() != null) {
                timings.put("durationMillis", Duration.between(run.startedAt(), run.finishedAt()).toMillis());
            }
        });
        ArrayNode areas = root.putArray("areas");
        readiness.result().areas().forEach(area -> area(areas.addObject(), area));
        // Each upgrade path's own verdict; a run of one path has one, the same as the run's.
        ArrayNode paths = root.putArray("paths");
        List<GateResult.PathResult> judged = readiness.result().paths();
        if (judged.isEmpty()) {
            readiness.run().map(run -> run.paths().get(0)).ifPresent(path ->
                    path(paths.addObject(), new GateResult.PathResult(path, readiness.result())));
        } else {
            judged.forEach(path -> path(paths.addObject(), path));
        }
        readiness.run().map(RunRecord::shard).ifPresent(shard -> {
            // A shard's verdict is of its part only; tollgate merge judges the whole.
            ObjectNode node = root.putObject("shard");
            node.put("index", shard.index()).put("count", shard.count()).put("balancedBy", shard.balancedBy());
            ArrayNode units = node.putArray("units");
            readiness.run().orElseThrow().units().forEach(unit -> unit(units.addObject(), unit));
        });
        ArrayNode suites = root.putArray("suites");
        readiness.run().map(RunRecord::suites).orElse(List.of())
                .forEach(suite -> suite(suites.addObject(), suite, readiness));
        ArrayNode used = root.putArray("waiversUsed");
        readiness.result().waiversUsed().forEach(waiver -> waiver(used.addObject(), waiver));
        ArrayNode expired = root.putArray("expiredWaivers");
        readiness.result().expiredWaivers().forEach(waiver -> waiver(expired.addObject(), waiver));
        ArrayNode probes = root.putArray("upgradeProbes");
        UpgradeProbes.of(readiness).forEach(probe -> probe.writeTo(probes.addObject(), readiness));
        WrongAuthzCases.of(readiness).writeTo(root);
        MigrationsUnderData.of(readiness).writeTo(root);
        ObjectNode evidence = root.putObject("evidence");
        evidence.put("runRecord", readiness.shown(readiness.runRecord()));
        evidence.put("failsafeReports", readiness.shown(readiness.failsafeReports()));
        evidence.put("allureResults", readiness.shown(readiness.allureResults()));
        evidence.put("logs", readiness.shown(readiness.evidenceDir()));
        readiness.allureReport().ifPresent(index -> evidence.put("allureReport", readiness.shown(index)));
        return root;
    }

    private static void path(ObjectNode node, GateResult.PathResult path) {
        ArrayNode releases = node.putArray("releases");
        path.path().releases().forEach(releases::add);
        node.put("previous", path.path().previous());
        node.put("path", path.path().describe());
        node.put("verdict", path.result().verdict().display());
        strings(node.putArray("reasons"), path.result().reasons());
        ArrayNode areas = node.putArray("areas");
        path.result().areas().forEach(area -> area(areas.addObject(), area));
    }

    private static void unit(ObjectNode node, RunRecord.Unit unit) {
        node.put("path", unit.path().describe()).put("suite", unit.suite());
    }

    private static void area(ObjectNode node, AreaResult area) {
        node.put("area", area.area().key());
        node.put("label", area.area().label());
        node.put("status", area.status().name());
        node.put("required", area.required());
        node.put("advisory", area.advisory());
        node.put("passed", area.passed());
        node.put("failed", area.failed());
        node.put("skipped", area.skipped());
        strings(node.putArray("reasons"), area.reasons());
    }

    private static void suite(ObjectNode node, RunRecord.SuiteRecord suite, Readiness readiness) {
        node.put("name", suite.name());
        node.put("path", suite.path().describe());
        node.put("file", readiness.shown(Path.of(suite.file())));
        strings(node.putArray("tags"), suite.tags());
        node.put("steps", suite.steps().size());
        for (Status status : Status.values()) {
            node.put(status.name().toLowerCase(Locale.ROOT),
                    suite.steps().stream().filter(step -> step.status() == status).count());
        }
        node.put("durationMillis", suite.steps().stream().mapToLong(RunRecord.StepRecord::durationMillis).sum());
        ArrayNode steps = node.putArray("stepTimings");
        suite.steps().forEach(step -> steps.addObject().put("step", step.name()).put("kind", step.kind().key())
                .put("status", step.status().name()).put("durationMillis", step.durationMillis()));
        // The history the suite left: which migrations the candidate applied, and when.
        ArrayNode migrations = node.putArray("migrations");
        suite.migrations().forEach(migration -> {
            ObjectNode entry = migrations.addObject();
            entry.put("version", migration.version());
            entry.put("description", migration.description());
            entry.put("installedOn", migration.installedOn());
            entry.put("success", migration.success());
        });
        suite.migrations().stream().filter(RunRecord.MigrationRecord::success).map(RunRecord.MigrationRecord::version)
                .filter(Objects::nonNull).reduce((first, second) -> second)
                .ifPresent(newest -> node.put("schemaVersion", newest));
    }

    private static void waiver(ObjectNode node, Waiver waiver) {
        node.put("matches", waiver.scope());
        node.put("owner", waiver.owner());
        node.put("reason", waiver.reason());
        node.put("expires", waiver.expires().toString());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
