package dev.gofetch.cli;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/// `gofetch lab [-addr 127.0.0.1:PORT] [-latency MS] [-rate KIB] [-faults SPEC] DIR | -generate N [-out DIR]`:
/// a loopback GOPROXY mirror over a directory tree or a generated universe of sample modules, with
/// faults injected on demand, for drills, demos without internet, and benchmarks.
final class LabCommand {
    /// Returned by {@link #run} only when stopped; while serving it blocks until the process ends.
    int run(List<String> args, Context ctx, CountDownLatch stop) throws UsageException, CommandException {
        Flags flags = new Flags("lab").string("addr", "host:port to listen on (loopback only)")
                .string("latency", "MS added to every answer").string("rate", "KIB/s per connection")
                .string("faults", "SPEC (see the Faults class)").string("generate", "N sample module paths")
                .string("out", "DIR for the generated universe").string("seed", "N").parse(args);
        boolean generate = flags.has("generate");
        if (generate == (flags.args().size() == 1)) {
            throw new UsageException("give a directory to serve, or -generate N", flags.usage() + " [DIR]");
        }
        List<String> spec = new ArrayList<>();
        if (flags.has("latency")) {
            spec.add("latency=" + flags.get("latency", "0") + "ms");
        }
        if (flags.has("rate")) {
            spec.add("rate=" + flags.get("rate", "0") + "k");
        }
        if (flags.has("faults")) {
            spec.add(flags.get("faults", ""));
        }
        Faults faults;
        try {
            faults = spec.isEmpty() ? Faults.NONE : Faults.parse(String.join(",", spec));
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad fault spec: " + e.getMessage(), flags.usage());
        }
        int port = port(flags.get("addr", "127.0.0.1:0"), flags);
        try {
            Path root;
            if (generate) {
                int n = Integer.parseInt(flags.get("generate", "24"));
                Path out = flags.has("out") ? ctx.dir().resolve(flags.get("out", ""))
                        : Files.createTempDirectory("gofetch-lab");
                Universe u = UniverseGenerator.generate(UniverseSpec.builder()
                        .seed(Long.parseLong(flags.get("seed", "1"))).modulePaths(n).build(), out);
                root = u.proxy().root();
                ctx.err().println("gofetch: generated " + u.versionCount() + " module versions in " + out);
                for (Path m : u.mainModules()) {
                    ctx.err().println("gofetch: sample main module: " + m);
                }
            } else {
                root = ctx.dir().resolve(flags.args().get(0));
                if (!Files.isDirectory(root)) {
                    throw new CommandException(root + ": not a directory");
                }
            }
            try (LabServer lab = LabServer.builder(root).port(port).faults(faults).start()) {
                ctx.out().println("GOPROXY=" + lab.baseUri().toString().replaceAll("/$", ""));
                ctx.out().flush();
                ctx.err().println("gofetch: lab mirror serving " + root + (spec.isEmpty() ? "" : " with " + faults)
                        + "; Ctrl-C stops it");
                stop.await();
            }
            return 0;
        } catch (NumberFormatException e) {
            throw new UsageException("not a number: " + e.getMessage(), flags.usage());
        } catch (IOException e) {
            throw new CommandException("lab: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int port(String addr, Flags flags) throws UsageException {
        int colon = addr.lastIndexOf(':');
        String host = colon < 0 ? addr : addr.substring(0, colon);
        if (!host.isEmpty() && !host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new UsageException("the lab mirror listens on loopback only (127.0.0.1), not " + host, flags.usage());
        }
        try {
            return colon < 0 ? 0 : Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("bad port in -addr " + addr, flags.usage());
        }
    }
}
