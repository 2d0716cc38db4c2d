package dev.gofetch.cli;

import dev.gofetch.bundle.Bundle;
import dev.gofetch.bundle.BundleCreator;
import dev.gofetch.bundle.BundleException;
import dev.gofetch.bundle.BundleImporter;
import dev.gofetch.bundle.Manifest;
import dev.gofetch.bundle.Progress;
import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.Session;
import dev.gofetch.proxy.ProxyConfigException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/// `gofetch bundle create|verify|import`: offline bundles for air-gapped machines.
///
/// - `create -o FILE [-C DIR]... [all | path@version ...]` downloads what `go mod download` would in
///   each main module and writes one reproducible archive (see {@link BundleCreator});
/// - `verify FILE` checks a bundle offline and prints a summary;
/// - `import FILE` verifies, then fills GOMODCACHE so that `GOPROXY=off` builds work.
final class BundleCommand {
    static final String USAGE = """
            usage: gofetch bundle create -o file [-C dir]... [-p N] [-created time] [all | path@version ...]
                   gofetch bundle verify file
                   gofetch bundle import [-p N] file""";

    int run(List<String> args, Context ctx) throws UsageException, CommandException {
        if (args.isEmpty()) {
            throw new UsageException("", USAGE);
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "create" -> create(rest, ctx);
            case "verify" -> verify(rest, ctx);
            case "import" -> importBundle(rest, ctx);
            default -> throw new UsageException("unknown bundle command \"" + args.get(0) + "\"", USAGE);
        };
    }

    private int create(List<String> args, Context ctx) throws UsageException, CommandException {
        List<Path> dirs = new ArrayList<>();
        List<String> others = takeDirFlags(args, ctx.dir(), dirs);
        Flags flags = new Flags("bundle create").string("o", "file to write").string("C", "dir")
                .string("p", "N modules in flight").string("created", "time (RFC 3339)").parse(others);
        if (!flags.has("o") || flags.get("o", "").isEmpty()) {
            throw new UsageException("missing -o file", USAGE);
        }
        int parallelism = Parallelism.parse(flags);
        Instant created = creationTime(flags, ctx);
        if (dirs.isEmpty()) {
            dirs.add(ctx.dir());
        }
        Path out = ctx.dir().resolve(flags.get("o", ""));
        try (Session session = Session.open(ctx.goEnv(), parallelism)) {
            BundleCreator creator = BundleCreator.plan(session, dirs, flags.args(), ctx.dir(), ctx::warn);
            ProgressLine downloads = ctx.interactive()
                    ? new ProgressLine(ctx.err(), creator.downloadCount(), System::nanoTime) : null;
            try {
                creator.download(downloads != null ? downloads : DownloadListener.NONE, parallelism);
            } finally {
                if (downloads != null) {
                    downloads.clear();
                }
            }
            PhaseLine phase = ctx.interactive() ? new PhaseLine(ctx.err(), System::nanoTime) : null;
            Manifest manifest;
            try {
                manifest = creator.write(out, created, phase != null ? phase : Progress.NONE);
            } finally {
                if (phase != null) {
                    phase.clear();
                }
            }
            int zips = (int) manifest.modules().stream().filter(m -> m.zip() != null).count();
            ctx.out().println("wrote " + flags.get("o", "") + ": " + manifest.modules().size() + " module versions ("
                    + zips + " with zips, " + (manifest.modules().size() - zips) + " go.mod only), "
                    + ProgressLine.human(java.nio.file.Files.size(out)));
            return 0;
        } catch (BundleException e) {
            e.problems().forEach(p -> ctx.err().println("gofetch: " + p));
            return 1;
        } catch (ProxyConfigException e) {
            throw new CommandException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException("writing " + flags.get("o", "") + ": " + e.getMessage(), e);
        }
    }

