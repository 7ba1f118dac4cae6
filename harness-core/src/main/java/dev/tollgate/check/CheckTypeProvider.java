package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;

import org.apiguardian.api.API;

/**
 * Several check types from one place, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.tollgate.check.CheckTypeProvider}): how Tollgate registers its own,
 * and how a plug-in registers types that need constructor arguments. A single check type with a
 * no-argument constructor may instead be registered as a {@link CheckType} itself.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface CheckTypeProvider {

    /** The check types, each with a name no other type has. */
    List<CheckType> checkTypes();
}
