package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;

import org.apiguardian.api.API;

/**
 * What else the profile says is secret, beyond what Tollgate masks by default (credential headers,
 * credential JSON and form fields, every credential value it handles):
 *
 * <pre>
 * secrets:
 *   headers: [X-Tenant-Key]         # header names whose values are masked
 *   fields: [pin, otp]              # JSON and form fields whose values are masked
 *   env: [VERA_PASSWORD]            # ${env.VERA_PASSWORD}'s value is masked wherever it appears
 * </pre>
 *
 * @param headers more header names to mask (any case)
 * @param fields  more JSON/form field names to mask (any case)
 * @param env     environment variables whose values are secret
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record SecretsSpec(List<String> headers, List<String> fields, List<String> env) {

    public SecretsSpec {
        headers = headers == null ? List.of() : List.copyOf(headers);
        fields = fields == null ? List.of() : List.copyOf(fields);
        env = env == null ? List.of() : List.copyOf(env);
    }

    public static SecretsSpec defaults() {
        return new SecretsSpec(null, null, null);
    }
}
