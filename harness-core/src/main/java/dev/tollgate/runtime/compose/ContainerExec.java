package dev.tollgate.runtime.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * Commands run in a running container, and files handed to it, through the Docker API: it works the
 * same for an engine on another host, which sees none of this machine's files.
 */
final class ContainerExec {

    /** The result of a command run in a container. */
    record Result(long exitCode, String stdout, String stderr) {
    }

    private static final int PIPE_BUFFER = 1 << 20;

    private final DockerClient client;

    ContainerExec(DockerEngine docker) {
        this.client = docker.client();
    }

    /**
     * Runs {@code command} in a running container as {@code user} and waits for it; its standard
     * output goes to {@code stdout} (or is collected when that is null).
     */
    Result exec(String container, String user, List<String> command, OutputStream stdout, Duration timeout) {
        String execId = client.execCreateCmd(container).withUser(user).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        OutputStream out = stdout == null ? collected : stdout;
        try (ResultCallback.Adapter<Frame> callback = client.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    if (frame.getStreamType() == StreamType.STDERR) {
                        errors.write(frame.getPayload());
                    } else {
                        out.write(frame.getPayload());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        })) {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, String.join(" ", command) + " in container "
                        + container + " did not finish within " + timeout.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, String.join(" ", command) + " was interrupted", e);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Reading the output of " + String.join(" ", command) + ": " + e, e);
        }
        Long exit = client.inspectExecCmd(execId).exec().getExitCodeLong();
        return new Result(exit == null ? -1 : exit, collected.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
    }

    /**
     * Copies the file or directory {@code source} of this machine into the existing directory
     * {@code directory} of the container, under its own name, as a tar stream through the API. The
     * tar is written into a pipe as the engine reads it: docker-java's {@code withHostResource} would
     * first gzip a copy into java.io.tmpdir, slow for a large dump and left there on Ctrl-C.
     */
    void copyInto(String container, Path source, String directory) {
        AtomicReference<RuntimeException> writing = new AtomicReference<>();
        try (PipedInputStream tar = new PipedInputStream(PIPE_BUFFER)) {
            PipedOutputStream into = new PipedOutputStream(tar);
            Thread writer = new Thread(() -> {
                try {
                    ProfileFiles.tar(source, source.getFileName().toString(), into);
                } catch (RuntimeException e) {
                    writing.set(e);
                }
            }, "tollgate-tar-" + source.getFileName());
            writer.setDaemon(true);
            writer.start();
            try {
                client.copyArchiveToContainerCmd(container).withTarInputStream(tar).withRemotePath(directory).exec();
            } finally {
                tar.close();  // a writer still writing (the copy failed) stops at once
                writer.join();
            }
            if (writing.get() != null) {
                throw writing.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TollgateException(ErrorCode.RUNTIME_BASELINE_FAILED, "The copy of " + source + " into container "
                    + container + " was interrupted", e);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot copy " + source + " into " + directory + " of container "
                    + container + ": " + e, e);
        } catch (RuntimeException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BASELINE_FAILED, "Cannot copy " + source + " into " + directory
                    + " of container " + container + ": " + e.getMessage() + ". Check that the file is readable and that the"
                    + " Docker engine's disk has room for it (docker system df).", e);
        }
    }
}
