package dev.gofetch.engine;

import dev.gofetch.module.GoModParseException;
import dev.gofetch.module.GoSum;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.resolve.GoModSource;
import dev.gofetch.resolve.MainModule;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.ResolveListener;
import dev.gofetch.resolve.Resolver;
import dev.gofetch.verify.SumChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/// A main module opened in a session: its go.mod, its go.sum (checked against every go.mod and zip
/// that is used, with the session's checksum database behind it for hashes go.sum lacks), and the
/// module graph loaded the way a given go command would load it.
public final class Project {
    private final Session session;
    private final MainModule main;
    private final SumChecker sums;
    private final Resolver.Command command;

    private Project(Session session, MainModule main, SumChecker sums, Resolver.Command command) {
        this.session = session;
        this.main = main;
        this.sums = sums;
        this.command = command;
    }

    /// Opens the main module in root for the given command (which decides `-mod` as the go command does).
    public static Project open(Session session, Path root, Resolver.Command command) throws ResolveException {
        return open(session, root, command, null);
    }

    /// @param cwd the user's working directory, for naming files in messages as the go command does
    public static Project open(Session session, Path root, Resolver.Command command, Path cwd)
            throws ResolveException {
        MainModule main = MainModule.load(root, cwd);
        Path goSumFile = root.resolve("go.sum");
        GoSum goSum;
        try {
            goSum = GoSum.parse(goSumFile.toString(), Files.readAllBytes(goSumFile));
        } catch (NoSuchFileException e) {
            goSum = GoSum.empty();
        } catch (IOException e) {
            throw new ResolveException("reading " + goSumFile + ": " + e.getMessage(), e);
        } catch (GoModParseException e) {
            throw new ResolveException(e.getMessage(), e);
        }
        return new Project(session, main, new SumChecker(goSum, "go.sum", session.checksumDatabase()), command);
    }

    public MainModule main() {
        return main;
    }

    public SumChecker sums() {
        return sums;
    }

    public Session session() {
        return session;
    }

    private Resolver.BuildMod buildMod() {
        if (command != Resolver.Command.LIST) {
            return Resolver.BuildMod.MOD;
        }
        return session.env().goFlags().mod().equals("mod") ? Resolver.BuildMod.MOD : Resolver.BuildMod.READONLY;
    }

    /// A downloader that checks this project's go.sum.
    public ModuleDownloader downloader(DownloadListener listener) {
        return new ModuleDownloader(session.cache(), session.proxy(), sums,
                session.env().goFlags().modCacheRw(), listener, session.zipTransfer());
    }

    /// go.mod files come from the module cache when there, otherwise from the mirrors (and are then
    /// cached); either way their hash is checked against go.sum.
    GoModSource goModSource() {
        ModuleDownloader d = downloader(DownloadListener.NONE);
        return (path, version) -> {
            try {
                return d.goMod(new ModuleVersion(path, version));
            } catch (dev.gofetch.proxy.ModuleFetchException e) {
                throw e;
            } catch (dev.gofetch.verify.ChecksumMismatchException e) {
                throw dev.gofetch.proxy.ModuleFetchException.security(path, version, e);
            } catch (IOException e) {
                throw new dev.gofetch.proxy.ModuleFetchException(path, version, e.getMessage(), false, e);
            }
        };
    }

    /// Loads the module graph as this project's command would.
    public Resolver.Result resolve(Consumer<String> warnings, ResolveListener listener) throws ResolveException {
        Resolver.Result r = resolvePartial(warnings, listener);
        if (r.error() != null) {
            throw r.error();
        }
        return r;
    }

    /// Loads as much of the module graph as possible; the result carries the error, if any.
    public Resolver.Result resolvePartial(Consumer<String> warnings, ResolveListener listener)
            throws ResolveException {
        String mod = session.env().goFlags().mod();
        boolean explicit = !mod.isEmpty() && command == Resolver.Command.LIST;
        Resolver.Options options = new Resolver.Options(buildMod(), explicit, command, session.localGoVersion());
        return new Resolver(main, goModSource(), session.executor(), options, warnings)
                .listener(Objects.requireNonNull(listener))
                .requireSums(sums::recorded)
                .loadModGraphPartial();
    }
}
