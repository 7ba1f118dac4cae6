package dev.tollgate.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A Docker engine of the test's own, as a remote one looks to Tollgate: {@code dockerd} listening
 * only on {@code tcp://127.0.0.1:PORT} (no socket file another process could share), with its own
 * {@code --data-root}, {@code --exec-root} (and so its own containerd) and {@code --pidfile} in a
 * temporary directory. It leaves the machine's engine alone: no default bridge ({@code --bridge=none}),
 * no iptables rules or masquerading (published ports go through docker-proxy), compose networks from
 * an address pool the main engine does not use, containers under a cgroup parent of its own. One
 * iptables rule is added for it and removed again: the main engine sets the FORWARD chain's policy
 * to DROP, and bridged traffic passes that chain ({@code bridge-nf-call-iptables}), so containers of
 * the second engine could not reach one another on their compose network without an ACCEPT for its
 * address pool. {@link #close()} stops it, removes the rule and deletes its directory, whatever happened.
 */
final class SecondDockerd implements AutoCloseable {

    private static final String POOL = "10.231.0.0/16";
    private static final List<String> FORWARD_RULE = List.of("FORWARD", "-s", POOL, "-d", POOL, "-m", "comment",
            "--comment", "tollgate-second-dockerd", "-j", "ACCEPT");

    private final Path directory;
    private final Process process;
    private final String host;
    private final boolean ruleAdded;

    private SecondDockerd(Path directory, Process process, String host, boolean ruleAdded) {
        this.directory = directory;
        this.process = process;
        this.host = host;
        this.ruleAdded = ruleAdded;
    }

    /** Starts one, or skips the test saying why it cannot (not root, no dockerd, it does not answer). */
    static SecondDockerd start() throws IOException, InterruptedException {
        Optional<Path> dockerd = Stream.of("/usr/sbin/dockerd", "/usr/bin/dockerd", "/usr/local/bin/dockerd").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(dockerd.isPresent(), "no dockerd on this machine to start a second Docker engine with;"
                + " profiles/images/setup-docker.sh installs one");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "a second dockerd needs root (it mounts"
                + " file systems and makes network bridges); this test runs as " + System.getProperty("user.name"));
        Assumptions.assumeTrue(run(Duration.ofSeconds(30), "docker", "info").exitCode == 0,
                "no Docker engine answers here to take the images from");
        // Short: containerd's socket under --exec-root must fit a Unix socket path (108 bytes).
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "tg-dockerd-");
        int port = freePort();
        String host = "tcp://127.0.0.1:" + port;
        List<String> command = List.of(dockerd.get().toString(), "-H", host,
                "--data-root", directory.resolve("data").toString(),
                "--exec-root", directory.resolve("exec").toString(),
                "--pidfile", directory.resolve("dockerd.pid").toString(),
                "--bridge=none", "--iptables=false", "--ip-masq=false", "--ip-forward=false",
                "--default-address-pool", "base=" + POOL + ",size=24",
                "--cgroup-parent", "tollgate-second-dockerd");
        boolean ruleAdded = iptables("-I");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("dockerd.log").toFile()).start();
        } catch (IOException e) {
            if (ruleAdded) {
                iptables("-D");
            }
            throw e;
        }
        SecondDockerd engine = new SecondDockerd(directory, process, host, ruleAdded);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (engine.docker(Duration.ofSeconds(10), "info").exitCode == 0) {
                return engine;
            }
            Thread.sleep(300);
        }
        String log = engine.log();
        engine.close();
        Assumptions.abort("a second dockerd on " + host + " did not answer within 60 s; its log ends with:\n" + log);
        return null;
    }

    /** {@code tcp://127.0.0.1:PORT}: what DOCKER_HOST is set to. */
    String host() {
        return host;
    }

    /** Copies images from the machine's engine into this one: {@code docker save … | docker -H tcp://… load}. */
    void loadFromMainEngine(List<String> images) throws IOException, InterruptedException {
        String save = "docker save " + String.join(" ", images) + " | docker -H " + host + " load";
        Result result = run(Duration.ofMinutes(10), "sh", "-c", save);
        if (result.exitCode != 0) {
            throw new AssertionError(save + " failed: " + result.output);
        }
    }

    /** A docker command against this engine. */
    Result docker(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host));
        command.addAll(List.of(args));
        return run(timeout, command.toArray(String[]::new));
    }

    String log() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("dockerd.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the engine (SIGTERM: it stops its containers and its containerd), then deletes its directory. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (ruleAdded) {
                iptables("-D");
            }
            // Whatever it left mounted under its directory (it unmounts on a clean stop), deepest first.
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(line -> line.split(" ")[1])
                    .filter(point -> point.startsWith(directory.toString())).sorted(Comparator.reverseOrder()).toList();
            for (String mount : mounts) {
                run(Duration.ofSeconds(30), "umount", "-l", mount);
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the second dockerd's directory " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a command printed and how it ended. */
    record Result(int exitCode, String output) {
    }

    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("tollgate-docker", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Inserts ({@code -I}) or deletes ({@code -D}) the ACCEPT rule for the pool; false where there is no iptables. */
    private static boolean iptables(String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("iptables", action));
        command.addAll(FORWARD_RULE);
        try {
            return run(Duration.ofSeconds(30), command.toArray(String[]::new)).exitCode == 0;
        } catch (IOException e) {
            return false; // no iptables here: no DROP policy to get past either
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
