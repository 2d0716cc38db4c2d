package dev.gofetch.engine;

import dev.gofetch.cache.ModCache;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.verify.Hash1;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/// `go mod verify`: every zip and extracted tree in the module cache must still hash to its `.ziphash`.
public final class CacheVerifier {
    private final ModCache cache;

    public CacheVerifier(ModCache cache) {
        this.cache = cache;
    }

    /// The problems found for each module, in the order given (checked concurrently).
    public List<String> verify(List<ModuleVersion> modules, Executor executor) {
        List<CompletableFuture<List<String>>> checks = new ArrayList<>();
        for (ModuleVersion m : modules) {
            checks.add(CompletableFuture.supplyAsync(() -> verify(m), executor));
        }
        List<String> problems = new ArrayList<>();
        for (CompletableFuture<List<String>> c : checks) {
            problems.addAll(c.join());
        }
        return problems;
    }

    /// `verifyMod` of cmd/go: nothing to check when neither zip nor tree exists; otherwise a `.ziphash`
    /// must exist and both the zip and the tree must match it.
    public List<String> verify(ModuleVersion m) {
        if (m.version().isEmpty() || m.path().equals("go") || m.path().equals("toolchain")) {
            return List.of();
        }
        String who = m.path() + " " + m.version();
        Path zip = cache.zipFile(m);
        boolean zipExists = Files.exists(zip);
        Path dir = cache.extractedDir(m);
        boolean dirExists = cache.extractedState(m) == ModCache.ExtractedState.COMPLETE;
        String h;
        try {
            h = new String(Files.readAllBytes(cache.zipHashFile(m)), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            if (!zipExists && !dirExists) {
                return List.of();
            }
            return List.of(who + ": missing ziphash: open " + cache.zipHashFile(m) + ": no such file or directory");
        } catch (IOException e) {
            return List.of(who + ": missing ziphash: " + e.getMessage());
        }
        List<String> errs = new ArrayList<>();
        if (zipExists) {
            try {
                if (!Hash1.hashZip(zip).equals(h)) {
                    errs.add(who + ": zip has been modified (" + zip + ")");
                }
            } catch (IOException e) {
                return List.of(who + ": " + e.getMessage());
            }
        }
        if (dirExists) {
            try {
                if (!Hash1.hashDir(dir, m.path() + "@" + m.version()).equals(h)) {
                    errs.add(who + ": dir has been modified (" + dir + ")");
                }
            } catch (IOException e) {
                errs.add(who + ": " + e.getMessage());
                return errs;
            }
        }
        return errs;
    }
}
