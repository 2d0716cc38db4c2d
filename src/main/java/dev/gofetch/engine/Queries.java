package dev.gofetch.engine;

import dev.gofetch.module.GoMod;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.Semver;
import dev.gofetch.proxy.ModuleFetchException;
import dev.gofetch.proxy.ModuleProxy;
import dev.gofetch.proxy.ModuleSource;
import dev.gofetch.proxy.Fetched;
import dev.gofetch.module.RevInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/// Version queries as the go command resolves them for `path@query` arguments (`modload.Query`):
/// canonical versions as they are; `latest`, `upgrade`, `patch`, prefixes (`v1`, `v1.2`) and
/// comparisons (`<v1.2.3`, `>=v1.5`) against the mirror's version list, releases before prereleases,
/// versions excluded by the main module or retracted by the module's latest go.mod skipped, and the
/// `@latest` endpoint when no tagged version fits.
final class Queries {
    private final ModuleProxy proxy;
    private final Predicate<ModuleVersion> excluded;
    private final GoModFetcher goMods;

    interface GoModFetcher {
        byte[] goMod(ModuleVersion m) throws java.io.IOException;
    }

    Queries(ModuleProxy proxy, Predicate<ModuleVersion> excluded, GoModFetcher goMods) {
        this.proxy = proxy;
        this.excluded = excluded;
        this.goMods = goMods;
    }

    /// @param current the version of path selected now ("" when none), for `upgrade` and `patch`
    String resolve(String path, String query, String current) throws ModuleFetchException {
        return resolveWithOrigin(path, query, current).version();
    }

    /// A query's answer and, when it came from version control, the origin the go command reports for
    /// the query (what the answer depends on: the tags, the ref); null otherwise.
    record Resolved(String version, RevInfo.Origin origin) {}

