package dev.tollgate.check.authz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.check.Status;
import dev.tollgate.check.authz.Fixtures.State;
import dev.tollgate.check.authz.Matrix.Case;
import dev.tollgate.model.AuthzCase.Decision;
import dev.tollgate.check.authz.Matrix.Request;
import dev.tollgate.check.http.DotPath;
import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.model.AuthzSpec;

/**
 * Runs one probe: the request as the subject, then the proofs that go with its decision. A request
 * that changes something gets resources of its own, so probes never depend on each other and run
 * in parallel. For a denied change, the resource must read back as it was, and the denial must be
 * in the audit log when the profile declares one.
 */
final class ProbeRunner {

    private final Matrix matrix;
    private final Sender sender;
    private final Fixtures fixtures;
    private final AuthzSpec spec;
    private final Optional<AuditTrail> audit;
    private final Map<String, String> shared;
    private final Secrets secrets;

    /** @param shared ids of the resources safe requests share, created once before the probes */
    ProbeRunner(Matrix matrix, Sender sender, Fixtures fixtures, AuthzSpec spec, Optional<AuditTrail> audit,
            Map<String, String> shared, Secrets secrets) {
        this.matrix = matrix;
        this.sender = sender;
        this.fixtures = fixtures;
        this.spec = spec;
        this.audit = audit;
        this.shared = Map.copyOf(shared);
        this.secrets = secrets;
    }

    Outcome run(Probe probe) {
        Case source = probe.source();
        Request request = source.request();
        List<String> resources = request.references().stream().filter(matrix.resources()::containsKey).toList();
        List<Evidence> evidence = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        int answered = 0;
        boolean reread = false;
        boolean audited = false;
        boolean explained = false;
        try {
            Map<String, String> ids = new HashMap<>(shared);
            if (!request.safe()) {
                resources.forEach(name -> ids.put(name, fixtures.create(name)));
            }
            boolean prove = probe.expected() == Decision.DENY && !request.safe();
            Map<String, State> before = new LinkedHashMap<>();
            if (prove) {
                resources.forEach(name -> before.put(name, fixtures.read(name, ids)));
            }
            String requestId = Sender.requestId();
            HttpExchange exchange = sender.send(probe.subject(), request.method(), request.path(), source.body(), ids, requestId);
            answered = exchange.status();
            evidence.add(exchange.evidence());
            decision(probe, exchange).ifPresent(findings::add);
            for (Map.Entry<String, State> was : before.entrySet()) {
                State now = fixtures.read(was.getKey(), ids);
                if (!now.sameAs(was.getValue())) {
                    evidence.add(rename("read back before", was.getValue().evidence()));
                    evidence.add(rename("read back after", now.evidence()));
                    findings.add("the request was to be denied, yet " + was.getKey() + " " + ids.get(was.getKey())
                            + " changed: GET " + fixtures.readPath(was.getKey(), ids) + " answered "
                            + secrets.mask(now.status() != was.getValue().status()
                                    ? was.getValue().status() + " before, " + now.status() + " after"
                                    : was.getValue().describe() + " before, " + now.describe() + " after"));
                } else {
                    reread = true;
                }
            }
            if (prove && audit.isPresent() && spec.deny().contains(answered)) {
                if (audit.get().recorded(requestId)) {
                    audited = true;
                } else {
                    findings.add("denied " + answered + ", but the audit log has no entry for request id " + requestId
                            + " (" + audit.get().describe() + ")");
                }
            }
            if (source.explain() != null && spec.explain() != null && !anonymous(probe)) {
                Optional<String> disagreement = explain(probe, evidence);
                disagreement.ifPresent(findings::add);
                explained = disagreement.isEmpty();
            }
        } catch (RuntimeException e) {  // HttpExchange.NoAnswer, or a fixture that could not be read
            return new Outcome(probe, Status.BROKEN, answered, List.of(secrets.mask("could not be carried out: " + e.getMessage())),
                    evidence, false, false, false);
        }
        return new Outcome(probe, findings.isEmpty() ? Status.PASSED : Status.FAILED, answered,
                findings.stream().map(secrets::mask).toList(), findings.isEmpty() ? List.of() : evidence,
                reread, audited, explained);
    }

    private static Evidence rename(String prefix, Evidence piece) {
        return new Evidence(prefix + ": " + piece.name(), piece.mediaType(), piece.content());
    }

    private boolean anonymous(Probe probe) {
        return sender.anonymous(probe.subject());
    }

    /** The finding, if the answer is not the decision expected. */
    private Optional<String> decision(Probe probe, HttpExchange exchange) {
        int status = exchange.status();
        if (probe.expected() == Decision.ALLOW) {
            List<Integer> success = probe.source().status();
            boolean ok = success == null ? exchange.is2xx() : success.contains(status);
            return ok ? Optional.empty() : Optional.of("expected allow (" + (success == null ? "2xx" : join(success))
                    + "), got " + secrets.mask(exchange.summary()));
        }
        if (spec.deny().contains(status)) {
            return Optional.empty();
        }
        String why = status / 100 == 2 ? " (access widened: the request succeeded)"
                : status / 100 == 5 ? " (a server error is not a denial)" : "";
        return Optional.of("expected deny (" + join(spec.deny()) + "), got " + secrets.mask(exchange.summary()) + why);
    }

    private Optional<String> explain(Probe probe, List<Evidence> evidence) {
        AuthzSpec.ExplainSpec explainSpec = spec.explain();
        Matrix.Explain question = probe.source().explain();
        Map<String, String> values = Map.of("action", encode(question.action()), "resource", encode(question.resource()));
        HttpExchange exchange = sender.send(probe.subject(), "GET", explainSpec.path(), null, values, Sender.requestId());
        if (!exchange.is2xx()) {
            evidence.add(exchange.evidence());
            return Optional.of("explain " + question.action() + " " + question.resource() + " answered "
                    + secrets.mask(exchange.summary()));
        }
        String decision = DotPath.text(exchange.body(), explainSpec.decision()).orElse("(absent)");
        String reason = DotPath.text(exchange.body(), explainSpec.reason()).orElse("(absent)");
        boolean allows = decision.equals(explainSpec.allow());
        if (allows != (probe.expected() == Decision.ALLOW)) {
            evidence.add(exchange.evidence());
            return Optional.of("explain says " + decision + " (" + reason + ") for " + question.action() + " "
                    + question.resource() + "; expected " + probe.expected().name().toLowerCase(Locale.ROOT));
        }
        if (question.reason() != null) {
            Pattern pattern = Pattern.compile(question.reason().replace("${subject}", Pattern.quote(probe.subject())));
            if (!pattern.matcher(reason).find()) {
                evidence.add(exchange.evidence());
                return Optional.of("explain gives reason '" + reason + "' for " + question.action() + " "
                        + question.resource() + "; expected one matching /" + pattern + "/");
            }
        }
        return Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String join(List<Integer> statuses) {
        return statuses.stream().map(String::valueOf).collect(Collectors.joining(" or "));
    }
}
