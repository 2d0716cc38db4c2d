package dev.gofetch.cli;

import dev.gofetch.bundle.Bundle;
import dev.gofetch.bundle.BundleProxy;
import dev.gofetch.lab.LabServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/// `gofetch serve FILE|DIR [-addr host:port]`: serves a bundle (straight from the archive, after
/// verifying it), an unpacked bundle, a module cache (its `cache/download`) or any GOPROXY tree over
/// HTTP, Range requests included, until Ctrl-C. Prints the GOPROXY value to use.
final class ServeCommand {
    static final String DEFAULT_ADDR = "localhost:8080";
    private static final String USAGE = "usage: gofetch serve [-addr host:port] file|dir";

    int run(List<String> args, Context ctx) throws UsageException, CommandException {
        Flags flags = new Flags("serve").string("addr", "host:port (default " + DEFAULT_ADDR + ")").parse(args);
        if (flags.args().isEmpty()) {
            throw new UsageException("serve needs a bundle file or a directory", USAGE);
        }
        String what = flags.args().get(0);
        flags.parse(flags.args().subList(1, flags.args().size())); // flags may also follow the operand
        if (!flags.args().isEmpty()) {
            throw new UsageException("serve takes one bundle file or directory", USAGE);
        }
        String addr = flags.get("addr", DEFAULT_ADDR);
        int colon = addr.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
            if (colon < 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value \"" + addr + "\" for flag -addr: want host:port", USAGE);
        }
        String host = addr.substring(0, colon).replaceAll("^\\[|\\]$", "");
        InetAddress bind;
        try {
            bind = host.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CommandException("listen tcp " + addr + ": no such host " + host, e);
        }

        Path path = ctx.dir().resolve(what);
        Closeable resource = null;
        LabServer.Source source;
        String description;
        try {
            if (Files.isRegularFile(path)) {
                Bundle bundle = BundleCommand.open(what, ctx, "not serving it");
                if (bundle == null) {
                    return 1;
                }
                BundleProxy proxy = new BundleProxy(bundle);
                resource = proxy;
                source = proxy;
                description = "bundle " + what + " (" + bundle.summary().modules() + " module versions)";
            } else if (Files.isDirectory(path)) {
                Path root = path;
                description = "GOPROXY tree " + what;
                if (Files.isRegularFile(path.resolve("manifest.json")) && Files.isDirectory(path.resolve("proxy"))) {
                    root = path.resolve("proxy");
                    description = "unpacked bundle " + what;
                } else if (Files.isDirectory(path.resolve("cache").resolve("download"))) {
                    root = path.resolve("cache").resolve("download");
                    description = "module cache " + what;
                }
                source = LabServer.directory(root);
            } else {
                throw new CommandException("open " + what + ": no such file or directory");
            }
        } catch (IOException e) {
            throw new CommandException("reading " + what + ": " + e.getMessage(), e);
        }

        LabServer server;
        try {
            server = LabServer.builder(source).bindAddress(bind).port(port).logCapacity(0).start();
        } catch (IOException e) {
            closeQuietly(resource);
            throw new CommandException("listen tcp " + addr + ": " + e.getMessage(), e);
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "gofetch-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            String url = "http://" + shownHost(bind, host) + ":" + server.port();
            ctx.err().println("gofetch: serving " + description + " at " + url + " (Ctrl-C stops)");
            ctx.out().println("GOPROXY=" + url);
            ctx.out().flush();
            stop.await();
        } catch (InterruptedException e) {
            interrupted = true; // restored once the server has shut down cleanly
        } finally {
            server.close();
            closeQuietly(resource);
            ctx.err().println("gofetch: stopped serving " + what);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /// The host name clients should use: the one given, or this machine's name for a wildcard address.
    private static String shownHost(InetAddress bind, String given) {
        if (!bind.isAnyLocalAddress()) {
            return given.contains(":") ? "[" + given + "]" : given;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