    /// Pulls every `-C dir` out of the flags (it may repeat), resolving each against base.
    private static List<String> takeDirFlags(List<String> args, Path base, List<Path> dirs) throws UsageException {
        List<String> others = new ArrayList<>();
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--") || !a.startsWith("-") || a.equals("-")) {
                break;
            }
            if (a.equals("-C") || a.equals("--C")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("flag needs an argument: -C", USAGE);
                }
                dirs.add(base.resolve(args.get(++i)));
            } else if (a.startsWith("-C=") || a.startsWith("--C=")) {
                dirs.add(base.resolve(a.substring(a.indexOf('=') + 1)));
            } else {
                others.add(a);
                String name = a.replaceFirst("^--?", "");
                if (!name.contains("=") && List.of("o", "p", "created").contains(name) && i + 1 < args.size()) {
                    others.add(args.get(++i));
                }
            }
        }
        others.addAll(args.subList(i, args.size()));
        return others;
    }

    /// `-created`, else `SOURCE_DATE_EPOCH` (the reproducible-builds convention), else none.
    private static Instant creationTime(Flags flags, Context ctx) throws UsageException {
        if (flags.has("created")) {
            String v = flags.get("created", "");
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                throw new UsageException("invalid value \"" + v + "\" for flag -created: want an RFC 3339 time "
                        + "such as 2024-05-01T12:00:00Z", USAGE);
            }
        }
        String epoch = ctx.environment().getOrDefault("SOURCE_DATE_EPOCH", "");
        if (epoch.isEmpty()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(epoch));
        } catch (NumberFormatException e) {
            throw new UsageException("invalid SOURCE_DATE_EPOCH \"" + epoch + "\": want seconds since 1970", USAGE);
        }
    }

    private int verify(List<String> args, Context ctx) throws UsageException, CommandException {
        Flags flags = new Flags("bundle verify").parse(args);
        if (flags.args().size() != 1) {
            throw new UsageException("bundle verify takes one bundle file", USAGE);
        }
        String name = flags.args().get(0);
        Bundle bundle = open(name, ctx, "nothing was changed");
        if (bundle == null) {
            return 1;
        }
        Bundle.Summary s = bundle.summary();
        Manifest m = bundle.manifest();
        ctx.out().println(name + ": verified: " + s.modules() + " module versions (" + s.zips() + " with zips, "
                + s.goModOnly() + " go.mod only), " + ProgressLine.human(s.bytes()));
        String from = m.sources().stream().map(Manifest.Source::module).distinct().collect(Collectors.joining(", "));
        ctx.out().println("  made by gofetch " + m.gofetchVersion() + (from.isEmpty() ? "" : " from " + from)
                + " for " + String.join(" ", m.query())
                + (m.created() != null ? ", created " + m.created() : ""));
        if (m.sumdb() != null) {
            ctx.out().println("  checksum-database files for " + m.sumdb().name() + ": " + m.sumdb().files().size()
                    + " (sizes and sha256 checked; signatures are not checked by this gofetch)");
        }
        return 0;
    }

    private int importBundle(List<String> args, Context ctx) throws UsageException, CommandException {
        Flags flags = new Flags("bundle import").string("p", "N modules at once").parse(args);
        if (flags.args().size() != 1) {
            throw new UsageException("bundle import takes one bundle file", USAGE);
        }
        int parallelism = Parallelism.parse(flags);
        String name = flags.args().get(0);
        try (Session session = Session.open(ctx.goEnv(), parallelism)) {
            Bundle bundle = open(name, ctx, "nothing was imported");
            if (bundle == null) {
                return 1;
            }
            PhaseLine phase = ctx.interactive() ? new PhaseLine(ctx.err(), System::nanoTime) : null;
            BundleImporter.Report r;
            try {
                r = BundleImporter.importInto(bundle, session.cache(), session.env().goFlags().modCacheRw(),
                        parallelism, phase != null ? phase : Progress.NONE);
            } finally {
                if (phase != null) {
                    phase.clear();
                }
            }
            ctx.out().println("imported " + name + " into " + session.cache().root() + ": "
                    + (r.zipsAdded() + r.zipsPresent()) + " modules (" + r.zipsAdded() + " new), "
                    + (r.modsAdded() + r.modsPresent()) + " go.mod files (" + r.modsAdded() + " new)");
            return 0;
        } catch (BundleException e) {
            e.problems().forEach(p -> ctx.err().println("gofetch: " + p));
            return 1;
        } catch (ProxyConfigException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    /// Verifies the bundle; on failure prints every problem and a last line saying what happened
    /// (`consequence`), and returns null.
    static Bundle open(String name, Context ctx, String consequence) throws CommandException {
        Path file = ctx.dir().resolve(name);
        PhaseLine phase = ctx.interactive() ? new PhaseLine(ctx.err(), System::nanoTime) : null;
        try {
            return Bundle.open(file, phase != null ? phase : Progress.NONE);
        } catch (NoSuchFileException e) {
            throw new CommandException("open " + name + ": no such file or directory", e);
        } catch (IOException e) {
            throw new CommandException("reading " + name + ": " + e.getMessage(), e);
        } catch (BundleException e) {
            if (phase != null) {
                phase.clear();
            }
            e.problems().forEach(p -> ctx.err().println("gofetch: " + name + ": " + p));
            ctx.err().println("gofetch: " + name + ": rejected (" + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "); " + consequence);
            return null;
        } finally {
            if (phase != null) {
                phase.clear();
            }
        }
    }
}