    Resolved resolveWithOrigin(String path, String query, String current) throws ModuleFetchException {
        if (Semver.isValid(query) && ModulePath.canonicalVersion(query).equals(query)) {
            if (!proxy.directFirst(path)) {
                return new Resolved(query, null);
            }
            // Version control may answer with another name (v2.0.0 → v2.0.0+incompatible).
            Fetched<RevInfo> info = proxy.stat(path, query);
            return new Resolved(info.value().version(), direct(info) ? info.value().origin() : null);
        }
        if (isRevision(query)) {
            Fetched<RevInfo> info = proxy.stat(path, query);
            return new Resolved(info.value().version(), direct(info) ? info.value().origin() : null);
        }
        Predicate<String> match;
        boolean preferLatestSelected = false;
        switch (query) {
            case "latest" -> match = v -> true;
            case "upgrade" -> {
                match = v -> true;
                preferLatestSelected = true;
            }
            case "patch" -> {
                if (current.isEmpty()) {
                    match = v -> true;
                } else {
                    String mm = Semver.majorMinor(current);
                    match = v -> Semver.majorMinor(v).equals(mm);
                }
                preferLatestSelected = true;
            }
            default -> match = comparison(path, query);
        }
        Fetched<ModuleSource.VersionList> listed = proxy.versionList(path, versionPrefix(query));
        boolean direct = direct(listed);
        OriginMerge origin = new OriginMerge(listed.value().origin());
        List<String> versions = listed.value().versions();
        List<String> allowed = new ArrayList<>();
        for (String v : versions) {
            if (match.test(v) && !excluded.test(new ModuleVersion(path, v))) {
                allowed.add(v);
            }
        }
        List<GoMod.Retract> retracts = allowed.isEmpty() ? List.of() : retractions(path, versions);
        allowed.removeIf(v -> isRetracted(v, retracts));
        String best = query.startsWith(">") ? pickLowest(allowed) : pick(allowed);
        if (best == null && (query.equals("latest") || query.equals("upgrade") || query.equals("patch"))) {
            try {
                RevInfo latest = proxy.latest(path).value();
                best = latest.version();
                origin.merge(latest.origin());
            } catch (ModuleFetchException e) {
                if (e.origin() != null) {
                    origin.merge(e.origin());
                }
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        if (best == null) {
            // NoMatchingVersionError names the query itself, so the module is named without it.
            throw new ModuleFetchException(path, "", "no matching versions for query " + quote(query), true, null)
                    .withOrigin(direct ? origin.value : null);
        }
        if (preferLatestSelected && !current.isEmpty() && Semver.compare(current, best) > 0) {
            best = current;
        }
        if (!direct) {
            return new Resolved(best, null);
        }
        origin.merge(proxy.stat(path, best).value().origin());
        return new Resolved(best, origin.value);
    }

    /// `queryMatcher.prefix`: "v1." for the query v1 or "v1.2." for v1.2, else "".
    private static String versionPrefix(String query) {
        return isPrefix(query) ? query + "." : "";
    }

    /// `gover.ModIsPrefix` for modules: v1 or v1.2, a semantic version missing its patch number.
    private static boolean isPrefix(String v) {
        if (!Semver.isValid(v) || !Semver.prerelease(v).isEmpty() || !Semver.build(v).isEmpty()) {
            return false;
        }
        return v.chars().filter(c -> c == '.').count() < 2;
    }

    private static boolean direct(Fetched<?> f) {
        return ModuleProxy.DIRECT.equals(f.mirror());
    }

    /// A query naming a branch, tag or commit rather than versions (`modload`'s `errRevQuery`).
    private static boolean isRevision(String query) {
        if (query.equals("latest") || query.equals("upgrade") || query.equals("patch")) {
            return false;
        }
        for (String op : new String[] {"<=", ">=", "<", ">"}) {
            if (query.startsWith(op)) {
                return false;
            }
        }
        return !Semver.isValid(query);
    }

    /// cmd/go's `mergeOrigin` folded over each lookup a query makes: null as soon as two disagree.
    private static final class OriginMerge {
        RevInfo.Origin value;

        OriginMerge(RevInfo.Origin first) {
            value = first;
        }

        void merge(RevInfo.Origin m2) {
            RevInfo.Origin m1 = value;
            if (m1 == null || m2 == null) {
                value = null;
                return;
            }
            if (!m1.vcs().equals(m2.vcs()) || !m1.url().equals(m2.url()) || !m1.subdir().equals(m2.subdir())) {
                value = null;
                return;
            }
            String hash = m1.hash();
            String tagSum = m1.tagSum();
            String tagPrefix = m1.tagPrefix();
            String repoSum = m1.repoSum();
            String ref = m1.ref();
            if (!m2.hash().isEmpty()) {
                if (!hash.isEmpty() && !hash.equals(m2.hash())) {
                    value = null;
                    return;
                }
                hash = m2.hash();
            }
            if (!m2.tagSum().isEmpty()) {
                if (!tagSum.isEmpty() && (!tagSum.equals(m2.tagSum()) || !tagPrefix.equals(m2.tagPrefix()))) {
                    value = null;
                    return;
                }
                tagSum = m2.tagSum();
                tagPrefix = m2.tagPrefix();
            }
            if (!m2.repoSum().isEmpty()) {
                if (!repoSum.isEmpty() && !repoSum.equals(m2.repoSum())) {
                    value = null;
                    return;
                }
                repoSum = m2.repoSum();
            }
            if (!m2.ref().isEmpty()) {
                if (!ref.isEmpty() && !ref.equals(m2.ref())) {
                    value = null;
                    return;
                }
                ref = m2.ref();
            }
            value = new RevInfo.Origin(m1.vcs(), m1.url(), m1.subdir(), hash, tagPrefix, tagSum, ref, repoSum);
        }
    }

    private static String quote(String s) {
        return dev.gofetch.module.GoStrings.quote(s);
    }

    /// Lowest release, else lowest prerelease (`>` and `>=` prefer the nearest version).
    private static String pickLowest(List<String> versions) {
        String release = null;
        String pre = null;
        for (String v : versions) {
            if (Semver.prerelease(v).isEmpty()) {
                if (release == null || Semver.compare(v, release) < 0) {
                    release = v;
                }
            } else if (pre == null || Semver.compare(v, pre) < 0) {
                pre = v;
            }
        }
        return release != null ? release : pre;
    }

    /// Highest release, else highest prerelease.
    private static String pick(List<String> versions) {
        String release = null;
        String pre = null;
        for (String v : versions) {
            if (Semver.prerelease(v).isEmpty()) {
                if (release == null || Semver.compare(v, release) > 0) {
                    release = v;
                }
            } else if (pre == null || Semver.compare(v, pre) > 0) {
                pre = v;
            }
        }
        return release != null ? release : pre;
    }

    private Predicate<String> comparison(String path, String query) throws ModuleFetchException {
        String op = "";
        for (String o : new String[] {"<=", ">=", "<", ">"}) {
            if (query.startsWith(o)) {
                op = o;
                break;
            }
        }
        String v = query.substring(op.length());
        if (!op.isEmpty() && !Semver.isValid(v)) {
            throw new ModuleFetchException(path, query, "invalid semantic version " + quote(v) + " in range "
                    + quote(query), false, null);
        }
        if ((op.equals("<=") || op.equals(">")) && isPrefix(v)) {
            throw new ModuleFetchException(path, query, "ambiguous semantic version " + quote(v) + " in range "
                    + quote(query), false, null);
        }
        if (!Semver.isValid(v)) {
            throw new ModuleFetchException(path, query,
                    "invalid version: gofetch understands exact versions, latest, upgrade, patch, prefixes and "
                            + "comparisons, not revision queries (branches, commits)", false, null);
        }
        if (op.isEmpty()) {
            // A prefix such as v1 or v1.2 (semver shorthand): the highest version with that prefix.
            String prefix = v + ".";
            return w -> w.startsWith(prefix) || w.equals(v);
        }
        return switch (op) {
            case "<" -> w -> Semver.compare(w, v) < 0;
            case "<=" -> w -> Semver.compare(w, v) <= 0;
            case ">" -> w -> Semver.compare(w, v) > 0;
            default -> w -> Semver.compare(w, v) >= 0;
        };
    }

    private List<GoMod.Retract> retractions(String path, List<String> versions) {
        String latest = pick(versions);
        if (latest == null) {
            return List.of();
        }
        try {
            GoMod mod = GoMod.parseLax("go.mod", goMods.goMod(new ModuleVersion(path, latest)));
            return mod.retracts();
        } catch (java.io.IOException | RuntimeException e) {
            // Retractions are advisory: the go command also proceeds when they cannot be loaded.
            return List.of();
        }
    }

    private static boolean isRetracted(String v, List<GoMod.Retract> retracts) {
        for (GoMod.Retract r : retracts) {
            if (Semver.compare(r.low(), v) <= 0 && Semver.compare(v, r.high()) <= 0) {
                return true;
            }
        }
        return false;
    }

}
